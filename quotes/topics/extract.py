"""Topic extraction: yake keyphrases re-ranked with spaCy parts of speech and named entities.

Pure Python + spaCy (through quotes.attribution.get_nlp), no Django: text in, TopicCandidate out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

import yake
from spacy.language import Language
from spacy.tokens import Doc, Span

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
_PERSON_LABELS = {"PER", "PERSON"}
_INNER_POS = {"NOUN", "PROPN", "ADJ", "NUM", "ADP", "DET"}
_YAKE_CANDIDATES = 40
_MAX_WORDS = 4
_ENTITY_BONUS = 0.35
_FREQUENCY_BONUS = 0.08
_SPLIT = re.compile(r"[^\w]+")


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
def _yake(lang: str) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(lan=lang, n=3, top=_YAKE_CANDIDATES, dedupLim=0.8)


def _lemmatized(nlp: Language, doc: Doc) -> Doc:
    """Run the lemmatizer even when the shared pipeline keeps it disabled."""
    if "lemmatizer" in nlp.component_names and "lemmatizer" in nlp.disabled:
        return nlp.get_pipe("lemmatizer")(doc)
    return doc


def span_key(span: Span | list) -> str:
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
        lemma = token.lemma_ if token.pos_ in {"NOUN", "ADJ"} and token.lemma_ else token.text
        words.append(fold(lemma))
    while words and len(words[-1]) <= 2 and not words[-1].isdigit():
        words.pop()
    return " ".join(w for part in words for w in _SPLIT.split(part) if w)


def phrase_key(phrase: str, *, nlp: Language) -> str:
    """Normalised key of a typed phrase, the same as for a phrase found in a text."""
    doc = _lemmatized(nlp, nlp(phrase))
    return span_key(doc[:]) or " ".join(fold(w) for w in _SPLIT.split(phrase) if w)


def _label(span: Span) -> str:
    """Display form: proper nouns keep their case, common nouns are lower-cased."""
    if any(t.pos_ == "PROPN" for t in span) or span.text.isupper():
        return span.text
    return span.text.lower()


def _good_shape(span: Span) -> bool:
    tokens = [t for t in span if not t.is_space]
    if not tokens or len(tokens) > _MAX_WORDS:
        return False
    if tokens[0].pos_ not in _EDGE_POS or tokens[-1].pos_ not in _EDGE_POS | {"ADJ"}:
        return False
    if any(t.is_stop and t.pos_ not in {"ADP", "DET"} and t.pos_ not in _EDGE_POS for t in tokens):
        return False
    if all(t.pos_ == "NUM" for t in tokens):
        return False
    return all(t.pos_ in _INNER_POS for t in tokens)


def _phrase_spans(doc: Doc) -> dict[str, list[Span]]:
    """Every occurrence of each folded word sequence of up to 3 words, to map yake's strings."""
    spans: dict[str, list[Span]] = defaultdict(list)
    words = [t for t in doc if not t.is_punct and not t.is_space]
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            first, last = words[i], words[i + size - 1]
            if last.i - first.i != size - 1:
                continue
            span = doc[first.i : last.i + 1]
            spans[fold(span.text)].append(span)
    return spans


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
    """The best topics of a text, most relevant first (all of them when limit is None)."""
    doc = _lemmatized(nlp, doc if doc is not None else nlp(text))
    positions: dict[str, set[tuple[int, int]]] = defaultdict(set)
    scores: dict[str, float] = {}
    labels: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    occurrences: Counter = Counter()
    spans_by_text = _phrase_spans(doc)
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _PERSON_LABELS]
    keywords = _yake(lang).extract_keywords(text)
    for position, (keyword, _score) in enumerate(keywords):
        spans = [
            s
            for s in spans_by_text.get(fold(keyword), [])
            if _good_shape(s) and not _cuts_a_name(s, people)
        ]
        if not spans:
            continue
        key = span_key(spans[0])
        if not key:
            continue
        # Rank-based: yake's raw scores are not comparable across texts.
        scores[key] = max(scores.get(key, 0.0), 1.0 - position / len(keywords))
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
        key = span_key(span)
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
