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
)
from quotes.management.commands._gold import BLIND_GOLD, attributed, dev_gold_paths, read_gold

# How right the engine was on each French set the first time it saw it, before it was tuned on
# it (written by scripts/first_look_outcomes.py). The dev sets, tuned on since, overstate how
# often it is right on new articles; these outcomes do not.
FIRST_LOOK_FILE = Path("bench/gold/first_look_outcomes.jsonl")
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
        looks = parser.add_mutually_exclusive_group()
        looks.add_argument(
            "--first-look", type=Path, default=None, help=f"default: {FIRST_LOOK_FILE}"
        )
        looks.add_argument(
            "--no-first-look", action="store_true", help="fit on the dev outcomes alone"
        )

    def handle(self, *args, **options):
        paths = dev_gold_paths(options["gold"])
        first_looks = {}
        if not options["no_first_look"]:
            first_looks = _first_look_samples(
                options["first_look"] or settings.BASE_DIR / FIRST_LOOK_FILE
            )
        samples_by_set = {path.name: _samples(path, read_gold(path)) for path in paths}
        table = _fit(_all(samples_by_set), _all(first_looks))
        table["fitted_on"] = sorted(samples_by_set)
        table["first_look_sets"] = sorted(first_looks)
        table["fitted_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        try:
            options["output"].write_text(_as_json(table), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {options['output']}: {error.strerror}") from error
        for line in _error_report(samples_by_set, first_looks, table):
            self.stdout.write(line)
        self.stdout.write(f"wrote {options['output']}")


def _samples(path: Path, docs: list[dict[str, Any]]) -> list[Sample]:
    """Features, raw score and end-to-end rightness of every judged prediction on the gold."""
    predictions = {}
    observed = {}
    for doc, attributions, seen in attributed(path, docs, observing):
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
    if not path.is_file():
        raise CommandError(
            f"first-look outcomes not found: {path} (write them with "
            "scripts/first_look_outcomes.py, or pass --no-first-look)"
        )
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise CommandError(f"{path.name}: not UTF-8 text ({error})") from error
    by_set: dict[str, list[Sample]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            features = ConfidenceFeatures(
                record["lang"], record["evidence"], record["kind"], record["speaker_route"]
            )
            if not isinstance(record["right"], bool):
                raise TypeError(f"right is {record['right']!r}, not true or false")
            sample = Sample(features, float(record["raw"]), record["right"], record["doc_id"])
            name = record["set"]
        except (ValueError, KeyError, TypeError) as error:
            message = f"{path.name}, line {number}: not a first-look outcome ({error})"
            raise CommandError(message) from error
        if f"{name}.jsonl" in BLIND_GOLD:
            message = f"{path.name}, line {number}: {name} is a blind set: never fit on it"
            raise CommandError(message)
        by_set.setdefault(name, []).append(sample)
    return by_set


def _as_json(table: dict[str, Any]) -> str:
    """The table as JSON with one group's [right, judged] counts per line, to read and diff."""
    text = json.dumps(table, indent=1, ensure_ascii=False)
    return COUNTS_OVER_LINES.sub(r"[\1, \2]", text) + "\n"


def _fit(samples: list[Sample], first_looks: list[Sample]) -> dict[str, Any]:
    return fit_table(
        ((sample.features, sample.right) for sample in samples),
        ((sample.features, sample.right) for sample in first_looks),
    )


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


def _held_out_folds(
    samples_by_set: dict[str, list[Sample]],
) -> dict[str, list[tuple[str, list[Sample]]]]:
    """Per language, folds to hold out, each with its set's name: its gold sets, or its one set
    cut by documents."""
    sets_by_lang: dict[str, list[tuple[str, list[Sample]]]] = {}
    for name, samples in samples_by_set.items():
        if samples:
            sets_by_lang.setdefault(samples[0].features.lang, []).append((name, samples))
    folds = {}
    for lang, sets in sets_by_lang.items():
        if len(sets) > 1:
            folds[lang] = sets
            continue
        ((name, only),) = sets
        documents = list(dict.fromkeys(sample.doc_id for sample in only))
        fold_of = {doc_id: index % DOCUMENT_FOLDS for index, doc_id in enumerate(documents)}
        folds[lang] = [
            (name, [sample for sample in only if fold_of[sample.doc_id] == fold])
            for fold in range(DOCUMENT_FOLDS)
        ]
    return folds


def _without(samples_by_set: dict[str, list[Sample]], name: str) -> list[Sample]:
    """The samples of every set but `name` (a gold file's name or its first looks' set)."""
    return [
        sample
        for other, samples in samples_by_set.items()
        if Path(other).stem != Path(name).stem
        for sample in samples
    ]


def _error_report(
    samples_by_set: dict[str, list[Sample]],
    first_looks: dict[str, list[Sample]],
    table: dict[str, Any],
) -> list[str]:
    """Errors of raw and calibrated scores: per set in sample, per language held out, then on
    each set's first look held out: how the table does on articles the engine was not tuned on.
    A held-out set's own outcomes, dev or first look, are never in the table that scores it."""
    lines = ["raw -> calibrated confidence, in sample:"]
    for name, samples in samples_by_set.items():
        if samples:
            lines.append(f"  {name}: {_errors(_scored(samples, None), _scored(samples, table))}")
    folds_by_lang = _held_out_folds(samples_by_set)
    for lang, folds in folds_by_lang.items():
        pooled = [sample for _name, fold in folds for sample in fold]
        errors = _errors(_scored(pooled, None), _scored(pooled, table))
        lines.append(f"  {lang}, all sets: {errors}")
    lines.append("held out (each fold scored by a table fitted without it):")
    for lang, folds in folds_by_lang.items():
        before: list[tuple[float, bool]] = []
        after: list[tuple[float, bool]] = []
        for index, (name, fold) in enumerate(folds):
            rest = [sample for other, (_, samples) in enumerate(folds) if other != index
                    for sample in samples]  # fmt: skip
            before += _scored(fold, None)
            after += _scored(fold, _fit(rest, _without(first_looks, name)))
        lines.append(f"  {lang}, {len(folds)} folds: {_errors(before, after)}")
    if first_looks:
        lines.append(
            "first looks held out (raw -> a table of the dev outcomes alone -> with the first "
            "looks; each set's dev and first-look outcomes left out):"
        )
        pooled: dict[str, list[tuple[float, bool]]] = {"raw": [], "dev": [], "both": []}
        for name, held in first_looks.items():
            dev = _without(samples_by_set, name)
            scores = {
                "raw": _scored(held, None),
                "dev": _scored(held, _fit(dev, [])),
                "both": _scored(held, _fit(dev, _without(first_looks, name))),
            }
            for key, scored in scores.items():
                pooled[key] += scored
            lines.append(f"  {name}: {_three_errors(scores)}")
        lines.append(f"  all first looks: {_three_errors(pooled)}")
    return lines


def _three_errors(scores: dict[str, list[tuple[float, bool]]]) -> str:
    eces = " -> ".join(f"{expected_calibration_error(scored):.3f}" for scored in scores.values())
    briers = " -> ".join(f"{brier_score(scored):.3f}" for scored in scores.values())
    return f"ECE {eces}, Brier {briers} ({len(scores['raw'])} judged quotes)"
