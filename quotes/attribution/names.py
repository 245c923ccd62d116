"""Name heuristics shared by the engine's stages and its evaluation: pronouns, titles,
determiners, name particles, singular heads, folding and the clean-up of a written name."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import word_set

PRONOUNS = frozenset(
    {
        "il", "elle", "ils", "elles", "on", "lui", "eux", "-il", "-elle", "-ils", "-elles", "-on",
        "he", "she", "they", "him", "her", "them", "we", "i", "nous", "je", "moi",
    }
)  # fmt: skip
GENERIC_PRONOUNS = frozenset({"on", "-on", "-t-on"})
# "selon eux", "pour lui": the pronouns a preposition takes for a person.
STRESSED_PRONOUNS = frozenset({"lui", "elle", "eux", "elles"})
# "selon lequel", "pour laquelle" ("Le vote, pour lequel concouraient …"): the relative
# pronouns a preposition opens; after "pour" no source frame.
COMPOUND_RELATIVES = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})
RELATIVE_WORDS = COMPOUND_RELATIVES | {
    "qui", "dont", "où", "auquel", "auxquels", "auxquelles", "duquel", "desquels", "desquelles",
    "who", "which", "whose",
}  # fmt: skip
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles", "they", "them", "eux"})
# "ce dernier", "cette dernière": the last one named, resolved like the pronoun of its gender.
LAST_NAMED = {
    ("ce", "dernier"): "il",
    ("cette", "dernière"): "elle",
    ("ces", "derniers"): "ils",
    ("ces", "dernières"): "elles",
    # "Celui qui était jusqu'à présent président du parti annonce …": the one just named.
    ("celui",): "il",
    ("celle",): "elle",
    # "celle-ci a déclaré …": the one just named too.
    ("celui-ci",): "il",
    ("celle-ci",): "elle",
    ("ceux-ci",): "ils",
    ("celles-ci",): "elles",
    # "Interrogé samedi, l'intéressé a démenti": the one the article is about.
    ("l'intéressé",): "il",
    ("l’intéressé",): "il",
    ("l'intéressée",): "elle",
    ("l’intéressée",): "elle",
    # "a précisé l'un d'eux": one of the group just named, which speaks through them.
    ("l'un", "d'eux"): "ils",
    ("l’un", "d’eux"): "ils",
    ("l'une", "d'elles"): "elles",
    ("l’une", "d’elles"): "elles",
    ("l'un", "d'entre", "eux"): "ils",
    ("l’un", "d’entre", "eux"): "ils",
    ("l'une", "d'entre", "elles"): "elles",
    ("l’une", "d’entre", "elles"): "elles",
}
HONORIFICS = frozenset(
    {"m.", "mme", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "pr", "me", "maître"}
)
# Courtesy titles a stored name or alias is keyed without ("M. Fried" and "Fried" are one key).
COURTESY_TITLES = frozenset(
    {"m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", "prof", "professor", "me",
     "monsieur", "madame", "sir"}
)  # fmt: skip
# Determiners that open a common noun phrase ("le responsable", "the report"), not a name.
DETERMINERS = frozenset(
    {
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces",
        "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
        "the", "a", "an", "this", "that", "these", "those", "his", "its", "their", "our", "my",
        "your",
    }
)  # fmt: skip
# Pronouns that stand for a speaker without naming one: a stored speaker is never one of them.
SPEAKER_PRONOUNS = PRONOUNS | frozenset(
    {"celui", "celle", "ceux", "vous", "it", "you", "who"}
)  # fmt: skip
# Words that mark a mention as a pronoun or a description rather than a proper name; a gold
# speaker that is one of them alone cannot be matched by any name.
PRONOUNS_AND_DETERMINERS = SPEAKER_PRONOUNS | DETERMINERS | frozenset(
    {
        "plusieurs", "certains", "certaines", "qui", "celles", "cela", "tu", "some", "several",
        "many", "another", "us", "which", "one", "someone",
    }
)  # fmt: skip
# Lower-case particles inside a name ("Charles de Gaulle", "Bank of England").
NAME_PARTICLES = frozenset(
    {"de", "du", "des", "d", "la", "le", "von", "van", "der", "den", "di", "da", "del", "bin",
     "ben", "al", "el", "of", "and", "et", "y"}
)  # fmt: skip
ORGANISATION_HEADS = word_set("organisation_heads")
PERSON_HEADS = word_set("person_heads")
# Heads of a noun phrase that names someone who may speak: a person's role or a body.
SPEAKER_HEADS = PERSON_HEADS | ORGANISATION_HEADS
# The recognisers' labels of people (French model, English model).
PERSON_LABELS = frozenset({"PER", "PERSON"})
# "l'accusé", "L’Ukraine": the elided definite article.
ELIDED_ARTICLES = frozenset({"l'", "l’"})
# "l'administration", "d'Etat": an elided article or preposition opening a word.
ELIDED = re.compile(r"^[ld]['’]", re.IGNORECASE)
# Words of a mention longer than this are a description ("la directrice du groupe …").
NAME_MAX_WORDS = 6
# "<>": markup left around a name ('tweet-date="…">Sanders said').
STRIP_CHARACTERS = " \t\n\u00a0\u202f,.;:!?«»“”„\"'’()[]<>-–—"
NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_name(text: str) -> str:
    """Trim punctuation and a leading elided article ("L’Ukraine" -> "Ukraine")."""
    name = " ".join(text.split()).strip(STRIP_CHARACTERS)
    lowered = name.lower()
    for article in ELIDED_ARTICLES:
        if lowered.startswith(article):
            name = name[len(article) :].strip(STRIP_CHARACTERS)
            break
    if name.count("«") > name.count("»"):
        name += " »"  # a title the name ends with: "un rapport sur « Les revenus »"
    elif name.count("“") > name.count("”"):
        name += "”"
    return name


def last_named(text: str) -> str | None:
    """The pronoun a mention such as "ce dernier" or "Celle-ci" stands for ("il", "elle"), or
    None for any other mention."""
    return LAST_NAMED.get(tuple(text.lower().split()))


def bare_pronoun(text: str) -> str:
    """A pronoun without the hyphen and "t" of an inversion ("-t-il" -> "il"), lower case."""
    return text.lower().lstrip("-").removeprefix("t-")


def is_pronoun_text(text: str) -> bool:
    """Whether a mention is a bare personal pronoun."""
    return bare_pronoun(text) in PRONOUNS or text.lower() in PRONOUNS


def without_titles(name: str) -> str:
    """ "président Obama", "M. Fried" -> "Obama", "Fried": titles the NER left in a name."""
    words = name.split()
    titles = 0
    while titles < len(words) - 1 and (
        words[titles].lower() in HONORIFICS or words[titles].lower() in PERSON_HEADS
    ):
        titles += 1
    rest = words[titles:]
    if titles and all(word[:1].isupper() for word in rest):
        return " ".join(rest)
    return name


def singular_in(word: str, heads: frozenset[str]) -> bool:
    """ "officials", "habitants", "groups": a plural of a listed head noun counts too, and so
    does a compound of one ("journaliste-économiste", "avocats-conseils")."""
    if word in heads or (word[-1:] in ("s", "x") and word[:-1] in heads):
        return True
    return "-" in word.strip("-") and any(
        singular_in(part, heads) for part in word.split("-") if part
    )


def fold(text: str) -> str:
    """Case- and accent-folded words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NON_WORD.sub(" ", stripped).split())


def without_courtesy_title(name: str) -> str:
    """The name without one leading courtesy title ("M. Fried" -> "Fried")."""
    words = name.strip().split(maxsplit=1)
    if len(words) == 2 and words[0].lower().removesuffix(".") in COURTESY_TITLES:
        return words[1]
    return name.strip()


def is_proper_name(mention: str) -> bool:
    """Whether a mention names someone: "Daniel Fried", "Trump", "le Kremlin", not "il" or
    "le responsable" (a capitalised word after the determiners, at most NAME_MAX_WORDS)."""
    words = mention.replace("’", "'").split()
    if not words or len(words) > NAME_MAX_WORDS:
        return False
    if len(words) == 1 and fold(words[0]) in SPEAKER_PRONOUNS:
        return False
    while words and (words[0].lower() in DETERMINERS or ELIDED.match(words[0])):
        head = words.pop(0)
        if len(head) > 2 and ELIDED.match(head):
            words.insert(0, head[2:])
            break
    return any(ELIDED.sub("", word)[:1].isupper() for word in words)


def singular(word: str) -> str:
    """A folded word without its plural ending ("budgets", "jeux", "policies")."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("eaux", "eux")):
        return word[:-1]
    return word[:-1] if word.endswith("s") else word
