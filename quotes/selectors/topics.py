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


def _quotes_by_ids(quotes: QuerySet[Quote], ordered_ids: list[int], page: int | str) -> Page:
    """The page of quotes whose ids, in display order, are already known."""
    size = TOPIC_QUOTES_PER_PAGE
    number = min(page_number(page), Page.last_number(len(ordered_ids), size))
    wanted = ordered_ids[page_offset(number, size) : page_offset(number, size) + size]
    found = quotes.in_bulk(wanted)
    items = [found[pk] for pk in wanted if pk in found]
    return Page.counted(items, number=number, size=size, total=len(ordered_ids))


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
    exact counts, the page and the first and latest quote. Beyond, PostgreSQL counts a sample of
    the link table's pages and scales up, and the page walks the date index.
    """
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("No such topic.")
    quotes = topic_quotes(topic)
    links = Quote.topics.through.objects.filter(topic=topic).count()
    if links > EXACT_QUOTES and connection.vendor == "postgresql":
        counts = _sampled_counts(topic, links)
        total = round_estimate(sum(counts.values()))
        timeline, unit = _timeline(counts)
        dated = quotes.filter(published_at__isnull=False)
        return TopicPage(
            topic=topic,
            quotes=_quotes_estimated(quotes, total=total, page=page),
            total=total,
            speakers=_top_speakers(counts),
            timeline=timeline,
            timeline_unit=unit,
            first_quote=dated.order_by("published_at", "id").first(),
            latest_quote=dated.first(),
            approximate=True,
        )
    rows = list(
        Quote.objects.filter(PUBLIC_QUOTES, topics=topic)
        .values_list("id", "speaker", "published_at")
        .order_by()
    )
    counts = Counter((speaker, _month(published)) for _, speaker, published in rows)
    timeline, unit = _timeline(counts)
    rows.sort(key=lambda row: (row[2] is not None, row[2] and row[2].timestamp(), row[0]))
    newest_first = [quote_id for quote_id, _, _ in reversed(rows)]
    dated = [quote_id for quote_id, _, published in rows if published is not None]
    quote_page = _quotes_by_ids(quotes, newest_first, page)
    ends = quotes.in_bulk([dated[0], dated[-1]]) if dated else {}
    return TopicPage(
        topic=topic,
        quotes=quote_page,
        total=len(rows),
        speakers=_top_speakers(counts),
        timeline=timeline,
        timeline_unit=unit,
        first_quote=ends.get(dated[0]) if dated else None,
        latest_quote=ends.get(dated[-1]) if dated else None,
    )


def _month(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment.astimezone(dt.UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _sampled_counts(topic: Topic, links: int) -> Counter:
    """Public quotes per (speaker id, month), estimated from a sample of the link table."""
    percent = max(1.0, min(100.0, 100.0 * SAMPLE_QUOTES / links))
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT q.speaker_id, date_trunc('month', q.published_at AT TIME ZONE 'UTC'), COUNT(*)
            FROM quotes_quote_topics qt TABLESAMPLE SYSTEM (%s) REPEATABLE (7)
            JOIN quotes_quote q ON q.id = qt.quote_id
            WHERE qt.topic_id = %s AND q.review_status <> %s
            GROUP BY 1, 2""",
            [percent, topic.pk, Quote.Review.REJECTED],
        )
        rows = cursor.fetchall()
    scale = 100.0 / percent
    return Counter({(speaker, month): n * scale for speaker, month, n in rows})


def _top_speakers(counts: Counter) -> list[Bar]:
    per_speaker: Counter = Counter()
    for (speaker, _month), n in counts.items():
        if speaker is not None:
            per_speaker[speaker] += n
    top = sorted(per_speaker.items(), key=lambda item: (-item[1], item[0]))[:TOP_SPEAKERS]
    speakers = Speaker.objects.in_bulk([pk for pk, _ in top])
    return _bars(
        [
            (speakers[pk].name, round(n), speakers[pk].get_absolute_url())
            for pk, n in top
            if pk in speakers
        ]
    )


def _timeline(counts: Counter) -> tuple[list[Period], str]:
    """Quotes per month from the first to the last, empty months included; per year beyond."""
    per_month: Counter = Counter()
    for (_speaker, month), n in counts.items():
        if month is not None:
            per_month[month.date()] += n
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
