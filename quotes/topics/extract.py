"""Topic extraction: YAKE keyphrase scores on the engine's parse, re-ranked with named entities.

Pure Python + spaCy (through quotes.attribution.get_nlp), no Django: text or Doc in, TopicCandidate
out. The keyphrase statistics are YAKE's (Campos et al., 2020: case, position, frequency,
relatedness to context, spread over sentences), computed on the parse's own sentences and tokens,
so the text is not tokenised again and only the words of the phrases kept are lemmatised.
"""

from __future__ import annotations

import copy
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token

from quotes.text import fold

# Named entities that make topics: places, organisations, events (spaCy labels per model).
ENTITY_KINDS = {
    "LOC": "place",
    "GPE": "place",
    "ORG": "organisation",
    "EVENT": "event",
    "MISC": "event",
    "NORP": "organisation",
}
# Parts of speech a topic may start and end with: nouns, proper nouns, numbers (Falcon 9).
_EDGE_POS = {"NOUN", "PROPN", "NUM"}
_END_POS = _EDGE_POS | {"ADJ"}
_PERSON_LABELS = {"PER", "PERSON"}
_INNER_POS = {"NOUN", "PROPN", "ADJ", "NUM", "ADP", "DET"}
# A stop word stands inside a topic only as one of these ("budget de la défense").
_STOP_INSIDE_POS = {"ADP", "DET"} | _EDGE_POS
_KEYPHRASES = 40
_KEYPHRASE_WORDS = 3
_MAX_WORDS = 4
_ENTITY_BONUS = 0.35
_FREQUENCY_BONUS = 0.08
_SPLIT = re.compile(r"[^\w]+")
# YAKE's word tags: digits and words mixing letters with digits or signs are never keyphrases.
_DIGITS, _UNUSUAL, _ACRONYM, _NAME, _PLAIN = "d", "u", "a", "n", "p"
_NOT_KEYPHRASE_TAGS = {_DIGITS, _UNUSUAL}
_ATTRIBUTES = [ORTH, LOWER, POS, IS_PUNCT, IS_SPACE, IS_STOP, SENT_START]

Lemma = Callable[[Token], str]


@dataclass(frozen=True)
class TopicCandidate:
    """A topic found in a text: display label, normalised key, score (higher is better), kind."""

    label: str
    key: str
    score: float
    kind: str = "keyphrase"
    # Character offsets of each occurrence, so quotes can take the topics they mention.
    positions: tuple[tuple[int, int], ...] = ()

    def occurs_within(self, start: int, end: int) -> bool:
        """True when the topic is mentioned between these offsets."""
        return any(start <= s and e <= end for s, e in self.positions)


@cache
def _quick_lemmatizer(lemmatizer: Lemmatizer) -> Lemmatizer:
    """The model's lemmatizer with its word index in sets: the same lemmas a hundred times faster.

    spaCy keeps each part of speech's index as a list of up to 66,000 words and tests membership
    in it for every noun and adjective. The copy shares every other table and leaves the shared
    model as it is.
    """
    quick = copy.copy(lemmatizer)
    quick.lookups = Lookups()
    quick.cache = {}
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            table = Table(name, {pos: frozenset(words) for pos, words in table.items()})
        quick.lookups.set_table(name, table)
    return quick


def lemma_function(nlp: Language) -> Lemma:
    """Lemma of one token by the model's lemmatizer, which the engine's pipeline leaves off.

    The rules the lemmatizer applies to a whole Doc, asked only for the words of topics.
    """
    lemmatizer = None
    if "lemmatizer" in nlp.component_names:
        lemmatizer = _quick_lemmatizer(nlp.get_pipe("lemmatizer"))

    def lemma(token: Token) -> str:
        if token.lemma or lemmatizer is None:
            return token.lemma_ or token.text
        return lemmatizer.lemmatize(token)[0]

    return lemma


