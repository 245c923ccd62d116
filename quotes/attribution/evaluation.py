"""The accuracy metric of DESIGN.md ("How accuracy is measured"), as pure functions."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import NAME_PARTICLES, PRONOUNS, PRONOUNS_AND_DETERMINERS, fold
from .records import Attribution

NAME_WORD = re.compile(r"[\w’'.-]+", re.UNICODE)


@dataclass(frozen=True)
class GoldQuote:
    """One gold quotation."""

    start: int
    end: int
    kind: str
    speakers: tuple[str, ...]
    required: bool
    text: str


@dataclass(frozen=True)
class Finding:
    """A miss, a false positive or a wrong speaker, for the verbose listing."""

    doc_id: str
    start: int
    end: int
    text: str
    detail: str


@dataclass
class Report:
    """Counts and findings of one evaluation run."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    right_speakers: int = 0
    direct_true_positives: int = 0
    direct_false_positives: int = 0
    named_matches: int = 0
    named_right_speakers: int = 0
    predicted_speakers: int = 0
    real_speakers: int = 0
    speaker_scored: bool = True
    judged: list[tuple[Attribution, bool]] = field(default_factory=list)
    gold_by_kind: Counter[str] = field(default_factory=Counter)
    found_by_kind: Counter[str] = field(default_factory=Counter)
    misses: list[Finding] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)
    wrong_speakers: list[Finding] = field(default_factory=list)
    predicted_kinds: tuple[str, ...] = ("direct", "indirect", "mixed")

    @property
    def precision(self) -> float:
        """Quote precision."""
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        """Quote recall."""
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        """Quote F1."""
        return _f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float | None:
        """Share of matched quotes with the right speaker (None when gold has no speakers)."""
        if not self.speaker_scored:
            return None
        return _ratio(self.right_speakers, self.true_positives)

    @property
    def direct_precision(self) -> float:
        """Precision of the predictions of kind direct, with the same neutral items."""
        return _ratio(
            self.direct_true_positives, self.direct_true_positives + self.direct_false_positives
        )

    @property
    def named_speaker_accuracy(self) -> float | None:
        """Speaker accuracy on matched quotes whose gold speaker is a proper name."""
        if not self.speaker_scored:
            return None
        return _ratio(self.named_right_speakers, self.named_matches)

    @property
    def end_to_end_f1(self) -> float | None:
        """F1 where a match counts only with the right speaker."""
        if not self.speaker_scored:
            return None
        precision = _ratio(self.right_speakers, self.true_positives + self.false_positives)
        recall = _ratio(self.right_speakers, self.true_positives + self.false_negatives)
        return _f1(precision, recall)

    @property
    def real_speaker_share(self) -> float | None:
        """Share of the distinct speakers predicted per article that are gold speakers there."""
        if not self.speaker_scored:
            return None
        return _ratio(self.real_speakers, self.predicted_speakers)

    def confidence_outcomes(self) -> list[tuple[float, bool]]:
        """Confidence and end-to-end rightness of every judged prediction."""
        return [(item.confidence, right) for item, right in self.judged]

    def recall_by_kind(self) -> dict[str, float]:
        """Recall of required gold quotes per kind."""
        return {
            kind: _ratio(self.found_by_kind[kind], total)
            for kind, total in sorted(self.gold_by_kind.items())
        }


@dataclass(frozen=True)
class CalibrationBin:
    """Judged predictions whose confidence falls in one decile."""

    low: float
    high: float
    count: int
    mean_confidence: float
    share_right: float


def calibration_bins(outcomes: list[tuple[float, bool]], bins: int = 10) -> list[CalibrationBin]:
    """Count, mean confidence and share right per confidence decile (empty deciles left out)."""
    grouped: dict[int, list[tuple[float, bool]]] = {}
    for confidence, right in outcomes:
        index = min(bins - 1, max(0, int(round(confidence * bins, 9))))
        grouped.setdefault(index, []).append((confidence, right))
    return [
        CalibrationBin(
            index / bins,
            (index + 1) / bins,
            len(members),
            sum(confidence for confidence, _ in members) / len(members),
            sum(right for _, right in members) / len(members),
        )
        for index, members in sorted(grouped.items())
    ]


def expected_calibration_error(outcomes: list[tuple[float, bool]], bins: int = 10) -> float:
    """Mean gap between confidence and share right over deciles, weighted by their counts."""
    total = len(outcomes)
    return sum(
        bin_.count / total * abs(bin_.mean_confidence - bin_.share_right)
        for bin_ in calibration_bins(outcomes, bins)
    )


