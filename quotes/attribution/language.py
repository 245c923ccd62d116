"""Offline French/English detection from stopword counts."""

from __future__ import annotations

import re

from .lexicon import word_set

FRENCH_STOPWORDS = word_set("stopwords_fr")
ENGLISH_STOPWORDS = word_set("stopwords_en")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE_CHARACTERS = 5000


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
