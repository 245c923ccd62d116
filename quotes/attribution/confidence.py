"""Confidence of an attribution: a raw score from its evidence, calibrated on the gold.

The calibrated confidence of a quote is the share of gold quotes with the same language,
evidence, kind and speaker route (named, pronoun, none) that were right end to end, shrunk
toward the share of the broader group (evidence and route, then route, then the language) when
the group is small. Two kinds of outcomes are counted: the engine's on the dev gold now, and its
"first looks", on each gold set when it was scored blind, before anyone tuned on it. The dev
sets overstate how often the engine is right on new articles, so where a language has first
looks, a dev outcome counts DEV_WEIGHT of a first-look one. `manage.py calibrate` refits the
table.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Candidate
    from .resolution import ResolvedSpeaker

CALIBRATION_FILE = Path(__file__).parent / "data" / "calibration.json"
EVIDENCE_CONFIDENCE = {
    "incise": 0.9,
    "signed": 0.85,
    "repeated": 0.7,
    "clause": 0.85,
    "source": 0.8,
    "colon": 0.8,
    "object": 0.6,
    "inherited": 0.65,
    "bare": 0.45,
}
# How many quotes of the broader group a group's own count must outweigh before its own share
# dominates: small groups borrow their parent's share instead of swinging on a few quotes.
PRIOR_STRENGTH = 8.0
# What one dev outcome weighs beside one first-look outcome in a language that has first looks
# (README, issue 10's sixth round: chosen by holding out each first-look set in turn).
DEV_WEIGHT = 0.25
MIN_CONFIDENCE = 0.05
MAX_CONFIDENCE = 0.99


@dataclass(frozen=True)
class ConfidenceFeatures:
    """What the calibration table is keyed on."""

    lang: str
    evidence: str
    kind: str
    speaker_route: str  # named, pronoun or none

    def groups(self) -> tuple[str, ...]:
        """Keys from the broadest group to the narrowest."""
        return (
            "*",
            self.speaker_route,
            f"{self.evidence}|{self.speaker_route}",
            f"{self.evidence}|{self.kind}|{self.speaker_route}",
        )


@dataclass(frozen=True)
class Observation:
    """The features and raw score behind one computed confidence."""

    features: ConfidenceFeatures
    raw: float


_observations: contextvars.ContextVar[list[Observation] | None] = contextvars.ContextVar(
    "confidence_observations", default=None
)


def features_of(candidate: Candidate, speaker: ResolvedSpeaker, lang: str) -> ConfidenceFeatures:
    """The calibration key of an attributed candidate."""
    if speaker.name is None:
        route = "none"
    elif speaker.via_pronoun:
        route = "pronoun"
    else:
        route = "named"
    return ConfidenceFeatures(lang, candidate.evidence, candidate.kind, route)


def raw_score(candidate: Candidate, speaker: ResolvedSpeaker) -> float:
    """The hand-set score: evidence strength, minus doubts about belief verbs and speakers."""
    score = EVIDENCE_CONFIDENCE[candidate.evidence]
    if candidate.kind == "direct":
        score += 0.05
    if candidate.belief:
        score -= 0.15
    if speaker.name is None:
        score -= 0.3
    elif speaker.via_pronoun:
        score -= 0.1
    return round(min(1.0, max(MIN_CONFIDENCE, score)), 3)


def attribution_confidence(candidate: Candidate, speaker: ResolvedSpeaker, lang: str) -> float:
    """The calibrated confidence, or the raw score for a language without a table."""
    features = features_of(candidate, speaker, lang)
    raw = raw_score(candidate, speaker)
    observations = _observations.get()
    if observations is not None:
        observations.append(Observation(features, raw))
    return calibrated(features, raw, load_calibration())


def calibrated(features: ConfidenceFeatures, raw: float, table: dict[str, Any]) -> float:
    """Look a quote's features up in a calibration table (as written by `fit_table`)."""
    dev = table.get("languages", {}).get(features.lang)
    first_looks = table.get("first_looks", {}).get(features.lang)
    if dev is None and first_looks is None:
        return raw
    dev_weight = table.get("dev_weight", DEV_WEIGHT) if first_looks else 1.0
    rate = 0.5
    strength = table.get("prior_strength", PRIOR_STRENGTH)
    for index, group in enumerate(features.groups()):
        dev_right, dev_total = (dev or {}).get(group, (0, 0))
        looked_right, looked_total = (first_looks or {}).get(group, (0, 0))
        right = looked_right + dev_weight * dev_right
        total = looked_total + dev_weight * dev_total
        # The broadest group has no parent: a flat prior of two pseudo-quotes is enough there.
        weight = 2.0 if index == 0 else strength
        rate = (right + weight * rate) / (total + weight)
    return round(min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, rate)), 3)


def fit_table(
    samples: Iterable[tuple[ConfidenceFeatures, bool]],
    first_looks: Iterable[tuple[ConfidenceFeatures, bool]] = (),
    *,
    prior_strength: float = PRIOR_STRENGTH,
    dev_weight: float = DEV_WEIGHT,
) -> dict[str, Any]:
    """Count right and judged quotes per group, per language, of the dev outcomes and of the
    first looks: the calibration table."""
    table: dict[str, Any] = {
        "prior_strength": prior_strength,
        "dev_weight": dev_weight,
        "languages": _counts(samples),
    }
    looked = _counts(first_looks)
    if looked:
        table["first_looks"] = looked
    return table


def _counts(
    samples: Iterable[tuple[ConfidenceFeatures, bool]],
) -> dict[str, dict[str, list[int]]]:
    languages: dict[str, dict[str, list[int]]] = {}
    for features, right in samples:
        counts = languages.setdefault(features.lang, {})
        for group in features.groups():
            cell = counts.setdefault(group, [0, 0])
            cell[0] += int(right)
            cell[1] += 1
    return {
        lang: {group: counts[group] for group in sorted(counts)}
        for lang, counts in sorted(languages.items())
    }


@functools.cache
def load_calibration() -> dict[str, Any]:
    """The committed calibration table, read once; empty (raw scores) when there is none."""
    if not CALIBRATION_FILE.is_file():
        return {}
    return json.loads(CALIBRATION_FILE.read_text("utf-8"))


@contextlib.contextmanager
def observing() -> Iterator[list[Observation]]:
    """Collect the features of every confidence computed inside, in order (for the fit)."""
    observations: list[Observation] = []
    token = _observations.set(observations)
    try:
        yield observations
    finally:
        _observations.reset(token)