def brier_score(outcomes: list[tuple[float, bool]]) -> float:
    """Mean squared gap between confidence and rightness (1 or 0): lower ranks errors better."""
    squared = sum((confidence - right) ** 2 for confidence, right in outcomes)
    return squared / len(outcomes) if outcomes else 0.0


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def is_proper_name(text: str) -> bool:
    """Whether a speaker is a proper name: capitalised words, no pronoun or determiner first."""
    words = NAME_WORD.findall(text.replace("’", "'"))
    if not words:
        return False
    first = words[0].lower()
    if first in PRONOUNS_AND_DETERMINERS or re.match(r"^[ld]'", first):
        return False
    return all(
        word[0].isupper() or word[0].isdigit() or (index and word.lower() in NAME_PARTICLES)
        for index, word in enumerate(words)
        if word[0].isalnum()
    )


def speaker_matches(candidates: list[str | None], gold_speakers: tuple[str, ...]) -> bool:
    """True when a predicted name or mention equals, or contains as whole words, a gold speaker."""
    for candidate in candidates:
        if not candidate:
            continue
        folded = fold(candidate)
        if not folded or folded.lstrip("-").removeprefix("t ") in PRONOUNS or folded in PRONOUNS:
            continue
        for gold in gold_speakers:
            gold_folded = fold(gold)
            if not gold_folded:
                continue
            if f" {gold_folded} " in f" {folded} " or f" {folded} " in f" {gold_folded} ":
                return True
    return False


