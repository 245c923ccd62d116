"""Whole-passage steps after selection: repeated quotes, quoted fragments, paragraphs, datelines."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from spacy.tokens import Token

from .context import Candidate, DocContext
from .incises import InnerIncise
from .marks import CLOSING_MARKS, QuotedSpan
from .spans import SpanIndex
from .terms import is_used_unquoted

DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]{1,30}[A-Z.](?:, [A-Z][A-Za-z.]{1,15})?(?: \([^()\n]{1,30}\))?"
    r"[ \t\u00a0]*[—–-]{1,2}[ \t\u00a0]+(?=\S)"
)
MIN_WORDS_FOR_REPEATED_QUOTE = 8
SENTENCE_STOPS = ".!?…"


def woven_pieces(context: DocContext, candidate: Candidate) -> list[Candidate]:
    """A passage opened by a fragment of the writer's sentence, cut at each sentence inside it."""
    quote = context.quote_at(candidate.start)
    if (
        candidate.kind != "direct"
        or quote is None
        or not context.text[quote.start : quote.start + 1].islower()
        or not _opens_mid_sentence(context.text, quote)
    ):
        return [candidate]
    span = context.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return [candidate]
    cuts = [
        token.idx
        for token in span[1:]
        if token.is_sent_start and not token.is_space and _follows_stop(token)
    ]
    text = context.text
    pieces: list[Candidate] = []
    for start, end in itertools.pairwise([candidate.start, *cuts, candidate.end]):
        while end > start and text[end - 1].isspace():
            end -= 1
        if pieces and not any(char.isalnum() for char in text[start:end]):
            pieces[-1] = replace(pieces[-1], end=end)  # "… chance. —" keeps its dash
        else:
            pieces.append(replace(candidate, start=start, end=end))
    return pieces


def _follows_stop(token: Token) -> bool:
    """Whether the token comes right after a full stop, behind spaces or a closing mark."""
    previous = token.nbor(-1)
    while previous.i > 0 and (previous.is_space or previous.text in CLOSING_MARKS):
        previous = previous.nbor(-1)
    return previous.text[-1:] in SENTENCE_STOPS


def _opens_mid_sentence(text: str, quote: QuotedSpan) -> bool:
    """Whether the writer's words precede the opening mark in its sentence (a colon ends one)."""
    start = quote.open_start
    while start > 0 and text[start - 1] not in SENTENCE_STOPS + ":\n":
        start -= 1
    return any(char.isalnum() for char in text[start : quote.open_start])


def repeated_quotes(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A long quote repeated verbatim elsewhere (a pull quote and its paragraph) is quoted twice."""
    taken: SpanIndex[None] = SpanIndex()
    for candidate in candidates:
        if candidate.kind == "direct":
            taken.add(candidate.start, candidate.end, None)
    found: list[Candidate] = []
    searched: set[str] = set()
    for candidate in candidates:
        passage = text[candidate.start : candidate.end]
        if candidate.kind != "direct" or passage in searched:
            continue
        searched.add(passage)
        if len(passage.split()) < MIN_WORDS_FOR_REPEATED_QUOTE:
            continue
        position = text.find(passage)
        while position >= 0:
            end = position + len(passage)
            if next(taken.overlapping(position, end), None) is None:
                found.append(replace(candidate, start=position, end=end, evidence="repeated"))
                taken.add(position, end, None)
            position = text.find(passage, position + 1)
    return found


def with_quoted_fragments(context: DocContext, candidates: list[Candidate]) -> list[Candidate]:
    """Also give the pieces of a passage as direct quotes of the same speaker: the quoted words
    inside mixed content, and each paragraph of a quote running over several paragraphs."""
    result: list[Candidate] = []
    taken = {(candidate.start, candidate.end) for candidate in candidates}
    for candidate in candidates:
        result.append(candidate)
        if candidate.kind not in ("mixed", "direct"):
            continue
        pieces = [
            quote
            for quote in context.quotes_between(candidate.start, candidate.end)
            if candidate.start <= quote.start < candidate.end
        ]
        if candidate.kind == "direct" and len(pieces) < 2:
            continue
        for quote in pieces:
            if candidate.kind == "mixed" and is_used_unquoted(context, quote):
                continue  # "les « gilets jaunes »": the writer's term, no fragment of a quote
            if (quote.start, quote.end) not in taken:
                taken.add((quote.start, quote.end))
                result.append(replace(candidate, start=quote.start, end=quote.end, kind="direct"))
    return result


def speakers_from_next_paragraph(
    context: DocContext, candidates: list[Candidate]
) -> list[Candidate]:
    """A paragraph of a quote re-opened below takes the speaker attributed further down, and
    so does a quote right before one signed by an incise ("« A. » « B », a répondu X")."""
    by_start = {candidate.start: index for index, candidate in enumerate(candidates)}
    result = list(candidates)
    quotes = context.quotes
    for position in range(len(quotes) - 2, -1, -1):
        quote = quotes[position]
        index = by_start.get(quote.start)
        following = by_start.get(quotes[position + 1].start)
        if index is None or following is None:
            continue
        between = context.text[quote.close_end : quotes[position + 1].open_start]
        in_a_row = not between.strip(" \t\u00a0\u202f,") and (
            result[following].evidence == "incise"
        )
        if not (quote.continues or in_a_row):
            continue
        current = result[index]
        written = result[following].speaker
        if current.evidence in ("inherited", "bare") and written and not written.implicit:
            result[index] = replace(
                current,
                speaker=written,
                cue=result[following].cue,
                evidence="inherited",
            )
    return result


def without_dateline(text: str, candidate: Candidate) -> Candidate:
    """ "WASHINGTON (AP) — The Senate passed …, officials said": the place line is not content."""
    if candidate.start > 0 and text[candidate.start - 1] != "\n":
        return candidate
    dateline = DATELINE.match(text, candidate.start, candidate.end)
    if dateline is None:
        return candidate
    return replace(candidate, start=dateline.end())


def inner_incise_pieces(
    context: DocContext, candidate: Candidate, incises: list[InnerIncise]
) -> list[Candidate]:
    """ "« Ce que je veux, dit-il, c'est que mes enfants vivent ici »": the pieces of a quote
    around the incises in its marks. With no cue of its own, the quote takes the incise's cue,
    and its speaker when the incise names one (a pronoun only when the quote has none: the one
    who spoke before it stands)."""
    doc = context.doc
    inside = [
        incise
        for incise in incises
        if candidate.kind == "direct"
        and candidate.start < doc[incise.start].idx
        and doc[incise.end].idx < candidate.end
    ]
    if not inside:
        return [candidate]
    if candidate.cue is None:
        first = inside[0]
        candidate = replace(candidate, cue=first.cue)
        if first.named or candidate.speaker is None:
            candidate = replace(candidate, speaker=first.speaker, evidence="incise")
    text = context.text
    bounds = [candidate.start]
    for incise in inside:
        bounds += [doc[incise.start - 1].idx, doc[incise.end].idx + 1]
    bounds.append(candidate.end)
    pieces = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        while start < end and text[start].isspace():
            start += 1
        if any(char.isalnum() for char in text[start:end]):
            pieces.append(replace(candidate, start=start, end=end))
    return pieces
