"""Reported content around cues: inverted incises, content clauses, objects, source phrases."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .cues import INCISE_PRONOUNS, Cue
from .lexicon import phrase_set, word_set
from .marks import QuotedSpan
from .speakers import (
    ANONYMOUS_WORDS,
    ORGANISATION_HEADS,
    PERSON_HEADS,
    SpeakerMention,
    appositive_description,
    build_mention,
    noun_phrase,
)

# "''" is one token: some English papers print double quotes as two apostrophes.
CLOSING_MARKS = frozenset({"»", "”", '"', "“", "’", "'", "›", "''"})
OPENING_MARKS = frozenset({"«", "“", "„", '"', "‘", "'", "‹", "''"})
CLAUSE_STOPS = frozenset({".", ";", "!", "?", "…"})
# The French model often labels a subject "il" as expl:subj.
SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj")
CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "parataxis", "ccomp", "acl", "root", "ROOT"})
VERB_GROUP_WORDS = frozenset(
    {"l'", "l’", "le", "la", "lui", "leur", "se", "s'", "s’", "n'", "n’", "ne", "y", "en", "-t"}
    | INCISE_PRONOUNS
)
NAME_STOPS = frozenset({",", ".", ";", ":", "!", "?", "(", ")", "«", "»", "“", "”", '"', "—", "–"})
COMPLEMENTISERS = frozenset({"que", "qu'", "qu’", "that"})
PREPOSITIONS = word_set("prepositions")
TIME_WORDS = word_set("time_words")
ELIDED_CLITICS = frozenset(
    {"s'", "s’", "se", "l'", "l’", "le", "la", "les", "en", "y", "lui", "leur"}
)
PARTICIPLE_CLITICS = frozenset({"y", "se", "s'", "s’", "lui", "leur", "l'", "l’"})
INFINITIVE_CLITICS = ELIDED_CLITICS | {"ne", "n'", "n’", "pas", "plus", "jamais"}
MIN_WORDS_OUTSIDE_FOR_MIXED = 1
SHORT_QUOTE_WORDS = 8
MIN_INDIRECT_WORDS = 3
RELATIVE_WORDS = frozenset(
    {"qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles", "who", "which", "whose"}
)
RELATIVE_SOURCES = frozenset({"lequel", "laquelle", "lesquels", "lesquelles"})
NEGATIONS = frozenset({"pas", "jamais", "plus", "rien", "personne", "point", "guère"})
GENERIC_PRONOUNS = frozenset({"on", "-on", "-t-on"})
NP_BREAKING_PREPOSITIONS = frozenset(
    {"à", "au", "aux", "dans", "lors", "devant", "sur", "pendant", "depuis", "chez", "par", "en"}
)
CONJUNCTION_HEADS = frozenset(
    {"tandis", "alors", "bien", "parce", "pendant", "afin", "sans", "avant", "après", "dès",
     "ainsi", "lors", "pour", "de", "sorte", "moment", "fois", "plus", "moins", "autant", "aussi"}
)  # fmt: skip
MIN_OBJECT_WORDS = 3
MAX_SOURCE_TOKENS = 20
MAX_MID_CLAUSE_SOURCE_TOKENS = 8
ATTRIBUTION_NOUNS = word_set("attribution_nouns")
GENITIVES = frozenset({"de", "du", "des", "d'", "d’", "of", "from"})
MAX_ATTRIBUTING_SENTENCE_TOKENS = 16
MAX_SCAN_TOKENS = 16
MAX_NAME_ASIDE_TOKENS = 7
MAX_DATELINE_TOKENS = 8
DOCUMENT_NOUNS = frozenset(
    {"statement", "tweet", "post", "letter", "release", "memo", "email", "message", "filing"}
)
AUTHOR_PREPOSITIONS = frozenset({"from", "by", "of"})
# The English tagger's simple past ("said", "left"); the French model never gives it.
SIMPLE_PAST_TAG = "VBD"
DASHES = frozenset({"-", "–", "—", "--"})
# '"…," Merkel told reporters after the long meeting.': in English the words after an incise's
# verb may run on; a French incise that follows its quote is inverted ("…», a dit X").
LONG_INCISE_TAILS = frozenset({"en"})
MAX_SENTENCES_JOINED = 3
COORDINATORS = frozenset({"mais", "et", "puis", "but", "and"})
CONDITIONAL_MODALS = frozenset(
    {"pourrait", "pourraient", "devrait", "devraient", "could", "should", "might"}
)
ASIDES = phrase_set("verb_group_asides")
MAX_ASIDE_WORDS = max(len(aside) for aside in ASIDES)


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


def sentence_bounds(context: DocContext, token: Token) -> tuple[int, int]:
    """Character bounds of the token's sentence, widened so no quote is cut in two."""
    sentence = token.sent
    start, end = sentence.start_char, sentence.end_char
    for _ in range(MAX_SENTENCES_JOINED):
        quote = context.quote_at(start)
        if quote is not None and quote.open_start < start:
            start = quote.open_start
        if not _continues_previous_sentence(context, start):
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
    quote = context.quote_at(max(start, end - 1))
    if quote is not None and quote.close_end > end:
        end = quote.close_end
    return start, end


def _continues_previous_sentence(context: DocContext, start: int) -> bool:
    """ "… Madrid Arena » qui peut contenir …": a lowercase start after an unfinished sentence."""
    text = context.text
    if start >= len(text) or not (text[start].islower() or text[start] in OPENING_MARKS):
        return False
    before = start
    while before > 0 and text[before - 1] in " \u00a0\u202f\t":
        before -= 1
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
    if end <= start:
        return None
    inside = [q for q in context.quotes_between(start, end) if q.start < end and q.end > start]
    if not inside:
        start, end = _strip(text, start, end, keep_marks=False)
        return (start, end, "indirect") if end > start else None
    outside_words = 0
    cursor = start
    for quote in inside:
        outside_words += _count_words(text[cursor : max(cursor, quote.open_start)])
        cursor = max(cursor, quote.close_end)
    outside_words += _count_words(text[cursor:end])
    if len(inside) == 1 and outside_words < MIN_WORDS_OUTSIDE_FOR_MIXED:
        return inside[0].start, inside[0].end, "direct"
    return start, end, "mixed"


def _count_words(fragment: str) -> int:
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


