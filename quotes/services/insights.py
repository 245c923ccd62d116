"""Stored counts behind /insights/: people quoted and their quotes by gender, per group.

A group is all articles, an outlet, a month or a topic. Counting a million quotes by gender
three ways took the page 12 s; it now reads a few thousand stored rows. Two tables:
SpeakerInsightCount holds each speaker's public quotes per group, and InsightCount their sums
(people = speakers with a row, quotes = the sum). A change recounts whole speakers from the
quotes table, then adds the difference between their rows before and after to the sums, so a
recount never drifts: recounting a speaker again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, DateTimeField, F, IntegerField, Model, Sum, Value
from django.db.models.functions import Cast, TruncMonth

from quotes.models import PUBLIC_QUOTES, InsightCount, Quote, SpeakerInsightCount

DIMENSIONS = ("total", "outlet", "month", "topic")
_BATCH = 500

GroupKey = tuple[str, str, str]  # dimension, key, gender


def month_key(month) -> str:
    """A month's key in InsightCount: YYYY-MM, or "" when undated."""
    return month.strftime("%Y-%m") if month else ""


def _contributions(quotes):
    """Per speaker, gender and group, the number of these public quotes: one query."""
    base = quotes.filter(PUBLIC_QUOTES).exclude(speaker=None).order_by()
    columns = {"sp": F("speaker_id"), "g": F("speaker__gender")}
    empty = {
        "o": Value(""),
        # Typed: PostgreSQL reads a bare NULL in the first branch of a UNION as text.
        "m": Cast(Value(None), DateTimeField()),
        "t": Cast(Value(None), IntegerField()),
    }

    def counted(dimension: str, qs, **group):
        values = {**columns, **empty, **group}
        return (
            qs.values(**values)
            .annotate(n=Count("pk"))
            .values_list("sp", "g", Value(dimension), "o", "m", "t", "n")
        )

    return counted("total", base).union(
        counted("outlet", base, o=F("article__outlet")),
        counted("month", base, m=TruncMonth("published_at")),
        counted("topic", base.filter(topics__isnull=False), t=F("topics")),
        all=True,
    )


def _write_rows(quotes, row_model: type[Model]) -> None:
    """Insert the contributions of these quotes, in one INSERT ... SELECT."""
    columns = "speaker_id, gender, dimension, outlet, month, topic_id, quotes"
    sql, params = _contributions(quotes).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {row_model._meta.db_table} ({columns}) {sql}", params)


def _sums(rows) -> Counter[tuple[GroupKey, str]]:
    """People and quotes per group and gender of these SpeakerInsightCount rows."""
    sums: Counter[tuple[GroupKey, str]] = Counter()
    grouped = (
        rows.values("dimension", "gender", "outlet", "month", "topic_id")
        .annotate(people=Count("pk"), total=Sum("quotes"))
        .order_by()
    )
    for row in grouped:
        dimension = row["dimension"]
        if dimension == "outlet":
            key = row["outlet"] or ""
        elif dimension == "month":
            key = month_key(row["month"])
        elif dimension == "topic":
            key = str(row["topic_id"])
        else:
            key = ""
        group = (dimension, key, row["gender"])
        sums[group, "people"] += row["people"]
        sums[group, "quotes"] += row["total"]
    return sums


def _add(delta: Counter[tuple[GroupKey, str]], total_model: type[Model] = InsightCount) -> None:
    """Add these differences to InsightCount, in key order (two writers cannot deadlock)."""
    groups = sorted(
        {group for group, _ in delta if delta[group, "people"] or delta[group, "quotes"]}
    )
    table = total_model._meta.db_table
    with connection.cursor() as cursor:
        for start in range(0, len(groups), _BATCH):
            batch = groups[start : start + _BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            params = [
                p
                for group in batch
                for p in (*group, delta[group, "people"], delta[group, "quotes"])
            ]
            cursor.execute(
                f"INSERT INTO {table} (dimension, key, gender, people, quotes) VALUES {values}"
                " ON CONFLICT (dimension, key, gender) DO UPDATE SET"
                f" people = {table}.people + excluded.people,"
                f" quotes = {table}.quotes + excluded.quotes",
                params,
            )


@transaction.atomic(savepoint=False)
def insight_counts_refresh(*, speaker_ids: Iterable[int | None]) -> None:
    """Recount these speakers' quotes per group and gender, and move the sums by the difference.

    Called by quotes_changed with every speaker whose quotes or gender changed.
    """
    ids = sorted({pk for pk in speaker_ids if pk is not None})
    if not ids:
        return
    rows = SpeakerInsightCount.objects.filter(speaker_id__in=ids)
    before = _sums(rows)
    rows.delete()
    _write_rows(Quote.objects.filter(speaker_id__in=ids), SpeakerInsightCount)
    after = _sums(SpeakerInsightCount.objects.filter(speaker_id__in=ids))
    delta = Counter(after)
    delta.subtract(before)
    _add(delta)


def rebuild(quote_model, row_model, total_model) -> None:
    """Count every quote again, into emptied tables (models given: a migration calls it)."""
    row_model.objects.all().delete()
    total_model.objects.all().delete()
    _write_rows(quote_model.objects.all(), row_model)
    _add(_sums(row_model.objects.all()), total_model)


@transaction.atomic(savepoint=False)
def insight_counts_rebuild() -> None:
    """Count every speaker's quotes per group again: after bulk loads or writes past services."""
    rebuild(Quote, SpeakerInsightCount, InsightCount)
