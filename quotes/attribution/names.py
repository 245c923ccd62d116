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
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles", "they", "them", "eux"})
# "ce dernier", "cette dernière": the last one named, resolved like the pronoun of its gender.
LAST_NAMED = {
    ("ce", "dernier"): "il",
    ("cette", "dernière"): "elle",
    ("ces", "derniers"): "ils",
    ("ces", "dernières"): "elles",
}
HONORIFICS = frozenset(
    {"m.", "mme", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "pr", "me", "maître"}
)
# Words that mark a mention as a pronoun or a description rather than a proper name; a gold
# speaker that is one of them alone cannot be matched by any name.
PRONOUNS_AND_DETERMINERS = PRONOUNS | frozenset(
    {
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "ce", "cet", "cette", "ces",
        "son", "sa", "ses", "leur", "leurs", "mon", "ma", "mes", "notre", "nos", "votre", "vos",
        "plusieurs", "certains", "certaines", "qui", "celui", "celle", "ceux", "celles", "cela",
        "vous", "tu", "the", "a", "an", "this", "that", "these", "those", "his", "its", "their",
        "our", "my", "your", "some", "several", "many", "another", "it", "you", "us", "who",
        "which", "one", "someone",
    }
)  # fmt: skip
# Lower-case particles inside a name ("Charles de Gaulle", "Bank of England").
NAME_PARTICLES = frozenset(
    {"de", "du", "des", "d", "la", "le", "von", "van", "der", "den", "di", "da", "del", "bin",
     "ben", "al", "el", "of", "and", "et", "y"}
)  # fmt: skip
ORGANISATION_HEADS = word_set("organisation_heads")
PERSON_HEADS = word_set("person_heads")
LEADING_ARTICLES = ("l'", "l’")
STRIP_CHARACTERS = " \t\n\u00a0\u202f,.;:!?«»“”„\"'’()[]-–—"
NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_name(text: str) -> str:
    """Trim punctuation and a leading elided article ("L’Ukraine" -> "Ukraine")."""
    name = " ".join(text.split()).strip(STRIP_CHARACTERS)
    lowered = name.lower()
    for article in LEADING_ARTICLES:
        if lowered.startswith(article):
            name = name[len(article) :].strip(STRIP_CHARACTERS)
            break
    if name.count("«") > name.count("»"):
        name += " »"  # a title the name ends with: "un rapport sur « Les revenus »"
    elif name.count("“") > name.count("”"):
        name += "”"
    return name


def is_pronoun_text(text: str) -> bool:
    """Whether a mention is a bare personal pronoun."""
    return text.lower().lstrip("-").removeprefix("t-") in PRONOUNS or text.lower() in PRONOUNS


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
    """ "officials", "habitants", "groups": a plural of a listed head noun counts too."""
    return word in heads or (word[-1:] in ("s", "x") and word[:-1] in heads)


def fold(text: str) -> str:
    """Case- and accent-folded words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NON_WORD.sub(" ", stripped).split())