def span_key(span: Span | list, lemma: Lemma) -> str:
    """Normalised key of a phrase: lemmas (singular, infinitive) of its content words, folded."""
    words = []
    for token in span:
        if token.is_punct or token.is_space:
            continue
        if token.pos_ in {"DET", "ADP"} and words:
            words.append(fold(token.text))
            continue
        if token.pos_ in {"DET", "ADP"}:
            continue
        text = lemma(token) if token.pos_ in {"NOUN", "ADJ"} else ""
        words.append(fold(text or token.text))
    while words and len(words[-1]) <= 2 and not words[-1].isdigit():
        words.pop()
    return " ".join(w for part in words for w in _SPLIT.split(part) if w)


def phrase_key(phrase: str, *, nlp: Language) -> str:
    """Normalised key of a typed phrase, the same as for a phrase found in a text."""
    key = span_key(nlp(phrase)[:], lemma_function(nlp))
    return key or " ".join(fold(w) for w in _SPLIT.split(phrase) if w)


def _label(span: Span) -> str:
    """Display form: proper nouns keep their case, common nouns are lower-cased."""
    if any(t.pos_ == "PROPN" for t in span) or span.text.isupper():
        return span.text
    return span.text.lower()


@lru_cache(maxsize=65536)
def _text_tag(text: str) -> str | None:
    """YAKE's tag of a word wherever it stands (digits, unusual, acronym, capitalised, plain).

    None for a token without a letter or digit, which separates phrases as punctuation does.
    """
    if not any(c.isalnum() for c in text):
        return None
    if text.replace(",", "").replace(".", "", 1).isdigit():
        return _DIGITS
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    if (letters and digits) or len(text) - letters - digits > 1:
        return _UNUSUAL
    if len(text) > 1 and text.isupper():
        return _ACRONYM
    return _NAME if text[:1].isupper() else _PLAIN


def _word_key(lower: str) -> str:
    """YAKE's key of a word: lower-cased, a final s dropped."""
    return lower[:-1] if lower.endswith("s") and len(lower) > 3 else lower


@dataclass(slots=True)
class _Word:
    """Occurrence statistics of one word key over a document."""

    stop: bool
    tf: int = 0
    cased: int = 0
    acronyms: int = 0
    sentences: dict[int, None] = field(default_factory=dict)
    # Plain dicts rather than Counters: one pair per distinct word, and a Counter costs ten times
    # as much to create.
    left: dict[str, int] = field(default_factory=dict)
    right: dict[str, int] = field(default_factory=dict)
    weight: float = 0.0


@dataclass(slots=True)
class _Occurrence:
    """One word of the text as the keyphrase scoring sees it."""

    index: int
    key: str
    word: _Word
    tag: str
    pos: str
    # Whether the word may start a topic and end one (every occurrence may stand inside one).
    starts: bool
    ends: bool


def _weigh_words(words: dict[str, _Word], sentence_count: int) -> None:
    """YAKE's word weight H (lower is more important), as yake 0.7 computes it.

    Only for the words a phrase may weigh by: a stop word counts by how it binds its
    neighbours, never by its weight.
    """
    frequencies = [word.tf for word in words.values() if not word.stop]
    if not frequencies:
        return
    average, deviation = statistics.fmean(frequencies), statistics.pstdev(frequencies)
    most = max(word.tf for word in words.values())
    for word in words.values():
        if word.stop:
            continue
        left = sum(word.left.values())
        right = sum(word.right.values())
        left_diversity = len(word.left) / left if left else 0.0
        right_diversity = len(word.right) / right if right else 0.0
        relatedness = 1.0 + (left_diversity + right_diversity) * word.tf / most
        frequency = word.tf / (average + deviation)
        spread = len(word.sentences) / sentence_count
        casing = max(word.acronyms, word.cased) / (1.0 + math.log(word.tf))
        position = math.log(math.log(3.0 + _median(list(word.sentences))))
        word.weight = (position * relatedness) / (
            casing + frequency / relatedness + spread / relatedness
        )


def _median(ascending: list[int]) -> float:
    """statistics.median of numbers already in order, without sorting them again."""
    middle = len(ascending) // 2
    if len(ascending) % 2:
        return ascending[middle]
    return (ascending[middle - 1] + ascending[middle]) / 2


