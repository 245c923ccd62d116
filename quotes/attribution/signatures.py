"""Quotes signed by a name line: pull quotes, dash signatures, transcript turns, name fragments."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from .context import Candidate, DocContext, is_finite_verb
from .marks import QuotedSpan
from .names import ORGANISATION_HEADS, PERSON_HEADS, SPEAKER_HEADS, singular_in
from .speakers import build_mention

PARAGRAPH = re.compile(r"[^\n]+")
MAX_SIGNATURE_WORDS = 9
MAX_SIGNED_ROLE_WORDS = 20
SPEAKER_LABEL = re.compile(r"([A-ZÀ-Ý][A-ZÀ-Ý.'’ -]{1,30}[A-ZÀ-Ý])\s?:\s+")
SIGNATURE_BREAKS_TRIED = 3
# "Porte-parole américain." after a quote: a verbless fragment this short names the speaker,
# with a lower-case continuation the parser split off ("fonctionnaire qui a demandé l'anonymat").
MAX_NAME_FRAGMENT_TOKENS = 8
MAX_NAME_FRAGMENT_CONTINUATION_TOKENS = 10
SENTENCE_BREAK = re.compile(r"[.!?](?=[\"”’]?[ \t]+[A-Z])")
# "… against Indiana Gov. Mike Pence", "Richard M. Nixon": a stop after a title, an initial or an
# acronym ends no sentence, so what follows it is no signature line.
ABBREVIATION_BEFORE_STOP = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Adm|Maj|Prof|Rev|Hon|Pres|Sec|Atty|Supt"
    r"|Jr|Sr|St|Mt|Ft|No|Vol|Inc|Corp|Co|Ltd|Bros|Jan|Feb|Aug|Sept|Oct|Nov|Dec|Mme|Mlle)"
    r"|\b[A-Z]|[A-Za-z]\.[A-Za-z])$"
)
ABBREVIATION_REACH = 8  # characters read before a stop: "Atty", "Sept", "N.Y"
# The dash may open the quote's line or the paragraph after it ("« … »\n\n— Jane Doe").
DASHES = frozenset("―—–")
SIGNING_LABELS = frozenset({"PER", "PERSON", "ORG", "LOC", "GPE"})
DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0\u202f]*(?:\n[ \t\u00a0\u202f]*){0,2}[―—–][ \t\u00a0\u202f]*"
    r"([^\n―—–«»“”\"]{3,160}?)[ \t]*(?=\n|$)"
)


def pull_quotes(context: DocContext) -> list[Candidate]:
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


def _is_signature(span: Span) -> bool:
    """A short name line ("Charles Bolden, NASA Administrator"): capitalised, verbless."""
    words = [token for token in span if not token.is_punct]
    if not 2 <= len(words) <= MAX_SIGNATURE_WORDS or not span.text.strip()[:1].isupper():
        return False
    if any(token.pos_ in ("VERB", "AUX") for token in span):
        return False
    return span[0].pos_ == "PROPN" and (
        span[0].ent_type_ in ("PER", "PERSON")
        or span[1].pos_ == "PROPN"
        # "— Stéphanie, témoin": a first name alone, and the role of a person after it.
        or (span[1].text == "," and singular_in(words[1].lower_, PERSON_HEADS))
    )


def _is_dash_signature(span: Span) -> bool:
    """After a quote, a dash signs it with a short capitalised line that states nothing and
    names someone, by a name or a role or body noun: "— Société Dark Star", "— Préfecture des
    Bouches-du-Rhône", "— NOAA", "— Donald Trump, Président élu"; not "— Publicité"."""
    words = [token for token in span if not token.is_punct]
    comma = next((token.i for token in span if token.text == ","), span.end)
    # "— Robert Kopp, professeur adjoint au département des sciences de la Terre de …": the
    # name is short; the role after its comma may run longer.
    named = [token for token in span.doc[span.start : comma] if not token.is_punct]
    return (
        1 <= len(named) <= MAX_SIGNATURE_WORDS
        and len(words) <= MAX_SIGNED_ROLE_WORDS
        # past nine words, only a name or a body before the comma ("— Extrait du rapport de la
        # commission, publié mardi, page 34" signs nothing)
        and (
            len(words) <= MAX_SIGNATURE_WORDS
            or any(token.ent_type_ in SIGNING_LABELS for token in named)
        )
        and span.text.strip()[:1].isupper()
        and not span.text.rstrip().endswith(("?", "!"))  # "— Et la suite ?": a question
        and not any(is_finite_verb(token) for token in span)
        and any(
            token.pos_ == "PROPN"
            or token.ent_type_ in SIGNING_LABELS
            or (token.is_upper and len(token) > 1)  # "NOAA"
            or singular_in(token.lower_, SPEAKER_HEADS)
            for token in words
        )
    )


def dash_signature(context: DocContext, quote: QuotedSpan) -> Candidate | None:
    """ "“…” ― Jane Doe" or "« … » — Jean Dupont": a quote signed after a dash (a dialogue
    turn is answered by the next one, never signed by it)."""
    if quote.mark in DASHES:
        return None
    match = DASH_SIGNATURE.match(context.text, quote.close_end)
    if match is None:
        return None
    span = context.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if span is None or not _is_dash_signature(span):
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


def transcript_turn(context: DocContext, quote: QuotedSpan) -> Candidate | None:
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


def with_fragment_speaker(context: DocContext, candidate: Candidate) -> Candidate:
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
    if (
        any(token.pos_ in ("VERB", "AUX") for token in following)
        or len(following) > MAX_NAME_FRAGMENT_TOKENS
    ):
        return candidate
    if not following[0].text[:1].isupper() or following[0].pos_ not in ("NOUN", "PROPN", "ADJ"):
        return candidate
    description = None
    if following.end < len(doc):
        continuation = doc[following.end].sent
        if continuation[0].is_lower and len(continuation) <= MAX_NAME_FRAGMENT_CONTINUATION_TOKENS:
            description = (continuation.start, continuation.end)
    fragment = build_mention(doc, following.start, following.end, description)
    if fragment is None:
        return candidate
    return replace(candidate, speaker=fragment)