def verb_group_start(doc: Doc, cue: Cue) -> int:
    """First token of "a-t-il déclaré", "l'a rappelé", "a également indiqué"."""
    index = cue.start
    while index > 0:
        previous = doc[index - 1]
        if previous.pos_ == "AUX" or previous.lower_ in VERB_GROUP_WORDS:
            index -= 1
            continue
        # "a également indiqué": an adverb inside the verb group.
        if (
            previous.pos_ == "ADV"
            and previous.lower_ not in {"comme", "as"}
            and index >= 2
            and (doc[index - 2].pos_ == "AUX" or doc[index - 2].lower_ in INCISE_PRONOUNS)
        ):
            index -= 1
            continue
        aside = _aside_length(doc, index)
        if aside and doc[index - aside - 1].pos_ == "AUX":
            index -= aside
            continue
        break
    return index


def _aside_length(doc: Doc, end: int) -> int:
    """Length of a "pour sa part" or "de son côté" ending before token end (0 when none)."""
    for length in range(MAX_ASIDE_WORDS, 1, -1):
        if end - length >= 1 and tuple(t.lower_ for t in doc[end - length : end]) in ASIDES:
            return length
    return 0


def _inverted_subject(
    context: DocContext, cue: Cue, limit: int
) -> tuple[SpeakerMention | None, int]:
    """Speaker written after the verb ("-t-il", "Daniel Fried, ancien diplomate") and its end."""
    doc = context.doc
    for index in range(verb_group_start(doc, cue), cue.start):
        if doc[index].lower_ in INCISE_PRONOUNS:
            return build_mention(doc, index, index + 1), cue.end
    index = cue.end
    if index < limit and doc[index].lower_ == "-t":
        index += 1
    if index < limit and doc[index].lower_ in INCISE_PRONOUNS:
        return build_mention(doc, index, index + 1), index + 1
    if index >= limit:
        return None, index
    # Skip "à l'AFP", "dimanche", "mardi soir" when a name follows.
    probe = index
    while probe < limit and probe - index < 6:
        token = doc[probe]
        if token.ent_type_ in ("PER", "PERSON"):
            index = probe
            break
        if token.text in {",", ".", ";", ":"} or token.pos_ in ("VERB",):
            break
        probe += 1
    while index < limit and doc[index].lower_ in TIME_WORDS:
        index += 1
    if index >= limit:
        return None, index
    first = doc[index]
    nominal = first.pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM")
    # "s'est réjoui le président Macron": the tagger may call the name an adverb.
    if not (nominal or first.ent_type_ in ("PER", "PERSON")) or first.lower_ in COMPLEMENTISERS:
        return None, index
    if first.text in OPENING_MARKS or context.inside_quote[index]:
        return None, index
    end = index
    while end < limit and end - index < 14:
        token = doc[end]
        nominalised = end == index + 1 and doc[index].pos_ == "DET" and token.pos_ == "VERB"
        if _ends_name(token) or context.inside_quote[end]:
            break
        if token.pos_ in ("VERB", "AUX", "SCONJ") and not nominalised:
            break  # "l'accusé", "le prévenu" are nouns after their determiner
        if token.pos_ == "PRON" and token.lower_ in {"qui", "que", "who", "which", "où"}:
            break
        if end > index and token.lower_ in NP_BREAKING_PREPOSITIONS:
            break  # "son avocate à l'AFP", "Mitt Romney dans le Wisconsin"
        end += 1
    if end == index:
        return None, index
    description = appositive_description(doc, end, limit)
    speaker_end = description[1] if description is not None else end
    mention = build_mention(doc, index, end, description)
    names_a_person = any(
        doc[position].ent_type_ in ("PER", "PERSON") for position in range(index, end)
    )
    if mention is not None and not names_a_person and description is None:
        named = _appositive_name(context, index, end, limit)
        if named is not None:
            return named
    return mention, speaker_end


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PER", "PERSON")


def _appositive_name(
    context: DocContext, start: int, end: int, limit: int
) -> tuple[SpeakerMention, int] | None:
    """ "souligne la ministre de la Santé, Agnès Buzyn": the name after the role names her."""
    doc = context.doc
    if end + 1 >= limit or doc[end].text != "," or not _is_name_token(doc[end + 1]):
        return None
    name_end = end + 1
    while name_end < limit and not _ends_name(doc[name_end]) and _is_name_token(doc[name_end]):
        name_end += 1
    if name_end < limit and doc[name_end].text not in {",", ".", ";", "!", "?", "»", "”", ")"}:
        return None
    named = build_mention(doc, end + 1, name_end, (start, end))
    if named is None or not named.has_named_entity or named.kind != "person":
        return None
    return named, name_end


def _ends_name(token: Token) -> bool:
    """Punctuation that ends a name; a hyphen glued to words ("Anne-Marie") does not."""
    if token.text in NAME_STOPS or "\n" in token.text or "\n" in token.whitespace_:
        return True
    if token.is_punct and token.text in "-‐":
        return bool(token.whitespace_) or (token.i > 0 and bool(token.doc[token.i - 1].whitespace_))
    return False


def cue_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """Subject of a cue verb or locution ("X a fait savoir": the parser may hang X on "savoir")."""
    doc = context.doc
    main = _main_clause_subject(context, cue)
    if main is not None:
        return main
    for index in range(cue.start, cue.end):
        token = doc[index]
        if any(child.dep_ in SUBJECT_DEPS for child in token.children):
            return subject_of(context, token)
    found = subject_of(context, doc[cue.start])
    if found is None or is_thing(found):
        # "B. Obama, même en pleine course, fait savoir": the parser hung the verb on "course".
        return _subject_to_the_left(context, cue) or found
    return found