def _word_blocks(doc: Doc) -> tuple[list[list[_Occurrence]], dict[str, _Word]]:
    """Runs of words that may stand inside a topic, and the statistics of every word.

    A punctuation mark, a sentence start or a word no topic holds ends a run, as no candidate
    phrase goes through it; the words' neighbours are counted up to punctuation only.
    """
    words: dict[str, _Word] = {}
    blocks: list[list[_Occurrence]] = []
    block: list[_Occurrence] = []
    strings = doc.vocab.strings
    sentence = -1
    first_in_sentence = True
    # The word before, in the same sentence and with no punctuation between: key, statistics, tag.
    before: tuple[str, _Word, str] | None = None
    # Token attributes read as one array: a Token object per word costs more than the scoring.
    rows = doc.to_array(_ATTRIBUTES).tolist()
    for index, (orth, lower, pos_id, is_punct, is_space, is_stop, sent_start) in enumerate(rows):
        if sent_start == 1 or sentence < 0:
            sentence += 1
            first_in_sentence = True
            before = None
            if block:
                blocks.append(block)
                block = []
        if is_space:
            continue
        tag = _text_tag(strings[orth])
        if is_punct or tag is None:
            before = None
            if block:
                blocks.append(block)
                block = []
            continue
        key = _word_key(strings[lower])
        word = words.get(key)
        if word is None:
            word = words[key] = _Word(stop=bool(is_stop) or len(_SPLIT.sub("", key)) < 3)
        if tag == _NAME and first_in_sentence:
            tag = _PLAIN
        first_in_sentence = False
        word.tf += 1
        word.cased += tag == _NAME
        word.acronyms += tag == _ACRONYM
        word.sentences[sentence] = None
        if before is not None and tag not in _NOT_KEYPHRASE_TAGS:
            before_key, before_word, before_tag = before
            if before_tag not in _NOT_KEYPHRASE_TAGS:
                before_word.right[key] = before_word.right.get(key, 0) + 1
                word.left[before_key] = word.left.get(before_key, 0) + 1
        before = (key, word, tag)
        pos = strings[pos_id]
        if pos not in _INNER_POS or (is_stop and pos not in _STOP_INSIDE_POS):
            if block:
                blocks.append(block)
                block = []
            continue
        block.append(
            _Occurrence(
                index=index,
                key=key,
                word=word,
                tag=tag,
                pos=pos,
                starts=pos in _EDGE_POS and not word.stop,
                ends=pos in _END_POS and not word.stop,
            )
        )
    if block:
        blocks.append(block)
    _weigh_words(words, sentence + 1)
    return blocks, words


def _keyphrases(doc: Doc) -> list[list[Span]]:
    """The best phrases of up to three words, most relevant first, each with its occurrences.

    Candidates are YAKE's n-grams (runs of words between punctuation, not starting or ending
    with a stop word) held to the parts of speech of a topic; each weighs the product of its
    words' weights over their sum and its own frequency, lower being better.
    """
    blocks, _words = _word_blocks(doc)
    occurrences: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    weights: dict[tuple[str, ...], float] = {}
    for block in blocks:
        for first, opening in enumerate(block):
            if not opening.starts:
                continue
            for last in range(first, min(first + _KEYPHRASE_WORDS, len(block))):
                closing = block[last]
                run = block[first : last + 1]
                if not closing.ends or any(o.tag in _NOT_KEYPHRASE_TAGS for o in run):
                    continue
                if all(o.pos == "NUM" for o in run):
                    continue
                key = tuple(o.key for o in run)
                occurrences[key].append((opening.index, closing.index + 1))
                if key not in weights:
                    weights[key] = _phrase_weight(run)
    ranked = sorted(occurrences, key=lambda key: weights[key] / len(occurrences[key]))
    return [[doc[start:end] for start, end in occurrences[key]] for key in ranked[:_KEYPHRASES]]


