"""manage.py calibrate [GOLD.jsonl ...] [--output PATH]: refit the confidence table on dev gold."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.attribution.confidence import (
    CALIBRATION_FILE,
    ConfidenceFeatures,
    calibrated,
    fit_table,
    observing,
)
from quotes.attribution.evaluation import (
    brier_score,
    evaluate,
    expected_calibration_error,
    read_gold_file,
)
from quotes.attribution.pipeline import extract_parsed

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
    "../shared/data/polnear_dev.jsonl",
)
# Scored once, never looked into: fitting on it would spend the blind score. (fr_winer_blind,
# fr_winer_blind_next, fr_winer_blind4, fr_winer_blind5 and fr_winer_blind6 were the blind sets
# of issue 10's first five rounds.)
BLIND_GOLD = frozenset({"fr_winer_blind7.jsonl", "fr_winer_blind8.jsonl"})
# How right the engine was on each French set the first time it saw it, before it was tuned on
# it (written by scripts/first_look_outcomes.py). The dev sets, tuned on since, overstate how
# often it is right on new articles; these outcomes do not.
FIRST_LOOK_FILE = Path("bench/gold/first_look_outcomes.jsonl")
# One first-look outcome counts as this many dev outcomes: where the first looks saw a group,
# their share of right quotes dominates; the dev counts fill in the groups they barely saw.
# Chosen by holding out each first-look set in turn (README, issue 10's sixth round).
FIRST_LOOK_WEIGHT = 8
COUNTS_OVER_LINES = re.compile(r"\[\s+(\d+),\s+(\d+)\s+\]")
# A language with a single gold file is held out by documents instead, in this many folds.
DOCUMENT_FOLDS = 4


class Sample(NamedTuple):
    """One judged prediction: its calibration key, its raw score and whether it was right."""

    features: ConfidenceFeatures
    raw: float
    right: bool
    doc_id: str


class Command(BaseCommand):
    help = (
        "Run the engine on the dev gold, count per evidence, kind and speaker route how many "
        "quotes are right end to end, write the calibration table the engine loads, and print "
        "the expected calibration error before and after, in sample and on held-out folds."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", nargs="*", help="dev gold files (default: the dev sets)")
        parser.add_argument(
            "--output", type=Path, default=CALIBRATION_FILE, help="where to write the table"
        )
        parser.add_argument(
            "--first-look",
            type=Path,
            default=None,
            help=f"first-look outcomes (default: {FIRST_LOOK_FILE}; an empty file for none)",
        )

    def handle(self, *args, **options):
        paths = [Path(name) for name in options["gold"]] or [
            settings.BASE_DIR / name for name in DEV_GOLD
        ]
        for path in paths:
            if path.name in BLIND_GOLD:
                raise CommandError(f"{path.name} is a blind set: never fit on it")
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
        first_look_path = options["first_look"] or settings.BASE_DIR / FIRST_LOOK_FILE
        if not first_look_path.is_file():
            raise CommandError(f"no such file: {first_look_path}")
        first_looks = _first_look_samples(first_look_path)
        samples_by_set = {path.name: _samples(read_gold_file(path)) for path in paths}
        table = _fit(_all(samples_by_set), _all(first_looks))
        table["fitted_on"] = sorted(samples_by_set)
        table["first_looks"] = sorted(first_looks)
        table["first_look_weight"] = FIRST_LOOK_WEIGHT
        table["fitted_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        options["output"].write_text(_as_json(table), encoding="utf-8")
        for line in _error_report(samples_by_set, first_looks, table):
            self.stdout.write(line)
        self.stdout.write(f"wrote {options['output']}")


def _samples(docs: list[dict[str, Any]]) -> list[Sample]:
    """Features, raw score and end-to-end rightness of every judged prediction on the gold."""
    predictions = {}
    observed = {}
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        groups.setdefault(doc.get("lang") or "fr", []).append(doc)
    for lang, group in groups.items():
        with observing() as observations:
            found = extract_parsed((doc["text"] for doc in group), lang)
            for doc in group:
                before = len(observations)
                _parsed, attributions = next(found)
                seen = observations[before:]
                if len(seen) != len(attributions):
                    raise CommandError(f"{doc['id']}: a confidence computed off the output")
                predictions[str(doc["id"])] = attributions
                for attribution, observation in zip(attributions, seen, strict=True):
                    observed[id(attribution)] = (str(doc["id"]), observation)
    report = evaluate(docs, predictions)
    samples = []
    for item, right in report.judged:
        doc_id, observation = observed[id(item)]
        samples.append(Sample(observation.features, observation.raw, right, doc_id))
    return samples


def _first_look_samples(path: Path) -> dict[str, list[Sample]]:
    """The first-look outcomes of a file, by gold set."""
    by_set: dict[str, list[Sample]] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            features = ConfidenceFeatures(
                record["lang"], record["evidence"], record["kind"], record["speaker_route"]
            )
            sample = Sample(features, float(record["raw"]), bool(record["right"]), record["doc_id"])
            name = record["set"]
        except (ValueError, KeyError, TypeError) as error:
            message = f"{path.name}, line {number}: not a first-look outcome ({error})"
            raise CommandError(message) from error
        by_set.setdefault(name, []).append(sample)
    return by_set


def _as_json(table: dict[str, Any]) -> str:
    """The table as JSON with one group's [right, judged] counts per line, to read and diff."""
    text = json.dumps(table, indent=1, ensure_ascii=False)
    return COUNTS_OVER_LINES.sub(r"[\1, \2]", text) + "\n"


