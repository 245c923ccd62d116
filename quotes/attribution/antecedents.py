"""Who a pronoun speaker is, or the implicit speaker of a quote no cue attributes: a ranker
learned from the gold over the earlier mentions it may be.

Syntax settles some cases first (`resolution._constrained`: a subject of the pronoun's own
sentence is who it is; a name in the objects of that sentence, or of one whose subject is a
pronoun, is not). For the rest, hand-written preferences (the last one who spoke, else the first
subject of the nearest sentence, with exceptions) were right on 92% of the dev gold's pronoun
speakers they had been tuned on, but on 73% of those of each set the first time they saw it. The
ranker weighs the same signals (distance in sentences, subject, earlier speaker, kind,
agreement, recency, how often the sentences in reach name someone) with weights fitted on the
dev gold; held out by gold set it was right on 92% of the pronouns, and is on 83% of the
pronouns and implicit speakers together (README, issue 10's eighth round).
`manage.py fit_antecedents` refits the weights.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .names import PLURAL_PRONOUNS, last_named

if TYPE_CHECKING:
    from .speakers import SpeakerMention

RANKER_FILE = Path(__file__).parent / "data" / "antecedent_ranker.json"
# Recency ranks past this one weigh the same: the tenth name back is as unlikely as the sixth.
FARTHEST_RANK = 6
# The fit: L2 penalty on the weights (chosen by holding out each gold set in turn), and plain
# gradient descent, which converges on a few hundred choices in well under a second.
PENALTY = 0.03
FIT_STEPS = 3000
FIT_RATE = 0.5


@dataclass(frozen=True)
class Antecedent:
    """An earlier mention a pronoun may refer to: a name, a group or an earlier speaker."""

    position: int
    sentence: int
    name: str
    kind: str
    gender: str | None
    is_subject: bool
    description: str
    plural: bool = False
    speaks: bool = False  # the speaker of an earlier quote


@dataclass(frozen=True)
class Reachable:
    """An antecedent a pronoun may refer to, and how many sentences back it stands."""

    antecedent: Antecedent
    looked: int  # 0: the pronoun's own sentence; the quote's own sentences are not counted
    relaying: bool  # its sentence's main verb has a pronoun subject ("Il rejoint X")


FEATURES = (
    "same sentence",
    "one sentence back",
    "two sentences back",
    "three or four back",
    "five or more back",
    "subject",
    "spoke before",
    "last to speak",
    "person",
    "organisation",
    "group for a plural pronoun",
    "group for a singular pronoun",
    "gender known on both sides",
    "nearest",
    "second nearest",
    "recency rank",
    "last in its sentence",
    "first subject of its sentence",
    "last subject of its sentence",
    "in a sentence relaying a pronoun",
    "times named in reach",
    "nearest, for ce dernier",
    "described",
    "someone who spoke before",
    "someone named in this sentence or the one before",
    "someone who was a subject",
    "inverted pronoun, last to speak",
)


def feature_rows(mention: SpeakerMention, reachable: Sequence[Reachable]) -> list[list[float]]:
    """One row of FEATURES per reachable antecedent."""
    pronoun = mention.text.lower()
    stands_for = last_named(pronoun)
    # "ces derniers", "ceux-ci" are plural too.
    plural_pronoun = (stands_for or pronoun) in PLURAL_PRONOUNS
    inverted = pronoun.startswith("-")
    items = [item.antecedent for item in reachable]
    named = Counter(item.name for item in items)
    by_recency = sorted(range(len(items)), key=lambda index: -items[index].position)
    recency = {index: rank for rank, index in enumerate(by_recency)}
    last_speaker = max((item.position for item in items if item.speaks), default=None)
    spoke = {item.name for item in items if item.speaks}
    subjects = {item.name for item in items if item.is_subject}
    near = {entry.antecedent.name for entry in reachable if entry.looked <= 1}
    rows = []
    for index, entry in enumerate(reachable):
        item, looked = entry.antecedent, entry.looked
        sentence = [other.antecedent for other in reachable if other.looked == looked]
        sentence_subjects = [other.position for other in sentence if other.is_subject]
        rank = recency[index]
        row = (
            looked == 0,
            looked == 1,
            looked == 2,
            3 <= looked <= 4,
            looked >= 5,
            item.is_subject,
            item.speaks,
            item.position == last_speaker,
            item.kind == "person",
            item.kind == "organisation",
            item.plural and plural_pronoun,
            item.plural and not plural_pronoun,
            item.gender is not None and mention.gender is not None,
            rank == 0,
            rank == 1,
            min(rank, FARTHEST_RANK) / FARTHEST_RANK,
            item.position == max(other.position for other in sentence),
            item.is_subject and item.position == min(sentence_subjects),
            item.is_subject and item.position == max(sentence_subjects),
            looked > 0 and entry.relaying,
            math.log1p(named[item.name]) / 2,
            stands_for is not None and rank == 0,
            bool(item.description),
            item.name in spoke,
            item.name in near,
            item.name in subjects,
            inverted and item.position == last_speaker,
        )
        rows.append([float(value) for value in row])
    return rows


@dataclass(frozen=True)
class Choice:
    """One pronoun's choice, for the fit: the quote it speaks and the antecedents it had."""

    quote_start: int
    quote_end: int
    reachable: tuple[Reachable, ...]
    rows: list[list[float]]


