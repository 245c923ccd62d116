"""Word lists kept as data files in quotes/attribution/data/."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def word_set(name: str) -> frozenset[str]:
    """The whitespace-separated words of data/NAME.txt, without # comments."""
    words: set[str] = set()
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def phrase_set(name: str) -> frozenset[tuple[str, ...]]:
    """The lines of data/NAME.txt as lowercase word tuples, without # comments."""
    phrases = set()
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        words = tuple(line.split("#", 1)[0].lower().split())
        if words:
            phrases.add(words)
    return frozenset(phrases)


# Time adverbs and nouns: skipped between a verb and its subject or object, and never a speaker.
TIME_WORDS = word_set("time_words")
# "de" and its forms: "selon les propos de X", "le chef de l'État", "la ministre des Armées".
GENITIVES = frozenset({"de", "d'", "d’", "du", "des"})
# "selon les propos de X", "selon les informations du journal", "pour reprendre les mots de X":
# words for what X said or knows.
REPORTED_WORDS = frozenset(
    {"propos", "déclarations", "dires", "termes", "mots", "paroles", "expression", "formule",
     "informations", "connaissances", "chiffres", "estimations", "données", "calculs"}
)  # fmt: skip
# The forms of pouvoir and devoir: "peut-on lire", "pour qui seule une hausse pourrait être …".
MODAL_FORMS = frozenset(
    {"peut", "peuvent", "pouvait", "pouvaient", "pourra", "pourront", "pourrait", "pourraient",
     "doit", "doivent", "devait", "devaient", "devra", "devront", "devrait", "devraient"}
)  # fmt: skip
# Negation words after "ne": "ne … pas", "n'a jamais", "n'aurait, selon X, pas respecté".
NEGATIONS = frozenset({"pas", "jamais", "plus", "rien", "personne", "point", "guère"})
# Words opening an adverbial clause with "que": "tandis que", "alors que", "parce que", "afin que".
SUBORDINATOR_HEADS = frozenset(
    {"tandis", "alors", "bien", "parce", "pendant", "afin", "sans", "avant", "après", "dès"}
)
# "Si le gouvernement annonçait …": a condition in the imperfect imagines what is not said
# (French: the English model tags no imperfect); "Même si …, ": a clause before the main one.
CONDITION_MARKERS = frozenset({"si", "s'", "s’"})
# The words opening alone a subordinate clause set before its main clause ("Lorsqu'il …, ");
# the heads of SUBORDINATOR_HEADS do it with "que" ("Alors que …, "), "même" with "si".
FRONTED_SUBORDINATORS = CONDITION_MARKERS | {
    "quand", "lorsque", "lorsqu'", "lorsqu’", "puisque", "puisqu'", "puisqu’", "quoique",
    "quoiqu'", "quoiqu’",
}  # fmt: skip
# The finite forms of "être": "il est à noter que", "Le polonium est, selon lui, une …".
ETRE_FORMS = frozenset(
    {"est", "sont", "était", "étaient", "sera", "seront", "serait", "seraient", "fut", "furent"}
)
# Nouns a name follows: "selon son acronyme arabe", "le doux surnom de : « la bête »".
NAME_WORDS = frozenset(
    {"acronyme", "sigle", "abréviation", "appellation", "dénomination", "nom", "surnom"}
)
