"""The gold sets the fitting commands (calibrate, fit_antecedents) read, and how they read them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import CommandError

from quotes.attribution.evaluation import read_gold_file
from quotes.attribution.pipeline import TextOverLimit, extract_parsed
from quotes.attribution.records import Attribution

# The dev gold: French sets tuned on, and PolNeAR dev for English (GUM names no speakers).
DEV_GOLD = (
    "../shared/data/gold/fr_dev.jsonl",
    "bench/gold/fr_winer_dev.jsonl",
    "bench/gold/fr_heldout.jsonl",
    "bench/gold/fr_blind2.jsonl",
    "bench/gold/fr_blind3.jsonl",
    "bench/gold/fr_winer_blind.jsonl",
    "bench/gold/fr_winer_blind_next.jsonl",
    "bench/gold/fr_winer_blind4.jsonl",
    "bench/gold/fr_winer_blind5.jsonl",
    "bench/gold/fr_winer_blind6.jsonl",
    "bench/gold/fr_winer_blind7.jsonl",
    "bench/gold/fr_winer_blind8.jsonl",
    "bench/gold/fr_2012_blind.jsonl",
    "bench/gold/fr_winer_blind9.jsonl",
    "bench/gold/fr_winer_blind10.jsonl",
    "bench/gold/fr_winer_blind11.jsonl",
    "bench/gold/fr_winer_blind12.jsonl",
    "bench/gold/fr_winer_blind13.jsonl",
    "bench/gold/fr_winer_blind14.jsonl",
    "bench/gold/fr_winer_blind15.jsonl",
    "bench/gold/fr_winer_blind16.jsonl",
    "bench/gold/fr_winer_blind17.jsonl",
    "bench/gold/fr_winer_blind18.jsonl",
    "bench/gold/fr_winer_blind19.jsonl",
    "bench/gold/fr_winer_blind20.jsonl",
    "../shared/data/polnear_dev.jsonl",
)
# Scored once, never looked into: fitting on it would spend the blind score. fr_written_blind21
# (thirty invented articles, the Wikinews pools being used up) is the next round's. (fr_winer_blind,
# fr_winer_blind_next, fr_winer_blind4 to fr_winer_blind20 and fr_2012_blind were the blind
# sets of issue 10's earlier rounds.) The invented fr_probe sets are gated but not fitted on:
# their speakers are names only, by conventions simpler than the guidelines' (bench/gold/README.md).
BLIND_GOLD = frozenset({"fr_written_blind21.jsonl"})
# A gold document without a language is French, the language of most sets.
DEFAULT_LANGUAGE = "fr"

Observed = TypeVar("Observed")


def dev_gold_paths(names: list[str]) -> list[Path]:
    """The gold files named (default: the dev sets), or CommandError for a blind set, a missing
    file or two files of one name (sets go by file name)."""
    paths = [Path(name) for name in names] or [settings.BASE_DIR / name for name in DEV_GOLD]
    seen = set()
    for path in paths:
        if path.name in BLIND_GOLD:
            raise CommandError(f"{path.name} is a blind set: never fit on it")
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        if path.name in seen:
            raise CommandError(f"two gold files named {path.name}: sets go by file name")
        seen.add(path.name)
    return paths


def read_gold(path: Path) -> list[dict[str, Any]]:
    """A gold file's documents, or CommandError naming what is wrong with it."""
    try:
        docs = read_gold_file(path)
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text ({error})") from error
    except ValueError as error:
        raise CommandError(f"{path}: not JSON lines ({error})") from error
    for number, doc in enumerate(docs, start=1):
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str) or "id" not in doc:
            raise CommandError(f"{path}, document {number}: not a gold document (no id or text)")
    return docs


def attributed(
    path: Path,
    docs: list[dict[str, Any]],
    observing: Callable[[], AbstractContextManager[list[Observed]]],
) -> Iterator[tuple[dict[str, Any], list[Attribution], list[Observed]]]:
    """Each gold document with the engine's attributions and what `observing` collected while
    they were made, one language at a time (one batched parse per language)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        groups.setdefault(doc.get("lang") or DEFAULT_LANGUAGE, []).append(doc)
    for lang, group in groups.items():
        with observing() as observed:
            found = extract_parsed((doc["text"] for doc in group), lang)
            for doc in group:
                before = len(observed)
                try:
                    _parsed, attributions = next(found)
                except TextOverLimit as error:
                    raise CommandError(f"{path}: {error}") from error
                yield doc, attributions, observed[before:]
