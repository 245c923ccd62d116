"""Cues to candidates: each cue goes to its construction family, content stops at the next cue."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from .clauses import (
    contrast_start,
    coordinated_report_start,
    coordination_start,
    forward_candidate,
    fronted_clause_end,
    split_at_second_clause,
)
from .context import Candidate, DocContext
from .cues import Cue
from .incises import find_incise, incise_boundary, incise_candidates, quote_said_alone
from .marks import CLOSING_MARKS
from .sources import is_mid_clause_source, source_candidate
from .subjects import PARTICIPLE_CLITICS, coordinated_subject, fronted_participle_end

PARTICIPLE_REACH = 40


def content_candidates(context: DocContext, cues: list[Cue]) -> list[Candidate]:
    """Each cue to its construction family; a content stops where the next cue's begins."""
    doc = context.doc
    incises = {}
    boundaries: list[int] = []
    for cue in cues:
        if cue.kind != "verb":
            token = doc[cue.start]
            if cue.start > 0 and doc[cue.start - 1].text == ",":
                # "…, selon lui, une substance …" inside a clause does not end the content.
                if not is_mid_clause_source(context, cue):
                    boundaries.append(doc[cue.start - 1].idx)
            else:
                # ".Pour X, …" (a missing space) still starts a new reported content.
                boundaries.append(token.idx + (1 if token.text.startswith(".") else 0))
            continue
        incise = find_incise(context, cue)
        if incise is not None:
            incises[cue.start] = incise
            boundaries.append(incise_boundary(doc, incise.group_start))
            alone = quote_said_alone(context, incise)
            if alone is not None:
                boundaries.append(alone)
        elif (main_clause := fronted_participle_end(context, cue)) is not None:
            boundaries.append(main_clause)
        elif (opener := _participle_opener(doc, cue)) is not None:
            start = opener
            if start > 0 and doc[start - 1].lower_ == "tout":
                start -= 1  # "…, tout en disant …"
            boundaries.append(doc[start].idx)
        elif (coordination := coordination_start(context, cue)) is not None:
            boundaries.append(coordination)
        elif (second := coordinated_report_start(context, cue)) is not None:
            boundaries.append(second)
        elif (contrast := contrast_start(context, cue)) is not None:
            boundaries.append(contrast)
        if (main_clause := fronted_clause_end(context, cue)) is not None:
            boundaries.append(main_clause)
    boundaries.sort()
    candidates: list[Candidate] = []
    for cue in cues:
        if cue.kind != "verb":
            found = source_candidate(context, cue, boundaries)
            if found is not None:
                candidates.append(found)
        elif cue.start in incises and (said := incise_candidates(context, incises[cue.start])):
            if incises[cue.start].takes_up_previous and _holds_a_cue(doc, said[0], cues):
                continue  # "« … », a déclaré X. C'est ce qu'a répété Y": X's words stay X's
            candidates.extend(said)
        else:
            found = forward_candidate(context, cue, boundaries)
            if (
                found is not None
                and found.speaker is None
                and (
                    _is_dependent_participle(doc, cue)
                    or coordination_start(context, cue) is not None
                )
            ):
                found = _continue_previous_speaker(found, candidates)
                if found.speaker is None and coordination_start(context, cue) is not None:
                    found = replace(found, speaker=coordinated_subject(context, cue))
            if found is not None:
                candidates.extend(split_at_second_clause(context, found))
    return candidates


def _continue_previous_speaker(candidate: Candidate, earlier: list[Candidate]) -> Candidate:
    """ "X estime que « … » évoquant des « … »": the participle shares the previous speaker."""
    for previous in reversed(earlier):
        if previous.speaker is not None and 0 <= candidate.start - previous.end <= PARTICIPLE_REACH:
            return replace(candidate, speaker=previous.speaker)
    return candidate


def _is_dependent_participle(doc: Doc, cue: Cue) -> bool:
    """ "» évoquant des …", ", en affirmant que …": a new reported content starts here."""
    return _participle_opener(doc, cue) is not None


def _participle_opener(doc: Doc, cue: Cue) -> int | None:
    """The comma, "en" or closing mark before a participle cue (", y voyant …"), if any."""
    if not doc[cue.start].lower_.endswith(("ant", "ing")):
        return None
    index = cue.start - 1
    while index > 0 and doc[index].lower_ in PARTICIPLE_CLITICS:
        index -= 1
    if index < 0:
        return None
    previous = doc[index]
    if previous.text in {",", "en", "by"} or previous.text in CLOSING_MARKS:
        return index
    return None


def _holds_a_cue(doc: Doc, candidate: Candidate, cues: list[Cue]) -> bool:
    """Whether a cue lies in the candidate's content, so that it is someone's report already."""
    return any(candidate.start <= doc[cue.start].idx < candidate.end for cue in cues)
