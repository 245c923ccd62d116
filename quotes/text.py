"""Text normalisation shared by aliases, slugs and topics."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_LEADING_ARTICLE = re.compile(r"^(?:l'|d')", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w']+")


def fold(value: str) -> str:
    """Lower-case, strip accents and unify apostrophes, for case- and accent-free matching."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def normalize_name(value: str) -> str:
    """The key under which a speaker name or alias is unique: folded, elided article dropped."""
    folded = _NON_WORD.sub(" ", fold(value)).strip()
    folded = _LEADING_ARTICLE.sub("", folded)
    return " ".join(folded.replace("'", " ").split())