def _phrase_weight(run: list[_Occurrence]) -> float:
    """YAKE's phrase weight before its frequency: an inner stop word counts by how it binds."""
    product, total = 1.0, 0.0
    for index, occurrence in enumerate(run):
        word = occurrence.word
        if not word.stop:
            product *= word.weight
            total += word.weight
            continue
        before, after = run[index - 1], run[index + 1]
        binding = (word.left.get(before.key, 0) / before.word.tf) * (
            word.right.get(after.key, 0) / after.word.tf
        )
        product *= 2.0 - binding
        total -= 1.0 - binding
    return product / (total + 1.0)


def _cuts_a_name(span: Span, people: list[tuple[int, int]]) -> bool:
    """True when a phrase takes part of a person's name with other words ("sortant Antony")."""
    for start, end in people:
        overlaps = span.start_char < end and start < span.end_char
        if overlaps and (span.start_char, span.end_char) != (start, end):
            inside = start <= span.start_char and span.end_char <= end
            if not inside or span.end_char != end:
                return True
    return False


def _within(inner: set[tuple[int, int]], outer: set[tuple[int, int]]) -> bool:
    """True when every occurrence in inner lies strictly inside an occurrence in outer."""
    return bool(inner) and all(
        any(s <= start and end <= e and (s, e) != (start, end) for s, e in outer)
        for start, end in inner
    )


def _without_fragments(ranked: list[str], positions: dict[str, set[tuple[int, int]]]) -> list[str]:
    """Drop a phrase found only inside a better one ("Donald" of "Donald Trump")."""
    kept: list[str] = []
    for key in ranked:
        longer = [other for other in kept if f" {key} " in f" {other} "]
        if not any(_within(positions[key], positions[other]) for other in longer):
            kept.append(key)
    return kept


def extract_topics(
    text: str, lang: str, *, nlp: Language, limit: int | None = 10, doc: Doc | None = None
) -> list[TopicCandidate]:
    """The best topics of a text, most relevant first (all of them when limit is None).

    doc is the engine's parse of text when the caller has it; the text is parsed otherwise.
    """
    doc = doc if doc is not None else nlp(text)
    lemma = lemma_function(nlp)
    positions: dict[str, set[tuple[int, int]]] = defaultdict(set)
    scores: dict[str, float] = {}
    labels: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    occurrences: Counter = Counter()
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _PERSON_LABELS]
    keyphrases = _keyphrases(doc)
    for rank, found in enumerate(keyphrases):
        spans = [span for span in found if not _cuts_a_name(span, people)]
        if not spans:
            continue
        key = span_key(spans[0], lemma)
        if not key:
            continue
        # Rank-based: raw weights are not comparable across texts.
        scores[key] = max(scores.get(key, 0.0), 1.0 - rank / len(keyphrases))
        for span in spans:
            labels[key][_label(span)] += 1
            positions[key].add((span.start_char, span.end_char))
        occurrences[key] += len(spans)
    for entity in doc.ents:
        kind = ENTITY_KINDS.get(entity.label_)
        if kind is None:
            continue
        tokens = [t for t in entity if t.pos_ not in {"DET", "PUNCT"}]
        if not tokens or len(tokens) > _MAX_WORDS:
            continue
        span = doc[tokens[0].i : tokens[-1].i + 1]
        key = span_key(span, lemma)
        if not key or len(key) < 2:
            continue
        occurrences[key] += 1
        labels[key][span.text] += 1
        positions[key].add((span.start_char, span.end_char))
        kinds.setdefault(key, kind)
        scores[key] = scores.get(key, 0.0) + _ENTITY_BONUS / (1 + scores.get(key, 0.0))
    ranked = sorted(
        scores,
        key=lambda k: -(scores[k] + _FREQUENCY_BONUS * min(occurrences[k], 5)),
    )
    ranked = _without_fragments(ranked, positions)
    return [
        TopicCandidate(
            label=labels[key].most_common(1)[0][0],
            key=key,
            score=round(scores[key], 4),
            kind=kinds.get(key, "keyphrase"),
            positions=tuple(sorted(positions[key])),
        )
        for key in ranked[:limit]
    ]
