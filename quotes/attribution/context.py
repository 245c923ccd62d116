"""Per-document context shared by the construction rules: candidates, quote lookups, regions."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .cues import Cue
from .lexicon import CONDITION_MARKERS, FRONTED_SUBORDINATORS, SUBORDINATOR_HEADS
from .marks import CLOSING_MARKS, OPENING_MARKS, QuotedSpan
from .speakers import SpeakerMention

# The French model often labels a subject "il" as expl:subj.
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")
PASSIVE_AUXILIARY_DEPS = frozenset({"aux:pass", "auxpass"})
COMPLEMENTISERS = frozenset({"que", "qu'", "qu’", "that"})
MIN_WORDS_OUTSIDE_FOR_MIXED = 1
MIN_INDIRECT_WORDS = 3
MAX_SENTENCES_JOINED = 3
# What opens a relative clause inside a noun phrase ("Le livre, qui est sorti …").
ASIDE_RELATIVES = frozenset({"qui", "que", "qu'", "qu’", "dont", "où", "lequel", "laquelle"})
# The third-person endings of the French future and conditional.
FUTURE_AND_CONDITIONAL_ENDINGS = ("ra", "ront", "rait", "raient")
# "extrait", "soustrait": the participles of "-traire", which end like a conditional.
TRAIRE_PARTICIPLE = "trait"
COORDINATORS = frozenset({"mais", "et", "puis", "but", "and"})
# "(NDLR : …)", "[N.D.L.R. …]": the editor's words inside an article, never a source's.
# ", en faisant", ", tout en estimant": a gerund (not "en tant que", "en avant").
GERUND = re.compile(r",\s+(?:tout\s+)?en\s+((?!tant\b|avant\b)\w+ant)\b", re.IGNORECASE)
EDITORS_NOTE = re.compile(r"[(\[]\s*N\.?\s?D\.?\s?L\.?\s?R\b", re.IGNORECASE)


def is_passive(verb: Token) -> bool:
    """ "ont été condamnés", "was asked", a past participle opening its sentence before a
    preposition or a comma ("Accusé de faire le bonheur des trafiquants, il est …"): the
    subject undergoes it and reports nothing."""
    if any(child.dep_ in PASSIVE_AUXILIARY_DEPS for child in verb.children):
        return True
    own_auxiliary = any(child.dep_.startswith("aux") for child in verb.children)
    if (
        verb.dep_ == "conj"
        and verb.head.i < verb.i
        and "Part" in verb.morph.get("VerbForm")
        and not own_auxiliary
        and any(child.dep_ in PASSIVE_AUXILIARY_DEPS for child in verb.head.children)
    ):
        return True  # "ont été arrêtés puis interrogés": the auxiliary serves both
    doc = verb.doc
    return (
        verb.is_sent_start
        and (verb.i == 0 or doc[verb.i - 1].is_punct or doc[verb.i - 1].is_space)
        and verb.i + 1 < len(doc)
        and (doc[verb.i + 1].pos_ == "ADP" or doc[verb.i + 1].text == ",")
        and "Part" in verb.morph.get("VerbForm")
        and "Past" in verb.morph.get("Tense")
        and not own_auxiliary
    )


@dataclass(frozen=True)
class Candidate:
    """A reported-content span with the cue and speaker mention that introduce it."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    speaker: SpeakerMention | None
    evidence: str  # incise, signed, repeated, clause, object, source, colon, inherited, bare
    belief: bool = False


@dataclass
class DocContext:
    """Per-document lookups shared by the content rules."""

    doc: Doc
    text: str
    lang: str
    quotes: list[QuotedSpan]
    quote_opens: list[int]
    inside_quote: list[bool]

    def quote_at(self, position: int) -> QuotedSpan | None:
        """The quoted passage whose marks enclose a character offset."""
        index = bisect.bisect_right(self.quote_opens, position) - 1
        if index >= 0 and self.quotes[index].contains(position):
            return self.quotes[index]
        return None

    def quotes_between(self, start: int, end: int) -> list[QuotedSpan]:
        """Quoted passages overlapping [start, end)."""
        first = max(0, bisect.bisect_right(self.quote_opens, start) - 1)
        found = []
        for quote in self.quotes[first:]:
            if quote.open_start >= end:
                break
            if quote.close_end > start:
                found.append(quote)
        return found


