"""Quote attribution engine: text in, Attribution records out (pure Python + spaCy, no Django)."""

from __future__ import annotations

from .language import detect_language
from .pipeline import extract, extract_many, extract_parsed, get_nlp
from .records import Attribution

__all__ = [
    "Attribution",
    "detect_language",
    "extract",
    "extract_many",
    "extract_parsed",
    "get_nlp",
]
