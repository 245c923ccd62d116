"""Quotes no cue claimed: colon introductions, whole-sentence quotes, long quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from .colons import colon_speaker, passive_before_colon
from .context import Candidate, DocContext, sentence_bounds
from .marks import QuotedSpan
from .names import GENERIC_PRONOUNS, is_pronoun_text
from .signatures import dash_signature, transcript_turn
from .spans import SpanIndex
from .speakers import SpeakerMention, implicit_speaker
from .subjects import mention_for_subject, subject_of
from .terms import is_a_given_name, is_term_in_noun_phrase

# French news marks names and terms with « »; English news rarely uses marks for anything but
# speech, and its gold standards (GUM) count short quoted fragments as quotes.
MIN_WORDS_FOR_UNATTRIBUTED_QUOTE = {"fr": 6, "en": 1}
INHERITANCE_DISTANCE = 600
MIN_WORDS_FOR_BARE_FRAGMENT = 3
COLON_CONTINUATION = 3
# "Attentats de Bruxelles : le second kamikaze a été identifié": a topic, a colon, a headline.
HEADLINE = re.compile(r"[A-ZÀ-Ý][^:.!?]{0,40} : \S")
# "Pride and Prejudice": a title this long may have one small word in lower case.
MIN_WORDS_FOR_LOOSE_TITLE = 3


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


def unattributed_quotes(context: DocContext, candidates: list[Candidate]) -> list[Candidate]:
    """Quotes no cue claimed: colon introductions, whole-sentence quotes, long quotes."""
    doc = context.doc
    text = context.text
    found: list[Candidate] = []
    speakers = _SpeakersByEnd(candidates)
    claims = _Claims(candidates)

    def keep(candidate: Candidate, written: SpeakerMention | None = None) -> None:
        """Keep a candidate; a later quote may go on with `written`, its speaker as the text
        names it (for a quote no cue attributes, the one in reach when it was found)."""
        found.append(candidate)
        speakers.add(replace(candidate, speaker=written) if written else candidate)

    for quote in context.quotes:
        if claims.cover(quote):
            continue
        labelled = transcript_turn(context, quote) or dash_signature(context, quote)
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
        colon = before
        while colon > 0 and text[colon - 1].isspace():
            colon -= 1  # "X a réagi :" closing the paragraph before the quote's own
        if colon > 0 and text[colon - 1] == ":":
            if passive_before_colon(context, colon - 1):
                continue
            before = colon
            speaker = colon_speaker(context, before - 1)
            if speaker is None:
                # "Selon X, A : « B »": the quote goes on with the content that ends at the colon.
                speaker = speakers.before(before - 1, COLON_CONTINUATION)
            if speaker is not None or words >= 2:
                keep(
                    Candidate(
                        quote.start,
                        quote.end,
                        "direct",
                        None,
                        speaker or implicit_speaker(quote.start),
                        "colon",
                    ),
                    speaker,
                )
                continue
        outside = text[sentence_start : quote.open_start] + text[quote.close_end : sentence_end]
        whole_sentence = not any(char.isalnum() for char in outside)
        minimum_words = MIN_WORDS_FOR_UNATTRIBUTED_QUOTE.get(
            context.lang, MIN_WORDS_FOR_UNATTRIBUTED_QUOTE["fr"]
        )
        if not whole_sentence and (
            words < minimum_words
            or _looks_like_title(quote, text)
            or is_term_in_noun_phrase(context, quote)
            or is_a_given_name(context, quote)
            or _object_of_a_preposition(context, quote)
        ):
            continue
        if whole_sentence:
            subject = _previous_sentence_subject(context, quote)
        else:
            subject = _own_sentence_subject(context, quote)
        in_reach = subject or speakers.before(quote.open_start)
        evidence = "inherited" if in_reach is not None else "bare"
        if in_reach is None and not whole_sentence and words < MIN_WORDS_FOR_BARE_FRAGMENT:
            continue  # "a “courageous achievement”": a short term nobody is quoted saying
        # Syntax first: the subject of the quote's sentence (or of the one before a quote that
        # is a sentence of its own) speaks. Else who goes on speaking is chosen at resolution
        # among everyone named before, as for a pronoun; the last speaker is only one of them.
        speaker = subject or implicit_speaker(quote.start)
        keep(Candidate(quote.start, quote.end, "direct", None, speaker, evidence), in_reach)
    return found


def _object_of_a_preposition(context: DocContext, quote: QuotedSpan) -> bool:
    """ "mis en examen pour « recel de … »", "signé par des « … »": a charge or a label that a
    preposition outside the marks opens; nobody is quoted saying it."""
    span = context.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return False
    heads = [
        token
        for token in span
        if not token.is_punct and not quote.start <= token.head.idx < quote.end
    ]
    return len(heads) == 1 and any(
        child.dep_ == "case" and child.idx + len(child) <= quote.open_start
        for child in heads[0].children
    )


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
    governing = _governing_verb(context, quote)
    words = len(context.text[quote.start : quote.end].split())
    if governing is not None and words >= MIN_WORDS_FOR_BARE_FRAGMENT:
        # "rejetée par le gouvernement, qui ne veut pas « céder … »", "Elle souhaitait « graver
        # … »": the verb whose object the quote is says who wants, hopes or refuses it.
        mention = subject_of(context, governing)
        if mention is not None and (
            (is_pronoun_text(mention.text) and mention.text.lower() not in GENERIC_PRONOUNS)
            or mention.kind in ("person", "organisation")
        ):
            return mention
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
    return mention if mention.kind in ("person", "organisation") else None


def _governing_verb(context: DocContext, quote: QuotedSpan) -> Token | None:
    """The verb outside the marks nearest above the quoted words, before them."""
    span = context.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return None
    # The first word hung outside the marks: a long quote may have a later one the parser
    # joined to another verb.
    first = next(
        (
            token
            for token in span
            if not token.is_punct and not span.start <= token.head.i < span.end
        ),
        None,
    )
    if first is None:
        return None
    token = first.head
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX") or context.inside_quote[token.i] or token.i > span.start:
        return None
    return token


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


def _looks_like_title(quote: QuotedSpan, text: str) -> bool:
    """ "Andy Warhol: Photographs and Prints": every word capitalised, no sentence punctuation."""
    words = [word for word in text[quote.start : quote.end].split() if word[:1].isalpha()]
    if not words or text[quote.end - 1] in ".!?,":
        return False
    if HEADLINE.match(text[quote.start : quote.end]):
        return True  # "« Colombie : 71 morts lors du crash … »": a headline cited as a source
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised == len(words) or (
        len(words) >= MIN_WORDS_FOR_LOOSE_TITLE and capitalised >= len(words) - 1
    )


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