def make_context(doc: Doc, lang: str, quotes: list[QuotedSpan]) -> DocContext:
    """Index quotes by token so that rules can skip quoted words in linear time."""
    inside = [False] * len(doc)
    quote_index = 0
    for token in doc:
        while quote_index < len(quotes) and quotes[quote_index].close_end <= token.idx:
            quote_index += 1
        if quote_index < len(quotes):
            quote = quotes[quote_index]
            inside[token.i] = quote.open_start <= token.idx < quote.close_end
    return DocContext(doc, doc.text, lang, quotes, [quote.open_start for quote in quotes], inside)


# "« … de fraîcheur. » Battus …": the punctuation that ends a sentence inside the marks.
QUOTE_SENTENCE_ENDS = frozenset(".!?…")


def sentence_bounds(context: DocContext, token: Token) -> tuple[int, int]:
    """Character bounds of the token's sentence, widened so no quote is cut in two."""
    sentence = token.sent
    start, end = sentence.start_char, sentence.end_char
    for _ in range(MAX_SENTENCES_JOINED):
        quote = context.quote_at(start)
        if quote is not None and quote.open_start < start:
            start = quote.open_start
        if not continues_previous_sentence(context, start):
            break
        before = start
        while before > 0 and context.text[before - 1].isspace():
            before -= 1
        previous = context.doc.char_span(before - 1, before, alignment_mode="expand")
        if previous is None or not len(previous):
            break
        start = previous[0].sent.start_char
    quote = context.quote_at(start)
    if quote is not None and quote.open_start < start:
        start = quote.open_start
    end = _through_cut_sentences(context, end)
    quote = context.quote_at(max(start, end - 1))
    if quote is not None and quote.close_end > end:
        end = quote.close_end
    return _within_closed_quotes(context, token.idx, start, end)


def _within_closed_quotes(
    context: DocContext, position: int, start: int, end: int
) -> tuple[int, int]:
    """ "« … de fraîcheur. » Battus 3-0, les Tango glissent …": a quote whose words end a
    sentence, then a capital, ends the sentence the parser ran on."""
    text = context.text
    for quote in context.quotes_between(start, end):
        if (
            not (start < quote.close_end < end)
            or text[quote.start : quote.end].rstrip()[-1:] not in QUOTE_SENTENCE_ENDS
        ):
            continue
        following = quote.close_end
        while following < end and text[following] in " \u00a0\u202f":
            following += 1
        if following >= end or not text[following].isupper():
            continue
        if quote.close_end <= position:
            start = following
        elif quote.open_start > position:
            end = quote.close_end
            break
    return start, end


def _through_cut_sentences(context: DocContext, end: int) -> int:
    """The end of the sentence, past the parser's cuts where no punctuation ends it ("a annoncé
    qu'un délinquant … sur le site internet | Le Bon Coin, des articles …")."""
    text = context.text
    for _ in range(MAX_SENTENCES_JOINED):
        following = end
        while following < len(text) and text[following] in " \u00a0\u202f\t":
            following += 1
        if following >= len(text) or not continues_previous_sentence(context, following):
            break
        span = context.doc.char_span(following, following + 1, alignment_mode="expand")
        if span is None or not len(span) or span[0].sent.end_char <= end:
            break
        end = span[0].sent.end_char
    return end


def continues_previous_sentence(context: DocContext, start: int) -> bool:
    """Whether a parser sentence starting at a character goes on with the one before: a
    lowercase start after an unfinished sentence ("… Madrid Arena » qui peut contenir …"), or
    any start after a word or comma with no punctuation between ("… sur BFMTV | - RMC qu'il")."""
    text = context.text
    if start < len(text) and text[start] == ",":
        return True  # "Rana Sanaullah, ministre de … (qui en est la capitale) | , a précisé"
    if 0 < start < len(text) and text[start - 1].isalnum() and text[start] in "-‐":
        return True  # "le chef d'état | -major serait": the parser cut inside a word
    before = start
    while before > 0 and text[before - 1] in " \u00a0\u202f\t":
        before -= 1
    if 0 < before < start < len(text) and (text[before - 1].isalnum() or text[before - 1] == ","):
        return True
    if start >= len(text) or not (text[start].islower() or text[start] in OPENING_MARKS):
        return False
    if before == 0 or text[before - 1] in "\n.!?…:;":
        return False
    if text[before - 1] in CLOSING_MARKS:
        inner = before - 1
        while inner > 0 and text[inner - 1] in " \u00a0\u202f":
            inner -= 1
        return inner > 0 and text[inner - 1] not in ".!?…"
    return True


