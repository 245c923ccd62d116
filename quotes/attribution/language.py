"""Offline French/English detection from stopword counts."""

from __future__ import annotations

import re

FRENCH_STOPWORDS = frozenset(
    "le la les un une des du de et est que qui dans pour pas sur au aux ce cette ces il elle ils "
    "elles nous vous se sont été avec par plus mais ou son sa ses leur leurs lui été être avait "
    "ont a selon après aussi très comme".split()
)
ENGLISH_STOPWORDS = frozenset(
    "the an and is are was were of to in that which who for not on at this these it he she "
    "they we you with by from but or his her their has have had been be said says would will "
    "as also very".split()
)
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