def read_gold_file(path: Path) -> list[dict[str, Any]]:
    """The gold documents of a JSON-lines file (ValueError when a line is not JSON)."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def gold_quotes(doc: dict[str, Any]) -> list[GoldQuote]:
    """Gold quotations of one gold document."""
    return [
        GoldQuote(
            quote["quote_start"],
            quote["quote_end"],
            quote.get("kind") or "direct",
            tuple(quote.get("speakers") or ()),
            bool(quote.get("required", True)),
            quote.get("quote_text") or doc["text"][quote["quote_start"] : quote["quote_end"]],
        )
        for quote in doc.get("quotes", [])
    ]


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, min(end, other_end) - max(start, other_start))


def spans_match(gold: GoldQuote, start: int, end: int) -> bool:
    """Whether a predicted span and a gold quote share half of each (DESIGN's match)."""
    shared = _overlap(gold.start, gold.end, start, end)
    return shared * 2 >= gold.end - gold.start and shared * 2 >= end - start


def is_judgeable(gold_speakers: tuple[str, ...]) -> bool:
    """Whether some gold speaker is more than a pronoun, so a predicted name can match it."""
    return any(fold(gold) and fold(gold) not in PRONOUNS_AND_DETERMINERS for gold in gold_speakers)


def evaluate(
    gold_docs: list[dict[str, Any]],
    predictions: dict[str, list[Attribution]],
    kinds: tuple[str, ...] | None = None,
) -> Report:
    """Score predictions (by document id) against gold documents."""
    all_gold = [quote for doc in gold_docs for quote in gold_quotes(doc)]
    speaker_scored = any(quote.speakers for quote in all_gold)
    if kinds is None:
        # A gold set of bare direct spans (GUM) only scores direct predictions.
        direct_only = all(quote.kind == "direct" for quote in all_gold) and not speaker_scored
        kinds = ("direct",) if direct_only else ("direct", "indirect", "mixed")
    report = Report(speaker_scored=speaker_scored, predicted_kinds=kinds)
    for doc in gold_docs:
        doc_id = str(doc["id"])
        predicted = [item for item in predictions.get(doc_id, []) if item.kind in kinds]
        _score_document(report, doc_id, doc["text"], gold_quotes(doc), predicted)
    return report


def _score_document(
    report: Report, doc_id: str, text: str, gold: list[GoldQuote], predicted: list[Attribution]
) -> None:
    pairs = []
    for gold_index, gold_quote in enumerate(gold):
        for predicted_index, item in enumerate(predicted):
            if spans_match(gold_quote, item.start, item.end):
                shared = _overlap(gold_quote.start, gold_quote.end, item.start, item.end)
                pairs.append((not gold_quote.required, -shared, gold_index, predicted_index))
    pairs.sort()
    gold_taken: dict[int, int] = {}
    predicted_taken: set[int] = set()
    for _optional, _shared, gold_index, predicted_index in pairs:
        if gold_index in gold_taken or predicted_index in predicted_taken:
            continue
        gold_taken[gold_index] = predicted_index
        predicted_taken.add(predicted_index)
    for gold_index, quote in enumerate(gold):
        if not quote.required:
            continue
        report.gold_by_kind[quote.kind] += 1
        if gold_index not in gold_taken:
            report.false_negatives += 1
            report.misses.append(Finding(doc_id, quote.start, quote.end, quote.text, quote.kind))
            continue
        report.true_positives += 1
        report.found_by_kind[quote.kind] += 1
        match = predicted[gold_taken[gold_index]]
        if match.kind == "direct":
            report.direct_true_positives += 1
        if not report.speaker_scored:
            continue
        named = bool(quote.speakers) and is_proper_name(quote.speakers[0])
        report.named_matches += int(named)
        right = speaker_matches([match.speaker, match.speaker_mention], quote.speakers)
        if is_judgeable(quote.speakers):
            report.judged.append((match, right))
        if right:
            report.right_speakers += 1
            report.named_right_speakers += int(named)
        else:
            shown = f"{match.speaker!r} ({match.speaker_mention!r})"
            detail = f"predicted {shown}, gold {list(quote.speakers)}"
            report.wrong_speakers.append(
                Finding(doc_id, quote.start, quote.end, quote.text, detail)
            )
    for predicted_index, item in enumerate(predicted):
        if predicted_index in predicted_taken:
            continue
        length = item.end - item.start
        neutral = any(
            _overlap(item.start, item.end, quote.start, quote.end) * 2 >= length for quote in gold
        )
        if not neutral:
            report.false_positives += 1
            report.direct_false_positives += int(item.kind == "direct")
            if report.speaker_scored:
                report.judged.append((item, False))
            detail = f"{item.kind}, speaker {item.speaker!r}, cue {item.cue!r}"
            report.false_alarms.append(Finding(doc_id, item.start, item.end, item.text, detail))
    if report.speaker_scored:
        _count_real_speakers(report, gold, predicted)


def _count_real_speakers(
    report: Report, gold: list[GoldQuote], predicted: list[Attribution]
) -> None:
    """Each distinct predicted speaker of an article, and whether it is one of its gold speakers."""
    gold_speakers = tuple(speaker for quote in gold for speaker in quote.speakers)
    speakers = {fold(item.speaker): item.speaker for item in predicted if item.speaker}
    for speaker in speakers.values():
        report.predicted_speakers += 1
        report.real_speakers += int(speaker_matches([speaker], gold_speakers))


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render_calibration(outcomes: list[tuple[float, bool]]) -> list[str]:
    """The calibration table per confidence decile and the expected calibration error."""
    lines = [
        "calibration (matched quotes whose gold names a speaker, and false positives):",
        "  confidence   count  mean conf  share right",
    ]
    for bin_ in calibration_bins(outcomes):
        lines.append(
            f"  {bin_.low:.1f}-{bin_.high:.1f}  {bin_.count:>8}  {bin_.mean_confidence:>9.3f}  "
            f"{bin_.share_right:>11.3f}"
        )
    lines.append(f"expected calibration error: {expected_calibration_error(outcomes):.3f}")
    return lines


def render(report: Report, *, verbose: bool = False) -> str:
    """The text report; with verbose, every miss, false positive and wrong speaker."""
    lines = [
        f"quotes: precision {_percent(report.precision)}  recall {_percent(report.recall)}  "
        f"F1 {_percent(report.f1)}  (tp {report.true_positives}, fp {report.false_positives}, "
        f"fn {report.false_negatives})",
        f"direct-quote precision: {_percent(report.direct_precision)}  "
        f"(tp {report.direct_true_positives}, fp {report.direct_false_positives})",
        f"speaker accuracy on matched quotes: {_percent(report.speaker_accuracy)}",
        f"speaker accuracy where the gold speaker is a name: "
        f"{_percent(report.named_speaker_accuracy)}  "
        f"({report.named_right_speakers}/{report.named_matches})",
        f"end-to-end F1: {_percent(report.end_to_end_f1)}",
        f"predicted speakers that are real sources (distinct per article): "
        f"{_percent(report.real_speaker_share)}  "
        f"({report.real_speakers}/{report.predicted_speakers})",
        "recall by kind: "
        + ", ".join(
            f"{kind} {_percent(value)} ({report.found_by_kind[kind]}/{report.gold_by_kind[kind]})"
            for kind, value in report.recall_by_kind().items()
        ),
    ]
    if report.predicted_kinds != ("direct", "indirect", "mixed"):
        lines.append(f"(predictions scored: {', '.join(report.predicted_kinds)} only)")
    if report.judged:
        lines += render_calibration(report.confidence_outcomes())
    if verbose:
        for title, findings in (
            ("MISSES", report.misses),
            ("FALSE POSITIVES", report.false_alarms),
            ("WRONG SPEAKERS", report.wrong_speakers),
        ):
            lines.append(f"\n{title} ({len(findings)})")
            for finding in findings:
                snippet = " ".join(finding.text.split())
                if len(snippet) > 160:
                    snippet = snippet[:157] + "..."
                lines.append(f"- [{finding.doc_id} {finding.start}:{finding.end}] {finding.detail}")
                lines.append(f"    {snippet}")
    return "\n".join(lines)