def classify_region(context: DocContext, start: int, end: int) -> tuple[int, int, str] | None:
    """Trim a content region and say whether it is direct, indirect or mixed."""
    text = context.text
    start, end = _strip(text, start, end, keep_marks=True)
    start, end = _within_brackets(text, start, end)
    start, end = _strip(text, start, end, keep_marks=True)
    if end <= start:
        return None
    inside = [q for q in context.quotes_between(start, end) if q.start < end and q.end > start]
    if not inside:
        start, end = _strip(text, start, end, keep_marks=False)
        return (start, end, "indirect") if end > start else None
    outside_words = 0
    cursor = start
    for quote in inside:
        outside_words += count_words(text[cursor : max(cursor, quote.open_start)])
        cursor = max(cursor, quote.close_end)
    outside_words += count_words(text[cursor:end])
    if outside_words < MIN_WORDS_OUTSIDE_FOR_MIXED and _one_passage(inside):
        return inside[0].start, inside[-1].end, "direct"
    return start, end, "mixed"


def _within_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """A content cut across brackets keeps to its side of them: "confirme l'introduction d'une
    taxe (la veille, X a …" stops before the bracket it left open, "(… X racontant que Y payait
    moins)" before the one closing the aside it is in, and "aux Gj (Gilets jaunes) de les
    représenter …", begun right after a bracket, starts after its end."""
    opened: list[int] = []
    for position in range(start, end):
        if text[position] == "(":
            opened.append(position)
        elif text[position] == ")":
            if opened:
                opened.pop()
            elif text[:start].rstrip().endswith("("):
                return position + 1, end
            else:
                return start, position
    return start, opened[0] if opened else end


def _one_passage(quotes: list[QuotedSpan]) -> bool:
    """One quotation: a single span, or the paragraphs of a quote running over several."""
    return all(quote.continues for quote in quotes[:-1])


def count_words(fragment: str) -> int:
    return sum(1 for word in fragment.split() if any(char.isalnum() for char in word))


def _strip(text: str, start: int, end: int, *, keep_marks: bool) -> tuple[int, int]:
    junk = " \t\n\u00a0\u202f,;:.-–—" if keep_marks else " \t\n\u00a0\u202f,;:.-–—«»“”„\"'’‘"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    # A lone opening mark left at the end or closing mark at the start belongs elsewhere.
    if keep_marks:
        while end > start and text[end - 1] in "«“„‘":
            end -= 1
            while end > start and text[end - 1] in junk:
                end -= 1
        while start < end and text[start] in "»”":
            start += 1
            while start < end and text[start] in junk:
                start += 1
    return start, end


def is_reported_clause(context: DocContext, region: tuple[int, int, str]) -> bool:
    """Unquoted content needs a finite verb and a few words ("Par ailleurs" is not content)."""
    start, end, kind = region
    if kind != "indirect":
        return True
    return count_words(context.text[start:end]) >= MIN_INDIRECT_WORDS and has_finite_verb(
        context.doc, start, end
    )


