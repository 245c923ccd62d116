"""Offline language detection from stopword counts and the script of the letters."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import DATA, word_set

FRENCH_STOPWORDS = word_set("stopwords_fr")
ENGLISH_STOPWORDS = word_set("stopwords_en")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARACTERS = 5000
SUPPORTED_LANGUAGES = ("fr", "en")
# Below this many words a text is too short to be told apart from French or English.
MIN_WORDS = 20
# In 1,300 French and English news articles at least one word in six is on our two lists; a text
# where under one word in twenty is on them is in another language, even one we have no list for.
MIN_STOPWORD_SHARE = 0.05


def _other_stopwords() -> dict[str, frozenset[str]]:
    lists = {}
    for line in (DATA / "stopwords_other.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            lists[fields[0]] = frozenset(fields[1:])
    return lists


STOPWORDS = {"fr": FRENCH_STOPWORDS, "en": ENGLISH_STOPWORDS, **_other_stopwords()}


@dataclass(frozen=True)
class LanguageGuess:
    """What a text is written in: a language code when one is recognised, and its script."""

    code: str | None
    script: str = "Latin"

    @property
    def supported(self) -> bool:
        return self.script == "Latin" and self.code in SUPPORTED_LANGUAGES

    def describe(self) -> str:
        """A noun phrase for messages: "language 'de'", "Arabic script"."""
        if self.script != "Latin":
            return f"{self.script} script"
        if self.code:
            return f"language {self.code!r}"
        return "a language other than French or English"


def detect_language(text: str, default: str = "fr") -> str:
    """Return "fr" or "en" for a text, or default when the evidence is too thin."""
    french = english = 0
    for match in WORD.finditer(text[:SAMPLE_CHARACTERS]):
        word = match.group().lower()
        french += word in FRENCH_STOPWORDS
        english += word in ENGLISH_STOPWORDS
    if french == english:
        return default
    return "fr" if french > english else "en"


def _main_script(sample: str) -> str:
    """The script most letters are written in ("Latin", "Arabic", "Cyrillic", "CJK"...)."""
    counts: dict[str, int] = {}
    for char in sample:
        if char.isalpha():
            script = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    if counts.get("LATIN", 0) * 2 >= sum(counts.values()):
        return "Latin"
    script = max(counts, key=counts.__getitem__)
    return script if script == "CJK" else script.title()


def guess_language(text: str, default: str = "fr") -> LanguageGuess:
    """The language of a text, able to say "neither French nor English" (see LanguageGuess).

    A short text with no clear evidence gets default, as detect_language does.
    """
    sample = text[:SAMPLE_CHARACTERS]
    script = _main_script(sample)
    if script != "Latin":
        return LanguageGuess(None, script)
    words = [match.group().lower() for match in WORD.finditer(sample)]
    if len(words) >= MIN_WORDS:
        hits = {code: sum(word in stop for word in words) for code, stop in STOPWORDS.items()}
        ours = max(hits[code] for code in SUPPORTED_LANGUAGES)
        other = max((code for code in hits if code not in SUPPORTED_LANGUAGES), key=hits.get)
        if hits[other] > ours:
            return LanguageGuess(other)
        if ours < MIN_STOPWORD_SHARE * len(words):
            return LanguageGuess(None)
    return LanguageGuess(detect_language(text, default))