def _main_clause_subject(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """ "X a signé, estimant que …", "Sur RTL, rappelant que …, X a dénoncé": an adverbial
    participle speaks for the main clause's subject, not for a subject in a clause between."""
    doc = context.doc
    token = doc[cue.start]
    if not _is_present_participle(token):
        return None
    start = cue.start
    while start > 1 and doc[start - 1].lower_ in PARTICIPLE_CLITICS:
        start -= 1
    if start == 0:
        return None
    previous = doc[start - 1]
    if previous.text not in {",", "en"} and previous.text not in CLOSING_MARKS:
        return None
    root = token.sent.root
    if root.i == token.i or context.inside_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
        return None
    main = subject_of(context, root)
    if main is None or is_thing(main) or main.start <= token.idx < main.end:
        return None
    return main


def _subject_to_the_left(context: DocContext, cue: Cue) -> SpeakerMention | None:
    """When the parser missed the verb: "Sophie Martin, directrice de …, juge que …"."""
    doc = context.doc
    index = verb_group_start(doc, cue) - 1
    # The parser may end a sentence before the verb; the joined sentence still holds the subject.
    first_char = sentence_bounds(context, doc[cue.start])[0]
    opening = doc.char_span(first_char, first_char + 1, alignment_mode="expand")
    sentence_start = opening.start if opening is not None else doc[cue.start].sent.start
    if index > sentence_start and doc[index].text == ",":
        comma = next(
            (
                position
                for position in range(index - 1, max(sentence_start, index - 20) - 1, -1)
                if doc[position].text == ","
            ),
            None,
        )
        if comma is None:
            return None
        name = doc[comma + 1 : index]
        if _is_person_name(name) and doc[comma - 1].pos_ == "NOUN":
            # "le ministre des finances, Pierre Moscovici, a ajouté": the name in apposition.
            return build_mention(doc, name.start, name.end, noun_phrase(doc[comma - 1]))
        index = comma - 1
    while index > sentence_start and doc[index].pos_ == "ADJ":
        index -= 1  # "Le syndicat Force ouvrière fait savoir": the adjective closes the name
    if index < sentence_start or (
        doc[index].pos_ not in ("NOUN", "PROPN")
        and doc[index].ent_type_ not in ("PER", "PERSON", "ORG")
    ):
        return None
    token = doc[index]
    while (
        token.dep_.startswith(("flat", "nmod", "appos"))
        and token.head.i < token.i
        and token.head.i >= sentence_start
        and token.head.pos_ in ("NOUN", "PROPN")
        and not any(doc[i].text == "," for i in range(token.head.i, token.i))
    ):
        token = token.head
    return mention_for_subject(context, token)


def _document_author(token: Token) -> Token | None:
    """ "A statement from the union said", "Lowe's tweet said": the author speaks, not the text."""
    if token.lower_ not in DOCUMENT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in AUTHOR_PREPOSITIONS:
            author = next((grand for grand in child.children if grand.dep_ == "pobj"), None)
            if author is not None and (author.pos_ == "PROPN" or author.ent_type_):
                return author
    return None


def _dateline_end(doc: Doc, token: Token) -> int | None:
    """The dash ending a dateline ("LONDON (Reuters) -", "WASHINGTON —") the token opens."""
    if not token.is_sent_start or len(token.text) < 3 or not token.text.isupper():
        return None
    in_parentheses = False
    for index in range(token.i + 1, min(len(doc), token.i + MAX_DATELINE_TOKENS)):
        word = doc[index].text
        if word in DASHES:
            return index
        if word in "()":
            in_parentheses = word == "("
        elif not (in_parentheses or word == "," or word.isupper()):
            return None
    return None


def _is_comma_apposition(token: Token) -> bool:
    """ "le ministre, Pierre Moscovici,": a name the parser took for a conjunct (no "et")."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    return (
        token.dep_ == "conj"
        and start > 0
        and token.doc[start - 1].text == ","
        and not any(child.dep_ == "cc" for child in token.children)
        and _is_person_name(token.doc[start:end])
    )


def _is_person_name(span: Span) -> bool:
    """Whether a span is a person's name and nothing else: "Pierre Moscovici"."""
    return (
        0 < len(span) <= 4
        and all(token.pos_ == "PROPN" for token in span)
        and all(token.ent_type_ in ("PER", "PERSON") for token in span)
    )


def _noun_phrase_before_verb(context: DocContext, verb: Token, subject: Token) -> Token | None:
    """ "N'ayant pas ratifié la convention, l'ONG a demandé": the parser took the wrong subject."""
    doc = verb.doc
    group_start = verb.i
    while group_start > 0 and (
        doc[group_start - 1].pos_ == "AUX" or doc[group_start - 1].lower_ in VERB_GROUP_WORDS
    ):
        group_start -= 1  # "Joey Saputo s'est dit": the clitic belongs to the verb
    if not subject.i < group_start - 1:
        return None
    between = doc[subject.i + 1 : group_start]
    commas = [token.i for token in between if token.text == ","]
    if not commas:
        return None
    segment_end = group_start
    if doc[segment_end - 1].text == ")":
        # "Philippe Gosselin (UMP) a dénoncé": the party in brackets is not the head.
        opening = next(
            (i for i in range(segment_end - 2, commas[-1], -1) if doc[i].text == "("), None
        )
        if opening is not None:
            segment_end = opening
    segment = doc[commas[-1] + 1 : segment_end]
    if not len(segment) or segment[0].pos_ not in ("DET", "PROPN", "NOUN"):
        return None
    if any(token.pos_ in ("VERB", "AUX", "ADP") for token in segment):
        return None
    if context.inside_quote[segment[-1].i]:
        return None
    token = segment[-1]
    while token.dep_.startswith("flat") and token.head.i < token.i:
        token = token.head
    return token


def subject_of(context: DocContext, verb: Token) -> SpeakerMention | None:
    """The speaker of a verb in normal order, climbing coordinated and adverbial verbs."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.i < current.i + 8:
                closer = _noun_phrase_before_verb(context, current, child)
                return mention_for_subject(context, closer or child)
        if (
            current.dep_ == "acl"
            and current.head.pos_ in ("NOUN", "PROPN")
            and current.head.i < current.i
        ):
            return mention_for_subject(context, current.head)
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def mention_for_subject(context: DocContext, token: Token) -> SpeakerMention | None:
    """The speaker mention headed by a subject token, with its apposition."""
    doc = context.doc
    if token.lower_ in {"qui", "who", "that", "which"}:
        relative_verb = token.head
        if relative_verb.dep_.startswith("acl") and relative_verb.head.i < token.i:
            token = _relative_antecedent(relative_verb.head, token)
        elif token.i > 1 and doc[token.i - 1].text == "," and doc[token.i - 2].pos_ == "NOUN":
            token = doc[token.i - 2]  # "selon la gendarmerie, qui précise": a broken parse
        else:
            return None
    if context.inside_quote[token.i]:
        return None
    dateline_end = _dateline_end(doc, token)
    if dateline_end is not None:
        # "LONDON (Reuters) - Prime Minister Ann Lowe said": the parser took the place line as
        # the subject, and the speaker as its apposition or as a second subject.
        after_dateline = [
            other
            for other in itertools.chain(token.children, token.head.children)
            if other.i > dateline_end and other.dep_ in ("appos", *SUBJECT_DEPS)
        ]
        token = min(after_dateline, key=lambda other: other.i, default=None)
        if token is None:
            return None
    author = _document_author(token)
    token = author or token
    start, end = noun_phrase(token)
    if author is not None and doc[end - 1].dep_ == "case":
        end -= 1  # "Lowe's statement": the possessive mark is not part of the name
    description = None
    for child in token.children:
        if child.dep_ == "appos" or _is_comma_apposition(child):
            description = (child.left_edge.i, child.right_edge.i + 1)
            break
    if description is None:
        description = appositive_description(doc, end, len(doc))
    mention = build_mention(doc, start, end, description)
    named_before = _name_before_apposition(doc, start, end)
    names_a_person = any(doc[index].ent_type_ in ("PER", "PERSON") for index in range(start, end))
    if mention is not None and not names_a_person and named_before is not None:
        return named_before  # "Jean Dupont, le maire, a dit": the parser took the role
    if mention is not None and description is not None and not names_a_person:
        # "Un des chercheurs de HRW, Ole Solvang": the name is the apposition.
        named = build_mention(doc, description[0], description[1], (start, end))
        if named is not None and named.has_named_entity and named.kind == "person":
            return named
    return mention


def _relative_antecedent(head: Token, relative: Token) -> Token:
    """ "un acte terroriste selon la police, qui précise": the parser may hang the relative
    clause on a noun before a source phrase or a verb; the noun just before "qui" is meant."""
    doc = relative.doc
    nearest = relative.i - 1
    if nearest > head.i and doc[nearest].text == ",":
        nearest -= 1
    if nearest <= head.i or doc[nearest].pos_ not in ("NOUN", "PROPN"):
        return head
    between = doc[head.i + 1 : nearest]
    if not any(
        token.pos_ in ("VERB", "AUX") or token.lower_ in {"selon", "d'après", "d’après"}
        for token in between
    ):
        return head
    token = doc[nearest]
    while token.dep_.startswith("flat") and head.i < token.head.i < token.i:
        token = token.head
    return token


def _name_before_apposition(doc: Doc, start: int, end: int) -> SpeakerMention | None:
    """The person named right before a role in apposition: "Jean Dupont, le maire de …"."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    if doc[start:end].root.lower_ not in PERSON_HEADS:
        return None  # "Paul Martin, les syndicats ont …": a new subject, not his role
    last = doc[start - 2]
    if last.ent_type_ not in ("PER", "PERSON"):
        return None
    first = last.i
    while first > 0 and doc[first].ent_iob_ != "B" and doc[first - 1].ent_type_ == last.ent_type_:
        first -= 1
    # Only a name that opens its clause: "…, a dit Paul Martin, le maire" is another construction.
    if not doc[first].is_sent_start and doc[first - 1].pos_ not in ("PUNCT", "SPACE"):
        return None
    named = build_mention(doc, first, last.i + 1, (start, end))
    if named is None or named.kind != "person":
        return None
    return named


@dataclass(frozen=True)
class Incise:
    """An inverted attribution and where its reported content may lie."""

    cue: Cue
    group_start: int
    speaker: SpeakerMention | None
    speaker_end: int
    after_comme: bool


def find_incise(context: DocContext, cue: Cue) -> Incise | None:
    """Recognise "…, a déclaré X", "» ajoute-t-il", '," he said', "comme le rappelle X"."""
    doc = context.doc
    if _is_present_participle(doc[cue.start]):
        return None
    group_start = verb_group_start(doc, cue)
    if group_start == 0:
        return None
    sentence_end = doc[cue.start].sent.end
    limit = min(len(doc), sentence_end + 1)
    previous = doc[group_start - 1]
    after_comme = previous.lower_ in {"comme", "as"}
    subject_before = any(
        child.dep_ in SUBJECT_DEPS and child.i < group_start and not context.inside_quote[child.i]
        for child in doc[cue.start].children
    )
    following = doc[cue.end] if cue.end < len(doc) else None
    if following is not None and (following.pos_ == "PROPN" or following.ent_type_):
        subject_before = False  # "c'est un exemple, a déclaré Paul Roy": the parser erred
    opens_incise = previous.text in {",", "—", "–", "("} or previous.text in CLOSING_MARKS
    # "Paul, le maire, a appelé le ministre « … »": the noun after the verb is its object.
    if (opens_incise and not subject_before) or after_comme:
        speaker, speaker_end = _inverted_subject(context, cue, limit)
        if speaker is not None:
            return Incise(cue, group_start, speaker, speaker_end, after_comme)
    return _subject_first_incise(context, cue, group_start)


def _is_adjectival_participle(token: Token) -> bool:
    """ "la loi dite « Sur l'information »", "le rapport cité": a participle modifying a noun."""
    if "Part" not in token.morph.get("VerbForm") or _is_present_participle(token):
        return False
    if any(child.dep_.startswith("aux") for child in token.children):
        return False
    aside = _aside_length(token.doc, token.i)
    if aside and token.doc[token.i - aside - 1].pos_ == "AUX":
        return False  # "a pour sa part ajouté": the parser hung the verb on "part"
    previous = token.doc[token.i - 1] if token.i > 0 else None
    return (
        previous is not None
        and previous.pos_ in ("NOUN", "PROPN")
        and (token.dep_.startswith("acl") or token.head.i == previous.i)
    )


def _is_hypothetical(doc: Doc, cue: Cue) -> bool:
    """ "aurait pu s'interroger", "pourrait annoncer", "should say": speech that did not happen."""
    if "Inf" not in doc[cue.start].morph.get("VerbForm"):
        return False
    start = verb_group_start(doc, cue)
    if start == 0:
        return False
    modal = doc[start - 1].lower_
    if modal in {"pu", "dû"}:
        return start >= 2 and doc[start - 2].lower_ in {"aurait", "auraient", "aurais"}
    return modal in CONDITIONAL_MODALS


def _is_adjective(token: Token) -> bool:
    """An adjective or a past participle used as one ("favorable", "satisfait")."""
    if token.pos_ == "ADJ":
        return True
    return (
        token.pos_ == "VERB"
        and "Part" in token.morph.get("VerbForm")
        and not _is_present_participle(token)
    )


def _is_present_participle(token: Token) -> bool:
    return token.lower_.endswith(("ant", "ing")) and "Fin" not in token.morph.get("VerbForm")


def _subject_first_incise(context: DocContext, cue: Cue, group_start: int) -> Incise | None:
    """'"…," Smith said.' or "…, il a dit": a subject then the verb, after a comma or a quote."""
    doc = context.doc
    verb = doc[cue.start]
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i > verb.i:
        return None
    start, end = noun_phrase(subject)
    if (end != group_start and not _is_name_aside(doc, end, group_start)) or start == 0:
        return None
    before = doc[start - 1]
    after_quote = before.text in CLOSING_MARKS or (
        before.text == "," and start >= 2 and doc[start - 2].text in CLOSING_MARKS
    )
    if not after_quote and before.text != ",":
        return None
    following = cue.end
    while following < len(doc) and following - cue.end < 5:
        token = doc[following]
        if token.text in {".", ",", ";", "!", "?"} or token.is_space:
            break
        if token.lower_ in COMPLEMENTISERS or token.pos_ in ("VERB", "AUX") or token.text == ":":
            return None
        if context.inside_quote[following]:
            return None
        following += 1
    if following - cue.end >= 5 and not (after_quote and context.lang in LONG_INCISE_TAILS):
        return None
    if not after_quote and (following >= len(doc) or doc[following].text not in {".", "!", "?"}):
        return None
    mention = mention_for_subject(context, subject)
    if mention is None:
        return None
    return Incise(cue, start, mention, cue.end, False)


def _is_name_aside(doc: Doc, start: int, end: int) -> bool:
    """ "Rep. Jane Moore (D-Wis.) said", "Mitch Lane, R-Ky., said": a short aside after the name."""
    if not 2 <= end - start <= MAX_NAME_ASIDE_TOKENS:
        return False
    return (doc[start].text, doc[end - 1].text) in {("(", ")"), (",", ",")}


def incise_candidates(context: DocContext, incise: Incise) -> list[Candidate]:
    """Content before and, for mid-sentence incises, after an inverted attribution."""
    doc = context.doc
    cue_token = doc[incise.cue.start]
    sentence_start, sentence_end = sentence_bounds(context, cue_token)
    candidates: list[Candidate] = []
    before_end = doc[incise.group_start - 1].idx
    if incise.after_comme and incise.group_start >= 2 and doc[incise.group_start - 2].text == ",":
        before_end = doc[incise.group_start - 2].idx
    after = _after_incise_region(context, incise, sentence_end)
    if not incise.after_comme or after is None:
        region = _before_incise_region(context, sentence_start, before_end)
        if region is not None and _is_reported_clause(context, region):
            candidates.append(
                Candidate(*region, incise.cue, incise.speaker, "incise", incise.cue.belief)
            )
    if after is not None:
        candidates.append(
            Candidate(*after, incise.cue, incise.speaker, "incise", incise.cue.belief)
        )
    return candidates


def _before_incise_region(
    context: DocContext, sentence_start: int, before_end: int
) -> tuple[int, int, str] | None:
    """The content of "CONTENT, a dit X": a quote just before, or the sentence so far."""
    text = context.text
    cursor = before_end
    while cursor > sentence_start and text[cursor - 1] in " ,\u00a0\u202f\n":
        cursor -= 1
    quote = context.quote_at(cursor - 1) if cursor > 0 else None
    if quote is not None and quote.close_end >= cursor:
        earlier = context.quotes_between(sentence_start, quote.open_start)
        words_before = _count_words(text[sentence_start : quote.open_start])
        quote_words = _count_words(text[quote.start : quote.end])
        if words_before > 0 and (earlier or quote_words < SHORT_QUOTE_WORDS <= words_before):
            # "L'usine produira …, jusqu'« à 500 millions », explique X": the whole is reported.
            start = min(sentence_start, earlier[0].open_start) if earlier else sentence_start
            return classify_region(context, start, quote.close_end)
        return quote.start, quote.end, "direct"
    return classify_region(context, sentence_start, before_end)


def _after_incise_region(
    context: DocContext, incise: Incise, sentence_end: int
) -> tuple[int, int, str] | None:
    """Content after "…, a-t-il dit, CONTENT" when it is a clause or a quote."""
    doc = context.doc
    index = incise.speaker_end
    while index < len(doc) and doc[index].text not in {",", ".", ";", "!", "?"}:
        if doc[index].text in OPENING_MARKS and context.inside_quote[index]:
            break
        index += 1
    if index >= len(doc) or doc[index].text in {".", ";", "!", "?"}:
        return None
    start = doc[index].idx + 1
    if start >= sentence_end:
        return None
    end = _cut_at_next_boundary(context, start, sentence_end)
    region = classify_region(context, start, end)
    if region is None:
        return None
    if not _is_reported_clause(context, region):
        return None
    if region[2] == "indirect" and not _has_finite_clause(doc, region[0], region[1]):
        return None
    if context.text[region[0] : region[1]].split()[0].lower() in RELATIVE_WORDS:
        return None
    if region[2] == "mixed":
        quotes = context.quotes_between(region[0], region[1])
        outside = _count_words(context.text[region[0] : quotes[0].open_start])
        if len(quotes) == 1 and outside <= 3:
            return quotes[0].start, quotes[0].end, "direct"
    return region


def _is_reported_clause(context: DocContext, region: tuple[int, int, str]) -> bool:
    """Unquoted content needs a finite verb and a few words ("Par ailleurs" is not content)."""
    start, end, kind = region
    if kind != "indirect":
        return True
    return _count_words(context.text[start:end]) >= MIN_INDIRECT_WORDS and _has_finite_verb(
        context.doc, start, end
    )


def _has_finite_clause(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    subjects = [token for token in span if token.dep_ in SUBJECT_DEPS]
    # "Le nombre … est de 75 000 selon la CGT": the parser may hang the clause on the source.
    return any(token.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN") for token in subjects) or bool(
        subjects and any("Fin" in token.morph.get("VerbForm") for token in span)
    )


def _has_finite_verb(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any("Fin" in token.morph.get("VerbForm") for token in span)


def _cut_at_next_boundary(context: DocContext, start: int, end: int) -> int:
    """End content at a semicolon, or a colon opening a quote, outside quotes."""
    text = context.text
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


def _opens_quote(context: DocContext, position: int, end: int) -> bool:
    """ "… pendant des années : « Nous … »": the colon hands over to a quote."""
    text = context.text
    while position < end and text[position] in " \u00a0\u202f":
        position += 1
    quote = context.quote_at(position)
    return position < end and quote is not None and quote.open_start == position


def forward_candidate(context: DocContext, cue: Cue, boundaries: list[int]) -> Candidate | None:
    """Content after the verb: "X a déclaré que …", "X a précisé : « … »", "X a annoncé Y"."""
    doc = context.doc
    verb = doc[cue.start]
    if any(child.dep_ in ("aux:pass", "auxpass") for child in verb.children):
        return None
    if _is_adjectival_participle(verb) or _is_hypothetical(doc, cue):
        return None
    index = cue.end
    in_prepositional_phrase = False
    content_start: int | None = None
    evidence = "clause"
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    limit = min(len(doc), index + MAX_SCAN_TOKENS)
    while index < limit:
        token = doc[index]
        lower = token.lower_
        if (
            clause is not None
            and token.pos_ in ("VERB", "AUX")
            and clause.i in (token.i, token.head.i)
        ):
            # "Police said two people were arrested": a content clause without "that".
            first = clause.left_edge
            if first.lower_ in COMPLEMENTISERS and first.i + 1 < len(doc):
                first = doc[first.i + 1]
            content_start = max(first.idx, doc[cue.end - 1].idx + len(doc[cue.end - 1].text))
            break
        if context.inside_quote[index]:
            content_start = token.idx
            break
        if cue.takes_adjective and index == cue.end and _is_adjective(token):
            content_start = token.idx  # "s'est dit satisfait des résultats"
            evidence = "object"
            break
        if lower in COMPLEMENTISERS and not _is_relative_pronoun(doc, token):
            if _restrictive_negation(doc, cue):
                return None  # "ne rapporteront que 3 milliards": "only", not "that"
            if index + 1 < len(doc):
                content_start = doc[index + 1].idx
            break
        if token.text == ":":
            if index + 1 < len(doc):
                content_start = doc[index + 1].idx
            break
        if token.text in CLAUSE_STOPS or (token.is_sent_start and index > cue.end):
            return None
        if token.pos_ in ("VERB", "AUX") and token.dep_ in ("ccomp",) and token.head.i == verb.i:
            # "He said the plan was a disaster": a content clause without "that".
            content_start = token.left_edge.idx
            break
        if token.pos_ == "VERB" and doc[index - 1].lower_ == "en" and _is_present_participle(token):
            in_prepositional_phrase = True  # "déclare en recevant la coupe que …"
            index += 1
            continue
        if token.pos_ in ("VERB", "AUX") and token.ent_type_ not in ("PER", "PERSON"):
            infinitive = "Inf" in token.morph.get("VerbForm")
            first = index
            while first > cue.end and doc[first - 1].lower_ in INFINITIVE_CLITICS:
                first -= 1
            # "affirment avoir découvert", "a reconnu auprès de l'AFP avoir acheté", "a confié
            # vouloir": a bare infinitive after a reporting verb is its content; one after a
            # preposition ("a appelé à manifester", "son intention de partir") is not.
            bare_infinitive = (
                infinitive
                and not cue.belief
                and (first == cue.end or doc[first - 1].pos_ != "ADP")
                and (token.pos_ == "AUX" or context.lang == "fr")
            )
            if infinitive and (cue.takes_infinitive or bare_infinitive):
                content_start = doc[first].idx
                evidence = "object"
                break
            if token.pos_ == "AUX" and index == cue.end:
                index += 1
                continue
            return None
        if lower in PREPOSITIONS and token.pos_ == "ADP":
            in_prepositional_phrase = True
        elif token.text == ",":
            in_prepositional_phrase = False
        elif (
            cue.takes_object
            and not in_prepositional_phrase
            and token.pos_ in ("NOUN", "DET", "PROPN", "NUM")
            and lower not in TIME_WORDS
            and not (index + 1 < len(doc) and doc[index + 1].lower_ in TIME_WORDS)
            and lower not in {"de", "d'", "d’"}
        ):
            if context.lang == "fr" and token.pos_ == "NOUN" and index == cue.end == cue.start + 1:
                return None  # a bare French noun right after a verb: "accuser réception"
            content_start = token.idx
            evidence = "object"
            break
        index += 1
    if content_start is None:
        return None
    _, sentence_end = sentence_bounds(context, doc[cue.start])
    opening = context.quote_at(content_start)
    if opening is not None and evidence == "clause":
        rest = context.doc.char_span(opening.close_end, sentence_end, alignment_mode="contract")
        # "l'a appelé « X », en référence à …", "a dénoncé un « X », y voyant une manœuvre qui
        # « fauche » …": the quote alone is the content (the writer's words after it have no
        # finite verb of their own).
        if (
            rest is not None
            and len(rest)
            and rest[0].text == ","
            and not any(
                "Fin" in token.morph.get("VerbForm") and not context.inside_quote[token.i]
                for token in rest
            )
        ):
            sentence_end = opening.close_end
    if evidence == "object":
        sentence_end = _before_trailing_apposition(context, content_start, sentence_end)
        sentence_end = _before_next_clause(context, content_start, sentence_end)
    end = _cut_at_next_boundary(context, content_start, sentence_end)
    end = _before_coordinated_verb(context, cue, content_start, end)
    position = bisect.bisect_right(boundaries, content_start)
    if position < len(boundaries) and boundaries[position] < end:
        end = boundaries[position]
    region = classify_region(context, content_start, end)
    if region is None:
        return None
    if (
        evidence == "object"
        and _count_words(context.text[region[0] : region[1]]) < MIN_OBJECT_WORDS
    ):
        return None  # "ont annoncé la nouvelle": an anaphoric object, not the content
    speaker = cue_subject(context, cue)
    verb_form = verb.morph
    imperative = "Imp" in verb_form.get("Mood") or verb.is_sent_start
    if speaker is None and ("Inf" in verb_form.get("VerbForm") or imperative):
        # "À noter que …", "Rappelons que …": the journalist's own voice.
        return None
    if speaker is not None and speaker.text.lower() in GENERIC_PRONOUNS:
        return None  # "on peut noter que …"
    if evidence == "object" and is_thing(speaker):
        return None  # "les ventes accusent une baisse de 5 %": a thing reports nothing
    if region[2] == "direct" and is_thing(speaker) and not _has_own_subject(doc, cue):
        return None  # "le boson va permettre de poursuivre … : « … »": a thing quotes no one
    return Candidate(*region, cue, speaker, evidence, cue.belief)


def _has_own_subject(doc: Doc, cue: Cue) -> bool:
    """Whether the parser gave the cue itself a subject (not one climbed to from another verb)."""
    tokens = doc[cue.start : cue.end]
    return any(child.dep_ in SUBJECT_DEPS for token in tokens for child in token.children)


def is_thing(mention: SpeakerMention | None) -> bool:
    """A common noun that is neither a person, an organisation nor a document."""
    if mention is None or mention.is_pronoun or mention.has_named_entity:
        return False
    words = mention.text.split()
    # "Lynch" or "le juge Martin" that NER missed is still a name.
    capitalised = any(word[:1].isupper() for word in words[1:]) or (
        len(words) == 1 and words[0][:1].isupper()
    )
    sourced = any(word.lower() in ANONYMOUS_WORDS for word in words)
    return mention.kind == "other" and not capitalised and not sourced


def _is_relative_pronoun(doc: Doc, token: Token) -> bool:
    """ "les activités qu'il entend organiser": que after a noun or "ce" is relative."""
    previous = doc[token.i - 1] if token.i > 0 else None
    if previous is not None and previous.lower_ in CONJUNCTION_HEADS:
        return True  # "tandis que", "bien que", "plus … que": not a content clause
    if token.pos_ == "SCONJ" or token.dep_ == "mark":
        return False
    return previous is not None and previous.pos_ in ("NOUN", "PROPN", "PRON", "DET")


def nominal_candidates(context: DocContext) -> list[Candidate]:
    """ "C’est le cas partout. Le constat est du Pr Miura.": a sentence attributes the last."""
    doc = context.doc
    found: list[Candidate] = []
    for sentence in doc.sents:
        if len(sentence) > MAX_ATTRIBUTING_SENTENCE_TOKENS or sentence.start == 0:
            continue
        cue_token = next(
            (
                token
                for token in sentence[:6]
                if token.lower_ in ATTRIBUTION_NOUNS and not context.inside_quote[token.i]
            ),
            None,
        )
        if cue_token is None:
            continue
        genitive = next(
            (
                token
                for token in doc[cue_token.i + 1 : min(sentence.end, cue_token.i + 5)]
                if token.lower_ in GENITIVES
            ),
            None,
        )
        if genitive is None:
            continue
        end = genitive.i + 1
        while end < sentence.end and not _ends_name(doc[end]):
            end += 1
        speaker = build_mention(doc, genitive.i + 1, end)
        previous = doc[sentence.start - 1].sent
        if speaker is None or speaker.kind == "other" or "\n" in doc[previous.end - 1].text:
            continue
        region = classify_region(context, previous.start_char, previous.end_char)
        if region is None or not _is_reported_clause(context, region):
            continue
        cue = Cue(cue_token.lower_, "noun", cue_token.i, cue_token.i + 1)
        found.append(Candidate(*region, cue, speaker, "clause"))
    return found


def _restrictive_negation(doc: Doc, cue: Cue) -> bool:
    words = {doc[index].lower_ for index in range(verb_group_start(doc, cue), cue.start)}
    return bool(words & {"ne", "n'", "n’"}) and not words & NEGATIONS


def _before_coordinated_verb(context: DocContext, cue: Cue, start: int, end: int) -> int:
    """ "a déclaré que A et a quitté la salle": after "et" or "mais", a verb group built like
    the reporting one (and unlike the content's) goes on with the narration."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    doc = context.doc
    narration = {_auxiliary(doc[cue.start]), _auxiliary(doc[cue.start].sent.root)} - {None}
    content_auxiliaries: set[str] = set()
    content_simple_past = False
    for token in span:
        if context.inside_quote[token.i]:
            continue
        if token.pos_ == "AUX":
            content_auxiliaries.add(token.lower_)
        if token.lower_ not in COORDINATORS or token.i == span.start:
            content_simple_past |= token.pos_ == "VERB" and token.tag_ == SIMPLE_PAST_TAG
            continue
        following = token.i + 1
        while following < span.end and doc[following].pos_ == "ADV":
            following += 1
        auxiliary = doc[following].lower_ if following < span.end else None
        narrated = (
            following < span.end
            and not content_simple_past
            and _simple_past_without_subject(doc[following])
            and doc[cue.start].tag_ == SIMPLE_PAST_TAG
        )
        if narrated or (auxiliary in narration and not content_auxiliaries & narration):
            comma = token.i - 1 if doc[token.i - 1].text == "," else token.i
            return doc[comma].idx
        if auxiliary in narration:
            return end
    return end


def _simple_past_without_subject(token: Token) -> bool:
    """ "said the bill was dead and left the room": a past verb sharing the reporter's subject."""
    return (
        token.pos_ == "VERB"
        and token.tag_ == SIMPLE_PAST_TAG
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
    )


def _auxiliary(verb: Token) -> str | None:
    """The tense auxiliary of a verb ("a" in "a déclaré"), if it has one."""
    for child in verb.children:
        if child.dep_ in ("aux", "aux:tense") and child.i < verb.i:
            return child.lower_
    return None


def _before_trailing_apposition(context: DocContext, start: int, end: int) -> int:
    """ "s'attaquer au problème, un thème absent de la campagne": drop the trailing apposition."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    commas = [token for token in span if token.text == "," and not context.inside_quote[token.i]]
    if not commas:
        return end
    last = commas[-1]
    rest = span.doc[last.i + 1 : span.end]
    if (
        len(rest)
        and rest[0].pos_ in ("DET", "NOUN")
        and not any(token.pos_ in ("VERB", "AUX") for token in rest)
    ):
        return last.idx
    return end


def coordination_start(context: DocContext, cue: Cue) -> int | None:
    """Where "et" or "mais" joins a reporting verb to the clause before ("… » et réclame « … »",
    ", mais a appelé au rejet …"): the content before ends there, and the speaker carries on."""
    doc = context.doc
    start = verb_group_start(doc, cue)
    if start == 0 or doc[start - 1].lower_ not in COORDINATORS or context.inside_quote[start - 1]:
        return None
    conjunction = start - 1
    if conjunction > 0 and doc[conjunction - 1].text == ",":
        conjunction -= 1
    return doc[conjunction].idx


def _before_next_clause(context: DocContext, start: int, end: int) -> int:
    """ "a confié vouloir X, alors qu'il …", "a affirmé ne pas être convaincu et lui demande …":
    an object or infinitive has no finite verb of its own, so one joined to it starts new text."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return end
    doc = context.doc
    for token in span[1:]:
        if context.inside_quote[token.i]:
            continue
        if token.text == "," and token.i + 1 < span.end:
            following = doc[token.i + 1]
            if following.lower_ in CONJUNCTION_HEADS - {"de", "pour"} or following.pos_ == "SCONJ":
                return token.idx
        if token.lower_ in COORDINATORS:
            following = token.i + 1
            while following < span.end and doc[following].lower_ in VERB_GROUP_WORDS:
                following += 1
            if following < span.end and "Fin" in doc[following].morph.get("VerbForm"):
                comma = token.i - 1 if doc[token.i - 1].text == "," else token.i
                return doc[comma].idx
    return end


def _source_phrase_end(context: DocContext, index: int) -> int:
    """End of the X in "selon X": through participles ("un sondage publié dans …"), not verbs."""
    doc = context.doc
    end = index
    in_relative_clause = False
    while end < len(doc) and end - index < MAX_SOURCE_TOKENS:
        token = doc[end]
        if context.inside_quote[end] and end > index and _names_a_title(doc[end - 1]):
            # "selon un rapport de l'INSEE sur « Les revenus des ménages »": the title is the
            # source's, not a quote.
            quote = context.quote_at(token.idx)
            while end < len(doc) and quote is not None and doc[end].idx < quote.close_end:
                end += 1
            continue
        if _ends_name(token) or context.inside_quote[end]:
            break
        if token.lower_ in RELATIVE_WORDS and end > index:
            in_relative_clause = True  # "a senior official who spoke on condition of anonymity"
        finite = token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm")
        if finite and not in_relative_clause:
            break
        end += 1
    return end


def _names_a_title(token: Token) -> bool:
    """ "un rapport sur", "une étude intitulée", "le livre de": what may come before a title."""
    return token.pos_ == "ADP" or token.lower_.startswith(("intitulé", "titled", "entitled"))


def is_mid_clause_source(context: DocContext, cue: Cue) -> bool:
    """ "le polonium est, selon lui, une substance": the source phrase sits inside the clause."""
    doc = context.doc
    index = cue.end
    while index < len(doc) and index - cue.end < MAX_MID_CLAUSE_SOURCE_TOKENS:
        if doc[index].text == ",":
            following = doc[index + 1] if index + 1 < len(doc) else None
            if following is None or following.is_sent_start or not following.is_alpha:
                return False
            if following.lower_ in RELATIVE_WORDS:
                return False  # "…, selon ERDF, qui espère …": a clause about the source
            # The words after the phrase depend on the clause before it, not on the source
            # ("selon Joseph Lhota, le président de …" is an apposition of the source).
            head = following
            while head.head.i > index and head.head.i != head.i:
                head = head.head
            return head.head.i < cue.start
        if doc[index].text in {".", ";", "!", "?"} or doc[index].is_space:
            return False
        index += 1
    return False


def source_candidate(context: DocContext, cue: Cue, boundaries: list[int]) -> Candidate | None:
    """ "selon X, CONTENT", "CONTENT, selon X", "d'après X", "according to X", "pour X, …"."""
    doc = context.doc
    index = cue.end
    if index < len(doc) and doc[index].lower_ in RELATIVE_SOURCES:
        return _relative_source_candidate(context, cue, boundaries)
    end = _source_phrase_end(context, index)
    if end == index:
        return None
    speaker = build_mention(doc, index, end)
    if speaker is None:
        return None
    named = None
    if not any(doc[position].ent_type_ in ("PER", "PERSON") for position in range(index, end)):
        named = _appositive_name(context, index, end, len(doc))
    if named is not None and named[1] < len(doc) and doc[named[1]].text == ",":
        # "Selon son producteur, Michel Nouader, son état …": the name is the source.
        speaker, end = named
    if cue.kind == "pour" and not _plausible_source(doc, index, end, speaker):
        return None
    sentence_start, sentence_end = sentence_bounds(context, doc[cue.start])
    after: tuple[int, int, str] | None = None
    if (end < len(doc) and doc[end].text in {",", ":"}) or (
        end < len(doc) and context.inside_quote[end]
    ):
        after_start = doc[end].idx + (1 if doc[end].text in {",", ":"} else 0)
        if end + 1 < len(doc) and not doc[end + 1].is_space:
            # The parser sometimes ends the sentence at "Selon Météo France,".
            sentence_end = max(sentence_end, sentence_bounds(context, doc[end + 1])[1])
        if after_start < sentence_end:
            after_end = _cut_at_next_boundary(context, after_start, sentence_end)
            position = bisect.bisect_right(boundaries, after_start)
            if position < len(boundaries) and boundaries[position] < after_end:
                after_end = boundaries[position]
            region = classify_region(context, after_start, after_end)
            if region is not None and (
                region[2] != "indirect" or _has_finite_verb(doc, region[0], region[1])
            ):
                first_word = context.text[region[0] : region[1]].split()[0].lower()
                # "…, selon la police, qui précise que …": a relative clause describes the
                # source; the content is the clause before it.
                if first_word not in COORDINATORS and first_word not in RELATIVE_WORDS:
                    after = region
    if after is not None:
        return Candidate(*after, cue, speaker, "source")
    if cue.kind == "pour" or is_mid_clause_source(context, cue):
        return None
    before_end = doc[cue.start].idx
    region = classify_region(context, sentence_start, before_end)
    if region is None or not _has_finite_clause(doc, region[0], region[1]):
        return None
    if region[2] == "indirect":
        region = _without_leading_adjunct(context, region)
    return Candidate(*region, cue, speaker, "source")


def _without_leading_adjunct(
    context: DocContext, region: tuple[int, int, str]
) -> tuple[int, int, str]:
    """ "Malgré les apparences (à Nice, à Berlin), il ne s'agirait pas …, selon la police":
    the writer's opening phrase, up to its comma, is not what the source says."""
    span = context.doc.char_span(region[0], region[1], alignment_mode="contract")
    if span is None or not len(span) or span[0].pos_ != "ADP":
        return region
    depth = 0
    for token in span:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif "Fin" in token.morph.get("VerbForm"):
            return region
        elif token.text == "," and depth == 0:
            rest = classify_region(context, token.idx + 1, region[1])
            if rest is not None and _has_finite_clause(context.doc, rest[0], rest[1]):
                return rest
            return region
    return region


def _relative_source_candidate(
    context: DocContext, cue: Cue, boundaries: list[int]
) -> Candidate | None:
    """ "des informations selon lesquelles CONTENT": the noun before "selon" is the source."""
    doc = context.doc
    antecedent = cue.start - 1
    if antecedent > 0 and doc[antecedent].text == ",":
        antecedent -= 1  # "au ministère, selon lequel …"
    if antecedent < 0 or doc[antecedent].pos_ not in ("NOUN", "PROPN"):
        return None
    token = doc[antecedent]
    while token.dep_.startswith(("nmod", "flat")) and token.head.i < token.i:
        token = token.head  # "ministère de la Justice": the head, not "Justice"
    speaker = build_mention(doc, *noun_phrase(token))
    if speaker is not None and is_thing(speaker) and token.dep_.startswith(("obj", "obl")):
        # "Le Canard enchaîné a révélé des informations selon lesquelles …": who revealed them.
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        revealer = subject_of(context, verb)
        if revealer is not None and not is_thing(revealer):
            speaker = revealer
    content_start = cue.end + 1
    if speaker is None or content_start >= len(doc):
        return None
    start = doc[content_start].idx
    _, sentence_end = sentence_bounds(context, doc[cue.start])
    end = _cut_at_next_boundary(context, start, sentence_end)
    position = bisect.bisect_right(boundaries, start)
    if position < len(boundaries) and boundaries[position] < end:
        end = boundaries[position]
    region = classify_region(context, start, end)
    if region is None or not _is_reported_clause(context, region):
        return None
    return Candidate(*region, cue, speaker, "source")


def _plausible_source(doc: Doc, start: int, end: int, speaker: SpeakerMention) -> bool:
    """ "Pour X," introduces a source only when X is a person or an organisation."""
    if speaker.is_pronoun:
        return doc[start].lower_ in {"lui", "elle", "eux", "elles"}
    if end >= len(doc) or doc[end].text != ",":
        return False
    if speaker.has_named_entity and speaker.kind in ("person", "organisation"):
        return True
    head = doc[start:end].root
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        return True
    return head.lower_ in PERSON_HEADS or head.lower_ in ORGANISATION_HEADS
