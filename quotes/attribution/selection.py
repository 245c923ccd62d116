"""Selection among overlapping candidates, by strength of evidence."""

from __future__ import annotations

import sys

from .context import Candidate
from .spans import SpanIndex
from .speakers import SpeakerMention
from .subjects import is_thing

EVIDENCE_PRIORITY = {
    "incise": 7,
    "signed": 7,
    "repeated": 7,
    "clause": 6,
    "source": 5,
    "colon": 4,
    "object": 3,
    "inherited": 2,
    "bare": 1,
}


# "…, rapporte le quotidien Y": verbs by which a paper passes on what someone else said ("…, a
# regretté un salarié", "…, a démenti la fédération" speak for themselves).
RELAY_VERBS = frozenset({"rapporter", "relater"})
# "Marc Roy a dit que A, a déclaré Y": a plain verb of saying relays a named person's words.
PLAIN_SAYING = frozenset({"dire", "déclarer", "affirmer", "ajouter", "say", "add", "tell"})


def _overlap(first: Candidate, second: Candidate) -> int:
    return max(0, min(first.end, second.end) - max(first.start, second.start))


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best-evidenced candidate among overlapping ones; drop quotes inside mixed ones."""
    # "Selon des témoins, il aurait crié « … »": the witnesses' report stands, the cry inside it
    # goes (its "il" would be read as the witnesses).
    # "X aurait déclaré que A, rapporte le quotidien Y": the paper relays X's words, which stand
    # as X's report; the relay goes.
    candidates = [
        candidate
        for candidate in candidates
        if not any(_relays(candidate, other) for other in candidates if other is not candidate)
    ]
    candidates = [
        candidate
        for candidate in candidates
        if not any(
            _reported_inside(candidate, other) for other in candidates if other is not candidate
        )
    ]
    ranked = sorted(
        candidates,
        key=lambda candidate: (
            -EVIDENCE_PRIORITY[candidate.evidence] + (2 if is_thing(candidate.speaker) else 0),
            candidate.speaker is None,
            candidate.start,
        ),
    )
    kept: SpanIndex[Candidate] = SpanIndex()
    for candidate in ranked:
        length = candidate.end - candidate.start
        if not any(
            _clashes(candidate, length, other)
            for _, _, other in kept.overlapping(candidate.start, candidate.end)
        ):
            kept.add(candidate.start, candidate.end, candidate)
    return [candidate for _, _, candidate in kept.overlapping(0, sys.maxsize)]


def _clashes(candidate: Candidate, length: int, other: Candidate) -> bool:
    """Whether they share half the shorter one, or the candidate lies inside a mixed quote."""
    shared = _overlap(candidate, other)
    shorter = min(length, other.end - other.start)
    return shared * 2 >= shorter or (other.kind == "mixed" and shared == length)


def _reported_inside(inner: Candidate, outer: Candidate) -> bool:
    """Whether `inner` is a person's report opening `outer`'s content ("Selon plusieurs témoins,
    il aurait crié « … »"; not two reports fused, nor "le bilan fait état de")."""
    speaker = inner.speaker
    return (
        speaker is not None
        and not speaker.implicit
        and (speaker.is_pronoun or speaker.kind == "person")
        and outer.start <= inner.start
        and inner.end <= outer.end
        and speaker.start == outer.start
    )


def _relays(outer: Candidate, inner: Candidate) -> bool:
    """Whether `outer` is a paper's relay of someone's report with a verb of its own ("X aurait
    déclaré que A, rapporte Y")."""
    speaker = inner.speaker
    return (
        outer.evidence == "incise"
        and outer.cue is not None
        and (
            outer.cue.lemma in RELAY_VERBS
            or (outer.cue.lemma in PLAIN_SAYING and speaker is not None and _named_person(speaker))
        )
        and outer.speaker is not None
        and outer.speaker.start >= outer.end  # named after the words it relays
        and inner.evidence == "clause"
        and speaker is not None
        and not speaker.implicit
        and inner.end <= outer.end
        and outer.start <= speaker.start < inner.start
    )


def _named_person(speaker: SpeakerMention) -> bool:
    return speaker.kind == "person" and speaker.has_named_entity
