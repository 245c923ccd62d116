"""Reads for topic pages and speaker pages: most-quoted topics, a topic's quotes and speakers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from quotes.models import PUBLIC_QUOTES, Quote, Speaker, SpeakerInsightCount, Topic
from quotes.search import round_estimate
from quotes.selectors.pagination import Page, page_number, page_offset
from quotes.text import normalize_name

TOPICS_PER_PAGE = 60
TOPIC_QUOTES_PER_PAGE = 20
TOP_SPEAKERS = 10
# Topics with more links than this are counted from a sample of pages (PostgreSQL).
EXACT_QUOTES = 5000
SAMPLE_QUOTES = 1500
# Bars by month while the topic spans at most this many months, by year beyond.
MAX_MONTHLY_BARS = 36


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label, a count and its length relative to the longest bar."""

    label: str
    count: int
    percent: float
    url: str = ""


@dataclass(frozen=True)
class Period:
    """Quotes in one month or year of a topic's timeline; zero for a period without any."""

    start: dt.date
    count: int


def _quotes_estimated(quotes: QuerySet[Quote], *, total: int, page: int | str) -> Page:
    """A page of quotes read by offset, under an estimated total."""
    size = TOPIC_QUOTES_PER_PAGE
    number = min(page_number(page), Page.last_number(total, size))
    start = page_offset(number, size)
    # An estimate can overshoot: the page after the last real quote is empty, not an error.
    items = list(quotes[start : start + size])
    return Page.counted(items, number=number, size=size, total=total, approximate=True)


@dataclass(frozen=True)
class TopicPage:
    """Everything the topic page shows."""

    topic: Topic
    quotes: Page
    total: int
    speakers: list[Bar]
    timeline: list[Period]
    first_quote: Quote | None
    latest_quote: Quote | None
    approximate: bool = False
    # "month", or "year" when the quotes span more than MAX_MONTHLY_BARS months.
    timeline_unit: str = "month"


def _bars(counted: list[tuple[str, int, str]]) -> list[Bar]:
    longest = max((count for _, count, _ in counted), default=0) or 1
    return [
        Bar(label, count, round(100 * count / longest, 1), url) for label, count, url in counted
    ]


def topics_most_quoted(*, query: str = "", page: int | str = 1) -> Page[Topic]:
    """Topics with at least one public quote, most quoted first, filtered by a folded substring.

    Sorted on the stored counts' index (kept exact by quotes.services.counts): counting two
    million topic links per request took a third of a second.
    """
    topics = Topic.objects.filter(quote_count__gt=0)
    if wanted := normalize_name(query):
        topics = topics.filter(normalized__contains=wanted)
    total = topics.count()
    size = TOPICS_PER_PAGE
    number = min(page_number(page), Page.last_number(total, size))
    start = page_offset(number, size)
    rows = list(topics.order_by("-quote_count", "label", "id")[start : start + size])
    return Page.counted(rows, number=number, size=size, total=total)


def topic_quotes(topic: Topic) -> QuerySet[Quote]:
    """A topic's public quotes, newest first."""
    return (
        Quote.objects.filter(PUBLIC_QUOTES, topics=topic)
        .select_related("speaker", "article")
        .defer("article__body")
        .order_by("-published_at", "-id")
    )


def topic_page(*, slug: str, page: int | str = 1) -> TopicPage:
    """A topic's quotes, who speaks most about it, its first and latest quote, quotes over time.

    Up to EXACT_QUOTES quotes, one index-only pass over the topic's (id, speaker, date) gives
    exact counts, the ids of the page and of the first and latest quote. Beyond, PostgreSQL
    counts a sample of the link table's pages and scales up, and the page walks the date index.
    """
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("No such topic.")
    quotes = topic_quotes(topic)
    links = Quote.topics.through.objects.filter(topic=topic).count()
    if links > EXACT_QUOTES and connection.vendor == "postgresql":
        percent = max(1.0, min(100.0, 100.0 * SAMPLE_QUOTES / links))
        sampled = _summary(
            SAMPLED_QUOTES, [percent, topic.pk, Quote.Review.REJECTED], scale=100.0 / percent
        )
        total = round_estimate(sampled.total)
        timeline, unit = _timeline(sampled.per_month)
        dated = quotes.filter(published_at__isnull=False)
        return TopicPage(
            topic=topic,
            quotes=_quotes_estimated(quotes, total=total, page=page),
            total=total,
            speakers=_top_speakers(sampled.top_speakers),
            timeline=timeline,
            timeline_unit=unit,
            first_quote=dated.order_by("published_at", "id").first(),
            latest_quote=dated.first(),
            approximate=True,
        )
    public = Quote.objects.filter(PUBLIC_QUOTES, topics=topic).values_list(
        "id", "speaker", "published_at"
    )
    summary = _summary(*public.order_by().query.sql_with_params(), page=page_number(page))
    timeline, unit = _timeline(summary.per_month)
    size = TOPIC_QUOTES_PER_PAGE
    number = min(page_number(page), Page.last_number(summary.total, size))
    ends = [summary.first_id, summary.latest_id] if summary.first_id else []
    found = quotes.in_bulk([*summary.page_ids, *ends])
    items = [found[pk] for pk in summary.page_ids if pk in found]
    return TopicPage(
        topic=topic,
        quotes=Page.counted(items, number=number, size=size, total=summary.total),
        total=summary.total,
        speakers=_top_speakers(summary.top_speakers),
        timeline=timeline,
        timeline_unit=unit,
        first_quote=found.get(summary.first_id),
        latest_quote=found.get(summary.latest_id),
    )


