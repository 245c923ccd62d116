"""Quotes as CSV and JSON Lines, written chunk by chunk so that any number streams in flat memory.

The sources give quote ids in chunks (a search, a speaker, a topic, an article); each chunk is
read in one statement and turned into one piece of text, so a million quotes never sit in memory.
Rejected quotes are never exported, whoever asks.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

from django.db.models.functions import Coalesce
from django.utils import timezone

from quotes import search
from quotes.models import PUBLIC_QUOTES, Article, Quote

COLUMNS = (
    "quote_id",
    "quote",
    "speaker",
    "speaker_kind",
    "kind",
    "language",
    "article_title",
    "outlet",
    "date",
    "quote_url",
    "article_url",
    "confidence",
    "review_status",
)
# A spreadsheet runs a cell starting with one of these as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Line breaks that JSON leaves raw but that some line readers (Python's splitlines) split on.
LINE_SEPARATORS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
CSV_BOM = "\ufeff"

Row = dict[str, object]


def article_quote_ids(article: Article) -> Iterator[list[int]]:
    """An article's public quote ids in the order of its text (an article holds a bounded few)."""
    ids = list(
        Quote.objects.filter(PUBLIC_QUOTES, article=article)
        .order_by("start", "end")
        .values_list("id", flat=True)
    )
    for start in range(0, len(ids), search.EXPORT_CHUNK):
        yield ids[start : start + search.EXPORT_CHUNK]


def quote_rows(
    id_chunks: Iterable[list[int]], *, quote_url: Callable[[int], str]
) -> Iterator[list[Row]]:
    """The export rows of each chunk of quote ids, in the chunk's order; one query per chunk."""
    for ids in id_chunks:
        found = {
            row[0]: row
            for row in Quote.objects.filter(PUBLIC_QUOTES, id__in=ids)
            .annotate(date=Coalesce("published_at", "article__published_at"))
            .values_list(
                "id",
                "text",
                "speaker__name",
                "speaker__kind",
                "kind",
                "article__language",
                "article__title",
                "article__outlet",
                "date",
                "article__url",
                "confidence",
                "review_status",
            )
            .order_by()
        }
        yield [_row(found[pk], quote_url) for pk in ids if pk in found]


def _row(values: tuple, quote_url: Callable[[int], str]) -> Row:
    (
        pk,
        text,
        speaker,
        speaker_kind,
        kind,
        language,
        title,
        outlet,
        date,
        url,
        confidence,
        review,
    ) = values
    return {
        "quote_id": pk,
        "quote": text,
        "speaker": speaker or "",
        "speaker_kind": speaker_kind or "",
        "kind": kind,
        "language": language,
        "article_title": title,
        "outlet": outlet,
        "date": timezone.localtime(date).date().isoformat() if date else "",
        "quote_url": quote_url(pk),
        "article_url": url or "",
        "confidence": round(confidence, 3),
        "review_status": review,
    }


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text by a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(row_chunks: Iterable[list[Row]]) -> Iterator[str]:
    """CSV text: a byte-order mark (so Excel reads UTF-8), the header, then a piece per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield CSV_BOM + buffer.getvalue()
    for rows in row_chunks:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([spreadsheet_safe(row[column]) for column in COLUMNS] for row in rows)
        yield buffer.getvalue()


def as_jsonl(row_chunks: Iterable[list[Row]]) -> Iterator[str]:
    """JSON Lines: one object per quote and per line, a piece per chunk."""
    for rows in row_chunks:
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        for separator, escaped in LINE_SEPARATORS.items():
            text = text.replace(separator, escaped)
        yield text
