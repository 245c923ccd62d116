"""Quotation-mark scanning: find the passages between quote marks, robust to stray marks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Opening mark -> closing marks that may end it. „ is closed by “ (German/Eastern style) or ”.
PAIRS: dict[str, tuple[str, ...]] = {
    "«": ("»",),
    "“": ("”",),
    "„": ("“", "”"),
    '"': ('"',),
    "‘": ("’",),
    "'": ("'",),
    "‹": ("›",),
    "''": ("''",),
}
# Some English papers print double quotes as two apostrophes: ''We are ready,'' she said.
DOUBLED_APOSTROPHE = "''"
DOUBLE_MARKS = frozenset('«»“”„"‹›')
SINGLE_MARKS = frozenset("‘’'")
ALL_MARKS = DOUBLE_MARKS | SINGLE_MARKS
SPACES = " \t\u00a0\u202f\u2009\u2007\r"
STRIP_FROM_CONTENT = SPACES + "\n" + "".join(ALL_MARKS)
OPENING_CONTEXT = frozenset("([{—–-/")
# Quote marks as the tokenizer gives them ("''" is one token), opening and closing.
OPENING_MARKS = frozenset(PAIRS)
CLOSING_MARKS = frozenset(mark for closers in PAIRS.values() for mark in closers)
# Capitalised words in marks after these words (or a possessive) name a work, not speech;
# "on" is where a guest speaks (said on "Meet the Press").
WORK_NOUNS = frozenset(
    [
        "on",
        "show",
        "program",
        "programme",
        "documentary",
        "film",
        "movie",
        "book",
        "novel",
        "song",
        "anthem",
        "album",
        "series",
        "column",
        "podcast",
        "play",
        "poem",
        "segment",
        "headline",
        "essay",
        "broadcast",
        "episode",
        "edition",
    ]
)
TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "and",
        "or",
        "but",
        "by",
        "from",
        "as",
    ]
)
MAX_TITLE_WORDS = 8
TITLE_CONTEXT = 200
BYLINE = re.compile(r"(?:Follow|Contact|Email|Reach) [^\n]{1,60}@\w+$")


@dataclass(frozen=True)
class QuotedSpan:
    """One quoted passage: content offsets (marks and spaces excluded) and outer mark offsets."""

    start: int
    end: int
    open_start: int
    close_end: int
    mark: str
    continues: bool = False  # the quote is re-opened in the next paragraph

    def contains(self, position: int) -> bool:
        """Whether a character offset lies between the marks."""
        return self.open_start <= position < self.close_end


@dataclass
class _Open:
    mark: str
    position: int
    children: list[QuotedSpan] = field(default_factory=list)
    earlier_paragraphs: list[QuotedSpan] = field(default_factory=list)


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _mark_at(text: str, i: int, lang: str) -> str:
    """The mark starting at i: two apostrophes in a row are one double mark in English."""
    if lang == "en" and text.startswith(DOUBLED_APOSTROPHE, i):
        return DOUBLED_APOSTROPHE
    return text[i]


def _classify(text: str, i: int, lang: str, mark: str | None = None) -> str | None:
    """Say whether the mark at i opens, closes, may do either ("both") or is not a mark."""
    char = mark or text[i]
    before = text[i - 1] if i > 0 else " "
    after_at = i + len(char)
    after = text[after_at] if after_at < len(text) else " "
    if char in "«„‹":
        return "open"
    if char in "»›":
        return "close"
    if char in "“":
        return "both"
    if char == "”":
        return "close"
    if char in SINGLE_MARKS:
        if lang != "en":
            return None
        if _is_word_char(before) and _is_word_char(after):
            return None  # apostrophe inside a word: don't, l'homme, Sant'Anna
        if char == "‘":
            return "open"
        if _is_word_char(before) or before in ".,!?;:)":
            # A possessive like "players' " is only a closing mark when a quote is open.
            return "close"
        if before.isspace() or before in OPENING_CONTEXT or before in '"“«':
            return "open" if not after.isspace() else None
        return None
    # Straight double quote (or two apostrophes): decide from its neighbours.
    if before.isspace() or before in OPENING_CONTEXT or i == 0:
        return "open" if not after.isspace() else "both"
    if after.isspace() or not _is_word_char(after):
        return "close"
    return "both"


def find_quoted_spans(text: str, lang: str = "fr") -> list[QuotedSpan]:
    """Return the outermost quoted passages of a text, in order."""
    spans: list[QuotedSpan] = []
    stack: list[_Open] = []
    length = len(text)
    i = 0
    while i < length:
        char = text[i]
        if char == "\n":
            i = _end_of_paragraph(text, i, stack, spans, lang)
            continue
        if char not in ALL_MARKS:
            i += 1
            continue
        if _opens_attribute_value(text, i):
            i = _attribute_value_end(text, i)
            continue
        if _is_seconds_sign(text, i):
            i += 1
            continue
        mark = _mark_at(text, i, lang)
        role = _classify(text, i, lang, mark)
        if role is None:
            i += 1
            continue
        closer_index = _matching_open(stack, mark) if role in ("close", "both") else None
        if closer_index is not None:
            opener = stack[closer_index]
            del stack[closer_index:]
            span = _make_span(text, opener, i, width=len(mark))
            finished = [*opener.earlier_paragraphs, span] if span is not None else []
            (stack[-1].children if stack else spans).extend(finished)
        elif role in ("open", "both"):
            stack.append(_Open(mark, i))
        i += len(mark)
    _drop_unclosed(stack, spans)
    spans.sort(key=lambda span: span.start)
    return spans


def _opens_attribute_value(text: str, i: int) -> bool:
    """A mark right after "=" (<tweet author="jdoe">) opens markup left in the text, not a quote."""
    return i > 0 and text[i - 1] == "=" and text[i] in "\"'"


def _is_seconds_sign(text: str, i: int) -> bool:
    """ "en 43"03", "9"58": a straight mark between digits gives seconds, not a quote."""
    return (
        text[i] == '"' and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    )


def _attribute_value_end(text: str, i: int) -> int:
    """Offset just after the mark closing an attribute value (or after the lone opening mark)."""
    close = text.find(text[i], i + 1)
    line_end = text.find("\n", i)
    if close < 0 or 0 <= line_end < close:
        return i + 1
    return close + 1


def _drop_unclosed(stack: list[_Open], spans: list[QuotedSpan]) -> None:
    """Forget unclosed marks but keep the complete quotes found inside them."""
    for opener in stack:
        spans.extend(opener.children)
    stack.clear()


def _matching_open(stack: list[_Open], closer: str) -> int | None:
    """Index of the innermost open mark that this closer ends, if any."""
    for index in range(len(stack) - 1, -1, -1):
        if closer in PAIRS.get(stack[index].mark, ()):
            return index
    return None


def _end_of_paragraph(
    text: str, newline: int, stack: list[_Open], spans: list[QuotedSpan], lang: str
) -> int:
    """Handle a paragraph break; return the offset where scanning resumes."""
    resume = newline
    while resume < len(text) and text[resume] in SPACES + "\n":
        resume += 1
    if not stack:
        return resume
    outer = stack[0]
    # A quote running over paragraphs is re-opened with the same mark at each new paragraph.
    reopened = text.startswith(outer.mark, resume)
    if reopened or _closed_in_next_paragraph(text, resume, outer.mark, lang):
        for inner in stack[1:]:
            outer.children.extend(inner.children)
        del stack[1:]
        # Each paragraph of the quote is its own passage, linked to the next one.
        piece = _make_span(text, outer, newline, continues=True)
        if piece is not None:
            outer.earlier_paragraphs.append(piece)
        # Without a re-opening mark, the passage starts right at the paragraph.
        outer.position = resume if reopened else resume - len(outer.mark)
        return resume + len(outer.mark) if reopened else resume
    _drop_unclosed(stack, spans)
    return resume


def _closed_in_next_paragraph(text: str, start: int, mark: str, lang: str) -> bool:
    """A quote whose re-opening mark was lost: the next paragraph closes it before opening any."""
    closers = PAIRS.get(mark, ())
    paragraph_end = text.find("\n", start)
    if paragraph_end < 0:
        paragraph_end = len(text)
    for position in range(start, paragraph_end):
        char = text[position]
        if char not in ALL_MARKS:
            continue
        found = _mark_at(text, position, lang)
        role = _classify(text, position, lang, found)
        if role is None:
            continue
        if found in closers and role == "close":
            return True
        if found == mark or role == "open":
            return False
    return False


def _make_span(
    text: str, opener: _Open, close_at: int, *, continues: bool = False, width: int = 1
) -> QuotedSpan | None:
    start = opener.position + len(opener.mark)
    end = close_at
    while start < end and text[start] in STRIP_FROM_CONTENT:
        start += 1
    # '"We are ready," he said': the comma belongs to the sentence around the quote.
    while end > start and text[end - 1] in STRIP_FROM_CONTENT + ",;:":
        end -= 1
    if end <= start:
        return None
    close_end = close_at if continues else close_at + width
    return QuotedSpan(start, end, opener.position, close_end, opener.mark, continues)


def names_a_work(text: str, span: QuotedSpan) -> bool:
    """ "MSNBC's “Morning Joe”", "the documentary “13th”", a heading line: a title, not speech."""
    words = text[span.start : span.end].rstrip(".,!?").split()
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    if not all(
        word[:1].isupper() or word[:1].isdigit() or word in TITLE_SMALL_WORDS for word in words
    ):
        return False
    # Only the words near the marks are read, so a long paragraph costs no more per quote.
    paragraph_start = text.rfind("\n", max(0, span.open_start - TITLE_CONTEXT), span.open_start)
    paragraph_start = (
        max(0, span.open_start - TITLE_CONTEXT) if paragraph_start < 0 else paragraph_start + 1
    )
    paragraph_end = text.find("\n", span.close_end, span.close_end + TITLE_CONTEXT)
    paragraph_end = (
        min(len(text), span.close_end + TITLE_CONTEXT) if paragraph_end < 0 else paragraph_end
    )
    before = text[paragraph_start : span.open_start]
    after = text[span.close_end : paragraph_end]
    if not any(char.isalnum() for char in before + after):
        return True  # a line of its own: a heading
    preceding = [word.lower() for word in before.rstrip(SPACES + ",:").split()[-2:]]
    if len(preceding) == 2 and preceding[1] == "of":
        preceding = preceding[:1]  # "the broadcast of “Fox News Sunday”"
    last_word = preceding[-1] if preceding else ""
    return last_word.endswith(("'s", "’s")) or last_word in WORK_NOUNS


def is_stage_direction_or_byline(text: str, span: QuotedSpan) -> bool:
    """ "(CROSSTALK.)" or "Follow Jane Roe on Twitter @janeroe": a transcript's aside, no speech."""
    content = text[span.start : span.end].rstrip(".")
    if content.startswith("(") and content.endswith(")"):
        return True
    return BYLINE.match(content) is not None