def _fit(samples: list[Sample], first_looks: list[Sample]) -> dict[str, Any]:
    weighted = [sample for sample in first_looks for _ in range(FIRST_LOOK_WEIGHT)]
    return fit_table((sample.features, sample.right) for sample in samples + weighted)


def _all(samples_by_set: dict[str, list[Sample]]) -> list[Sample]:
    return [sample for samples in samples_by_set.values() for sample in samples]


def _scored(samples: list[Sample], table: dict[str, Any] | None) -> list[tuple[float, bool]]:
    """Raw scores (no table) or the scores a table gives, with their outcomes."""
    return [
        (
            sample.raw if table is None else calibrated(sample.features, sample.raw, table),
            sample.right,
        )
        for sample in samples
    ]


def _errors(before: list[tuple[float, bool]], after: list[tuple[float, bool]]) -> str:
    return (
        f"ECE {expected_calibration_error(before):.3f} -> {expected_calibration_error(after):.3f}"
        f", Brier {brier_score(before):.3f} -> {brier_score(after):.3f}"
        f" ({len(after)} judged quotes)"
    )


def _held_out_folds(samples_by_set: dict[str, list[Sample]]) -> dict[str, list[list[Sample]]]:
    """Per language, folds to hold out: its gold sets, or its one set cut by documents."""
    sets_by_lang: dict[str, list[list[Sample]]] = {}
    for samples in samples_by_set.values():
        if samples:
            sets_by_lang.setdefault(samples[0].features.lang, []).append(samples)
    folds = {}
    for lang, sets in sets_by_lang.items():
        if len(sets) > 1:
            folds[lang] = sets
            continue
        (only,) = sets
        documents = list(dict.fromkeys(sample.doc_id for sample in only))
        fold_of = {doc_id: index % DOCUMENT_FOLDS for index, doc_id in enumerate(documents)}
        folds[lang] = [
            [sample for sample in only if fold_of[sample.doc_id] == fold]
            for fold in range(DOCUMENT_FOLDS)
        ]
    return folds


def _error_report(
    samples_by_set: dict[str, list[Sample]],
    first_looks: dict[str, list[Sample]],
    table: dict[str, Any],
) -> list[str]:
    """Errors of raw and calibrated scores: per set in sample, per language held out, then on
    each set's first look held out: how the table does on articles the engine was not tuned on."""
    lines = ["raw -> calibrated confidence, in sample:"]
    for name, samples in samples_by_set.items():
        if samples:
            lines.append(f"  {name}: {_errors(_scored(samples, None), _scored(samples, table))}")
    folds_by_lang = _held_out_folds(samples_by_set)
    for lang, folds in folds_by_lang.items():
        pooled = [sample for fold in folds for sample in fold]
        errors = _errors(_scored(pooled, None), _scored(pooled, table))
        lines.append(f"  {lang}, all sets: {errors}")
    first_look_samples = _all(first_looks)
    lines.append("held out (each fold scored by a table fitted without it):")
    for lang, folds in folds_by_lang.items():
        before: list[tuple[float, bool]] = []
        after: list[tuple[float, bool]] = []
        for index, fold in enumerate(folds):
            rest = [
                sample
                for other, samples in enumerate(folds)
                if other != index
                for sample in samples
            ]
            before += _scored(fold, None)
            after += _scored(fold, _fit(rest, first_look_samples))
        lines.append(f"  {lang}, {len(folds)} folds: {_errors(before, after)}")
    if first_looks:
        lines.append("first looks held out (each set's dev and first-look outcomes left out):")
        before, after = [], []
        for name, held in first_looks.items():
            dev = [
                sample
                for other, samples in samples_by_set.items()
                if Path(other).stem != name
                for sample in samples
            ]
            rest = [
                sample for other, samples in first_looks.items() if other != name
                for sample in samples
            ]  # fmt: skip
            scored = _scored(held, _fit(dev, rest))
            lines.append(f"  {name}: {_errors(_scored(held, None), scored)}")
            before += _scored(held, None)
            after += scored
        lines.append(f"  all first looks: {_errors(before, after)}")
    return lines