def has_finite_clause(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    subjects = [
        token
        for token in span
        if token.dep_ in SUBJECT_DEPS
        # "La | Chine | a connu …": a name the parser cut off as a sentence of its own, right
        # before a finite verb, is that verb's subject.
        or (
            token.dep_ == "ROOT"
            and token.pos_ in ("NOUN", "PROPN")
            and token.i + 1 < span.end
            and (
                "Fin" in span.doc[token.i + 1].morph.get("VerbForm")
                # "Un quatrième suspect | , en fuite, est recherché", "L'animal, long de 12
                # millimètres, serait …" (no subject tagged): cut off before an aside.
                or (
                    span.doc[token.i + 1].text == ","
                    and any(
                        "Fin" in later.morph.get("VerbForm")
                        for later in span.doc[token.i + 1 : span.end]
                    )
                    and not any(
                        later.lower_ in ASIDE_RELATIVES
                        for later in span.doc[token.i + 1 : span.end]
                    )
                )
            )
        )
    ]
    # "Le nombre … est de 75 000 selon la CGT": the parser may hang the clause on the source.
    return any(token.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN") for token in subjects) or bool(
        subjects and any("Fin" in token.morph.get("VerbForm") for token in span)
    )


def opens_subordinate_clause(doc: Doc, start: int) -> bool:
    """Whether a subordinate clause opens at start ("Alors que …", "Même si …", "Lorsqu'il …"),
    so that a main clause follows it after a comma."""
    first = doc[start]
    following = doc[start + 1].lower_ if start + 1 < len(doc) else ""
    if first.lower_ in SUBORDINATOR_HEADS:
        return following in COMPLEMENTISERS or following.startswith(("qu'", "qu’"))
    if first.lower_ == "même":
        return following in CONDITION_MARKERS
    return first.lower_ in FRONTED_SUBORDINATORS


def tagged_finite(token: Token) -> bool:
    """Whether a word is a finite verb form by its tags, or by its ending when the tagger took a
    future or a conditional for a participle ("la rocade réduira de moitié le trafic"): only
    the participles of "-traire" end so."""
    if "Fin" in token.morph.get("VerbForm"):
        return True
    return (
        token.pos_ == "VERB"
        and "Part" in token.morph.get("VerbForm")
        and token.lower_.endswith(FUTURE_AND_CONDITIONAL_ENDINGS)
        and not token.lower_.endswith(TRAIRE_PARTICIPLE)
    )


def is_finite_verb(token: Token) -> bool:
    """A finite verb. A capitalised one is taken for a name the parser read as a verb ("The
    Independent"): a verb opening a line ("— Arrête.") is missed, which matters only for a
    line with no other verb."""
    return token.pos_ in ("VERB", "AUX") and tagged_finite(token) and token.text[0].islower()


def has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(tagged_finite(token) for token in span)


def before_narration_resumes(context: DocContext, start: int, end: int) -> int:
    """ "Selon ses propos, il n'aurait consommé que quatre bières et n'a donc pas réussi à …":
    content told in the reporting conditional ends where "et" or "mais" joins a verb in the
    indicative with no subject of its own; that verb is the writer's, back to facts."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    moods = (
        token.morph.get("Mood")
        for token in span
        if "Fin" in token.morph.get("VerbForm") and not context.inside_quote[token.i]
    )
    if "Cnd" not in next(moods, ()):
        return end
    for token in span[1:]:
        if token.lower_ not in COORDINATORS or context.inside_quote[token.i]:
            continue
        following = token.i + 1
        while following < span.end and doc[following].pos_ == "ADV":
            following += 1
        if following < span.end and "Ind" in doc[following].morph.get("Mood"):
            comma = token.i - 1 if doc[token.i - 1].text == "," else token.i
            return doc[comma].idx
    return end


def cut_at_next_boundary(context: DocContext, start: int, end: int) -> int:
    """End content at a semicolon, a colon opening a quote or an editor's note ("(NDLR : …)"),
    outside quotes."""
    text = context.text
    note = EDITORS_NOTE.search(text, start, end)
    if note is not None and context.quote_at(note.start()) is None:
        end = len(text[: note.start()].rstrip(" ,\u00a0"))
    position = start
    while position < end:
        semicolon = text.find(";", position, end)
        colon = text.find(":", position, end)
        found = [index for index in (semicolon, colon) if index >= 0]
        if not found:
            return end
        position = min(found)
        # French news splits "A : « B »" into reported content and a quote; English keeps one.
        hands_over = context.lang == "fr" and _opens_quote(context, position + 1, end)
        if context.quote_at(position) is None and (text[position] == ";" or hands_over):
            return position
        position += 1
    return end


def before_gerund(context: DocContext, start: int, end: int) -> int:
    """ "Selon les bilans, une centaine de personnes ont été tuées, en faisant l'une des
    attaques les plus violentes": after a source, a gerund after a comma is the writer's
    comment on the fact; the content ends before it. (After a reporting verb it may be the
    speaker's: "a annoncé que l'État réduirait le déficit, en supprimant 10 000 postes".)"""
    if context.lang != "fr":
        return end
    for match in GERUND.finditer(context.text, start, end):
        if context.quote_at(match.start()) is not None:
            continue
        verb = context.doc.char_span(match.start(1), match.end(1))
        if verb is not None and verb[0].pos_ in ("VERB", "AUX"):
            return match.start()
    return end


def _opens_quote(context: DocContext, position: int, end: int) -> bool:
    """ "… pendant des années : « Nous … »": the colon hands over to a quote."""
    text = context.text
    while position < end and text[position] in " \u00a0\u202f":
        position += 1
    quote = context.quote_at(position)
    return position < end and quote is not None and quote.open_start == position