# While observed (the fit): the choices made so far, and the weights to choose with.
_observed: contextvars.ContextVar[tuple[list[Choice], np.ndarray] | None] = contextvars.ContextVar(
    "antecedent_choices", default=None
)


def choose(
    mention: SpeakerMention, reachable: Sequence[Reachable], span: tuple[int, int]
) -> Antecedent | None:
    """The antecedent the ranker scores highest (the nearest of equals), or None."""
    if not reachable:
        return None
    rows = feature_rows(mention, reachable)
    observed = _observed.get()
    if observed is None:
        weights = load_weights()
    else:
        choices, weights = observed
        choices.append(Choice(span[0], span[1], tuple(reachable), rows))
    positions = [item.antecedent.position for item in reachable]
    return reachable[best(rows, positions, weights)].antecedent


def best(rows: list[list[float]], positions: list[int], weights: np.ndarray) -> int:
    """The index of the highest-scoring row; of equals, the latest mention."""
    scores = np.asarray(rows) @ weights
    return max(range(len(rows)), key=lambda index: (scores[index], positions[index]))


@functools.cache
def load_weights() -> np.ndarray:
    """The committed weights, read once."""
    return read_weights(RANKER_FILE)


def read_weights(path: Path) -> np.ndarray:
    """The weights of a file written by `model_json` (ValueError if fitted on other features
    or not one weight per feature)."""
    model = json.loads(path.read_text("utf-8"))
    if tuple(model["features"]) != FEATURES or len(model["weights"]) != len(FEATURES):
        raise ValueError(
            f"{path.name} does not weigh each of the ranker's features: refit it with "
            "manage.py fit_antecedents"
        )
    return np.asarray(model["weights"], dtype=float)


def fit(choices: Sequence[tuple[list[list[float]], list[bool]]]) -> np.ndarray:
    """Weights that make each choice's right antecedents likely (a conditional logit: softmax
    over a choice's antecedents, the right ones pooled); choices with none right are skipped."""
    kept = [(rows, labels) for rows, labels in choices if rows and any(labels)]
    if not kept:
        raise ValueError("no pronoun with a right antecedent to fit on")
    features = np.asarray([row for rows, _labels in kept for row in rows])
    right = np.asarray([label for _rows, labels in kept for label in labels], dtype=float)
    group = np.repeat(np.arange(len(kept)), [len(rows) for rows, _labels in kept])
    weights = np.zeros(features.shape[1])
    for _step in range(FIT_STEPS):
        scores = features @ weights
        top = np.full(len(kept), -np.inf)
        np.maximum.at(top, group, scores)
        exp = np.exp(scores - top[group])
        share = exp / np.bincount(group, exp)[group]
        right_share = exp * right / np.bincount(group, exp * right)[group]
        gradient = features.T @ (share - right_share) / len(kept) + PENALTY * weights
        weights -= FIT_RATE * gradient
    return weights


def model_json(weights: np.ndarray, **about: Any) -> str:
    """The weights by feature name, as the file `load_weights` reads."""
    model = {**about, "features": list(FEATURES), "weights": [round(w, 4) for w in weights]}
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def observing(weights: np.ndarray) -> Iterator[list[Choice]]:
    """Collect every pronoun's choice made inside, in order, choosing with these weights (for
    the fit, which must run when the committed file is stale or missing)."""
    choices: list[Choice] = []
    token = _observed.set((choices, weights))
    try:
        yield choices
    finally:
        _observed.reset(token)