@dataclass(frozen=True)
class _Summary:
    """A topic's public quotes counted by month and by speaker (estimates if sampled)."""

    total: float
    # The first day of each UTC month with quotes; undated quotes count in the total only.
    per_month: Counter[dt.date]
    # The TOP_SPEAKERS most quoted (speaker id, quotes), most quoted first.
    top_speakers: list[tuple[int, float]]
    # The first and latest dated quote, oldest and newest by date then id.
    first_id: int | None
    latest_id: int | None
    # The ids on the page asked for (the last page if it is past the end), newest first.
    page_ids: list[int]


# The UTC month of a quote ('YYYY-MM'), as each database writes it.
MONTH_SQL = {
    "postgresql": "to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM')",
    "sqlite": "strftime('%%Y-%%m', published_at)",
}
# A sample of a topic's links, as (quote id, speaker, date): percent, topic id, REJECTED.
SAMPLED_QUOTES = """SELECT q.id, q.speaker_id, q.published_at
    FROM quotes_quote_topics qt TABLESAMPLE SYSTEM (%s) REPEATABLE (7)
    JOIN quotes_quote q ON q.id = qt.quote_id
    WHERE qt.topic_id = %s AND q.review_status <> %s"""


def _summary(quotes_sql: str, params, *, scale: float = 1, page: int | None = None) -> _Summary:
    """What a topic page shows of the quotes a SELECT of (id, speaker id, date) gives.

    One statement: the database counts, sorts and numbers the rows. Reading a 2,800-quote
    topic's rows to do it in Python took most of its page's time (a date parsed per row).
    """
    month = MONTH_SQL[connection.vendor]
    dated = "FROM public WHERE published_at IS NOT NULL ORDER BY published_at"
    sql = (
        f"WITH public (id, speaker_id, published_at) AS ({quotes_sql})"
        f" SELECT 'month', {month}, NULL, COUNT(*) FROM public GROUP BY {month}"
        " UNION ALL SELECT * FROM (SELECT 'speaker', NULL, speaker_id, COUNT(*) FROM public"
        " WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY COUNT(*) DESC, speaker_id"
        " LIMIT %s) AS top_speakers"
        f" UNION ALL SELECT * FROM (SELECT 'first', NULL, id, 0 {dated}, id LIMIT 1) AS first_quote"
        f" UNION ALL SELECT * FROM (SELECT 'latest', NULL, id, 0 {dated} DESC, id DESC LIMIT 1)"
        " AS latest_quote"
    )
    params = [*params, TOP_SPEAKERS]
    if page is not None:
        # Rows numbered from 0 newest first, undated last; the page past the end is the last.
        size = TOPIC_QUOTES_PER_PAGE
        sql += (
            " UNION ALL SELECT 'page', NULL, id, position FROM (SELECT id, ROW_NUMBER() OVER"
            " (ORDER BY published_at DESC NULLS LAST, id DESC) - 1 AS position,"
            " COUNT(*) OVER () - 1 AS last_position FROM public) AS numbered WHERE position / %s ="
            " CASE WHEN %s < last_position / %s THEN %s ELSE last_position / %s END"
        )
        params += [size, page - 1, size, page - 1, size]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = 0
    per_month: Counter[dt.date] = Counter()
    top_speakers, page_rows, ends = [], [], {}
    for kind, month_text, pk, n in rows:
        if kind == "month":
            total += n * scale
            if month_text is not None:
                per_month[dt.date(int(month_text[:4]), int(month_text[5:]), 1)] = n * scale
        elif kind == "speaker":
            top_speakers.append((pk, n * scale))
        elif kind == "page":
            page_rows.append((n, pk))
        else:
            ends[kind] = pk
    top_speakers.sort(key=lambda speaker: (-speaker[1], speaker[0]))
    page_ids = [pk for _, pk in sorted(page_rows)]
    return _Summary(total, per_month, top_speakers, ends.get("first"), ends.get("latest"), page_ids)


def _top_speakers(top: list[tuple[int, float]]) -> list[Bar]:
    speakers = Speaker.objects.in_bulk([pk for pk, _ in top])
    return _bars(
        [
            (speakers[pk].name, round(n), speakers[pk].get_absolute_url())
            for pk, n in top
            if pk in speakers
        ]
    )


def _timeline(per_month: Counter[dt.date]) -> tuple[list[Period], str]:
    """Quotes per month from the first to the last, empty months included; per year beyond."""
    if not per_month:
        return [], "month"
    first, last = min(per_month), max(per_month)
    if (last.year - first.year) * 12 + last.month - first.month < MAX_MONTHLY_BARS:
        months = []
        month = first
        while month <= last:
            months.append(Period(month, round(per_month[month])))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return months, "month"
    per_year: Counter = Counter()
    for month, n in per_month.items():
        per_year[month.year] += n
    years = range(first.year, last.year + 1)
    return [Period(dt.date(year, 1, 1), round(per_year[year])) for year in years], "year"


def speaker_top_topics(speaker: Speaker, limit: int = 8) -> list[Topic]:
    """The topics a speaker is quoted on most, each with its speaker_quote_count.

    Read from the speaker's stored public quotes per topic (SpeakerInsightCount, kept by
    quotes_changed): joining the most quoted speaker's 26,000 quotes to their topics took
    about 270 ms a request. A row outliving its deleted topic finds no topic and is skipped.
    """
    sql = (
        f"SELECT t.*, c.n AS speaker_quote_count FROM {Topic._meta.db_table} t JOIN"
        f" (SELECT topic_id, SUM(quotes) AS n FROM {SpeakerInsightCount._meta.db_table}"
        "  WHERE speaker_id = %s AND dimension = 'topic' GROUP BY topic_id) c"
        " ON c.topic_id = t.id ORDER BY c.n DESC, t.label, t.id LIMIT %s"
    )
    return list(Topic.objects.raw(sql, [speaker.pk, limit]))
