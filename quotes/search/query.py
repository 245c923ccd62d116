"""Parse web-search syntax ("phrases", -exclusions, or) and highlight matches in plain text."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quotes.text import fold

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
# Private-use characters never occur in news text, so they can mark highlights before escaping.
MARK_START = "\ue000"
MARK_END = "\ue001"
SNIPPET_CHARS = 320
# A shorter word being typed would match too many words to be useful (and to be fast).
MIN_PREFIX = 3
STEM_CACHE_SIZE = 100_000


_thread = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    """This thread's Snowball stemmer for 'fr' or 'en' (PyStemmer's C code, not thread-safe)."""
    stemmers = _thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer("french" if language == "fr" else "english")
    return stemmers[language]


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str, language: str) -> str:
    """The Snowball stem of an already folded word ('fr' or 'en'); news reuses its words."""
    return _stemmer(language).stemWord(word)


def stem_words(words: list[str], language: str) -> list[str]:
    """The Snowball stems of already folded words, in one call: for indexing whole texts."""
    return _stemmer(language).stemWords(words)


def words(text: str) -> list[str]:
    """The folded words of a text, as the index sees them."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Match:
    """SQL pieces that restrict quotes_search (alias s) to a query and rank the matches."""

    join: str
    join_params: list
    where: str
    where_params: list
    rank: str


@dataclass(frozen=True)
class Clause:
    """A run of words that must appear together; several alternatives when joined by 'or'.

    With prefix, the last word of the last alternative is still being typed: it matches every
    word that starts with it ("ukrai" finds "Ukraine").
    """

    alternatives: tuple[tuple[str, ...], ...]
    negated: bool = False
    prefix: bool = False


@dataclass
class ParsedQuery:
    """Positive and negative clauses of a query."""

    positive: list[Clause] = field(default_factory=list)
    negative: list[Clause] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.positive or self.negative)


def parse(query: str) -> ParsedQuery:
    """Split a web-search query into clauses, like PostgreSQL's websearch_to_tsquery.

    A bare word of at least MIN_PREFIX characters that ends the query (no space after it) is
    the word being typed, and matches as a prefix.
    """
    parsed = ParsedQuery()
    pending_or = False
    last = None
    for match in _TOKEN.finditer(query):
        minus, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            pending_or = bool(parsed.positive)
            continue
        negated = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        run = tuple(words(phrase if phrase is not None else bare))
        if not run:
            continue
        if negated:
            parsed.negative.append(Clause((run,), negated=True))
        elif pending_or:
            previous = parsed.positive.pop()
            parsed.positive.append(Clause((*previous.alternatives, run)))
        else:
            parsed.positive.append(Clause((run,)))
        pending_or = False
        last = match
    typing = last is not None and last.end() == len(query) and last.group(3) is not None
    if typing and parsed.positive and not last.group(3).startswith("-"):
        clause = parsed.positive[-1]
        if len(clause.alternatives[-1][-1]) >= MIN_PREFIX:
            parsed.positive[-1] = Clause(clause.alternatives, prefix=True)
    return parsed


def tsquery_text(parsed: ParsedQuery, *, weights: str = "") -> str:
    """The query in to_tsquery syntax: words as quoted lexemes, `:*` on the word being typed.

    weights ("AB") restricts every word to those parts of the document. Words are \\w+ runs
    of folded text, so quoting them is enough to keep them from being read as operators.
    """

    def lexeme(word: str, prefix: bool) -> str:
        label = ("*" if prefix else "") + weights
        return f"'{word}'" + (f":{label}" if label else "")

    def clause_text(clause: Clause) -> str:
        runs = []
        for index, run in enumerate(clause.alternatives):
            typed = clause.prefix and index == len(clause.alternatives) - 1
            parts = [lexeme(w, typed and k == len(run) - 1) for k, w in enumerate(run)]
            runs.append("(" + " <-> ".join(parts) + ")")
        return "(" + " | ".join(runs) + ")"

    positive = [clause_text(c) for c in parsed.positive]
    negative = [f"!{clause_text(c)}" for c in parsed.negative]
    return " & ".join(positive + negative)


def highlight(text: str, parsed: ParsedQuery, *, trim: bool = True) -> SafeString:
    """HTML of the text, escaped, with <mark> around words matching the positive clauses."""
    spans = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    marked = [False] * len(spans)
    for clause in parsed.positive:
        for index, run in enumerate(clause.alternatives):
            _mark_run(spans, marked, run, clause.prefix and index == len(clause.alternatives) - 1)
    pieces: list[str] = []
    position = 0
    for (start, end, _), is_marked in zip(spans, marked, strict=True):
        if is_marked:
            pieces += [text[position:start], MARK_START, text[start:end], MARK_END]
            position = end
    pieces.append(text[position:])
    marked_text = "".join(pieces)
    if not trim:
        return mark_safe(
            escape(marked_text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        )
    return render_marked(marked_text)


def _same_word(word: str, wanted: str, prefix: bool = False) -> bool:
    if word == wanted or (prefix and word.startswith(wanted)):
        return True
    if prefix:
        return any(word.startswith(stem(wanted, lang)) for lang in ("fr", "en"))
    return any(stem(word, lang) == stem(wanted, lang) for lang in ("fr", "en"))


def _mark_run(spans, marked, run: tuple[str, ...], prefix: bool = False) -> None:
    size = len(run)
    for i in range(len(spans) - size + 1):
        if all(_same_word(spans[i + k][2], run[k], prefix and k == size - 1) for k in range(size)):
            for k in range(size):
                marked[i + k] = True


def render_marked(text: str) -> SafeString:
    """Trim long text around its first mark, escape it, then turn the marks into <mark>."""
    if len(text) > SNIPPET_CHARS:
        first = max(text.find(MARK_START), 0)
        start = max(0, first - SNIPPET_CHARS // 3)
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = text.find(" ", start + SNIPPET_CHARS)
        end = len(text) if end == -1 else end
        prefix = "… " if start else ""
        suffix = " …" if end < len(text) else ""
        text = prefix + text[start:end] + suffix
        # A cut may leave a mark unbalanced; close or drop it.
        if text.count(MARK_START) > text.count(MARK_END):
            text += MARK_END
        if text.count(MARK_END) > text.count(MARK_START):
            text = MARK_START + text
    # Escaped first, so the only markup left is ours.
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)
