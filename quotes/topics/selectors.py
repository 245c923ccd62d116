"""Reads for topic pages and speaker pages: most-quoted topics, a topic's quotes and speakers."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from quotes.models import Quote, Speaker, Topic
from quotes.search import round_estimate
from quotes.text import normalize_name

TOPICS_PER_PAGE = 60
TOPIC_QUOTES_PER_PAGE = 20
TOP_SPEAKERS = 10
# Topics with more links than this are counted from a sample of pages (PostgreSQL).
EXACT_QUOTES = 5000
SAMPLE_QUOTES = 1500
# Bars by month while the topic spans at most this many months, by year beyond.
MAX_MONTHLY_BARS = 36

_PUBLIC = ~Q(review_status=Quote.Review.REJECTED)
_VISIBLE = [status for status in Quote.Review.values if status != Quote.Review.REJECTED]


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label, a count and its length relative to the longest bar."""

    label: str
    count: int
    percent: float
    url: str = ""


@dataclass(frozen=True)
class QuotePage:
    """One page of quotes whose total is already known (possibly an estimate)."""

    items: list[Quote]
    number: int
    num_pages: int
    approximate: bool

    @classmethod
    def of(cls, quotes: QuerySet[Quote], *, total: int, page: int | str, approximate: bool):
        num_pages = max(1, math.ceil(total / TOPIC_QUOTES_PER_PAGE))
        try:
            number = min(max(1, int(page)), num_pages)
        except (TypeError, ValueError):
            number = 1
        start = (number - 1) * TOPIC_QUOTES_PER_PAGE
        items = list(quotes[start : start + TOPIC_QUOTES_PER_PAGE])
        # An estimate can overshoot: the page after the last real quote is empty, not an error.
        return cls(items, number, num_pages, approximate)

    def __iter__(self):
        return iter(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages and len(self.items) == TOPIC_QUOTES_PER_PAGE

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class TopicPage:
    """Everything the topic page shows."""

    topic: Topic
    quotes: QuotePage
    total: int
    speakers: list[Bar]
    timeline: list[Bar]
    first_quote: Quote | None
    latest_quote: Quote | None
    approximate: bool = False


def _bars(counted: list[tuple[str, int, str]]) -> list[Bar]:
    longest = max((count for _, count, _ in counted), default=0) or 1
    return [
        Bar(label, count, round(100 * count / longest, 1), url) for label, count, url in counted
    ]


def topics_most_quoted(*, query: str = "", page: int | str = 1) -> Page:
    """Topics with at least one public quote, most quoted first, filtered by a folded prefix."""
    topics = Topic.objects.annotate(
        quote_count=Count("quotes", filter=~Q(quotes__review_status=Quote.Review.REJECTED))
    ).filter(quote_count__gt=0)
    if wanted := normalize_name(query):
        topics = topics.filter(normalized__contains=wanted)
    topics = topics.order_by("-quote_count", "label")
    return Paginator(topics, TOPICS_PER_PAGE).get_page(page)


def topic_quotes(topic: Topic) -> QuerySet[Quote]:
    """A topic's public quotes, newest first."""
    return (
        Quote.objects.filter(_PUBLIC, topics=topic)
        .select_related("speaker", "article")
        .defer("article__body")
        .order_by("-published_at", "-id")
    )


def topic_page(*, slug: str, page: int | str = 1) -> TopicPage:
    """A topic's quotes, who speaks most about it, its first and latest quote, quotes over time."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("No such topic.")
    quotes = topic_quotes(topic)
    counts, approximate = _counts_by_speaker_and_month(topic)
    total = round_estimate(sum(counts.values())) if approximate else round(sum(counts.values()))
    quote_page = QuotePage.of(quotes, total=total, page=page, approximate=approximate)
    dated = quotes.filter(published_at__isnull=False)
    return TopicPage(
        topic=topic,
        quotes=quote_page,
        total=total,
        speakers=_top_speakers(counts),
        timeline=_timeline(counts),
        first_quote=dated.order_by("published_at", "id").first(),
        latest_quote=dated.first(),
        approximate=approximate,
    )


def _counts_by_speaker_and_month(topic: Topic) -> tuple[Counter, bool]:
    """Public quotes per (speaker id, month) in one pass; from a sample for very large topics.

    Counting every quote of a topic reads one table row per quote, so beyond EXACT_QUOTES links
    (counted on the link table's index alone) PostgreSQL reads a sample of the link table's pages
    and scales the counts up.
    """
    links = Quote.topics.through.objects.filter(topic=topic).count()
    if links > EXACT_QUOTES and connection.vendor == "postgresql":
        percent = max(1.0, min(100.0, 100.0 * SAMPLE_QUOTES / links))
        with connection.cursor() as cursor:
            cursor.execute(
                """SELECT q.speaker_id, date_trunc('month', q.published_at AT TIME ZONE 'UTC'),
                          COUNT(*)
                FROM quotes_quote_topics qt TABLESAMPLE SYSTEM (%s) REPEATABLE (7)
                JOIN quotes_quote q ON q.id = qt.quote_id
                WHERE qt.topic_id = %s AND q.review_status <> %s
                GROUP BY 1, 2""",
                [percent, topic.pk, Quote.Review.REJECTED],
            )
            rows = cursor.fetchall()
        scale = 100.0 / percent
        return Counter({(speaker, month): n * scale for speaker, month, n in rows}), True
    rows = (
        Quote.objects.filter(_PUBLIC, topics=topic)
        .annotate(month=TruncMonth("published_at"))
        .values_list("speaker", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Counter({(speaker, month): n for speaker, month, n in rows}), False


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


def _timeline(counts: Counter) -> list[Bar]:
    per_month: Counter = Counter()
    for (_speaker, month), n in counts.items():
        if month is not None:
            per_month[month] += n
    months = sorted(per_month.items())
    if not months:
        return []
    first, last = months[0][0], months[-1][0]
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span <= MAX_MONTHLY_BARS:
        return _bars([(month.strftime("%b %Y"), round(n), "") for month, n in months])
    years: Counter = Counter()
    for month, n in months:
        years[month.year] += n
    return _bars([(str(year), round(n), "") for year, n in sorted(years.items())])


def speaker_top_topics(speaker: Speaker, limit: int = 8) -> list[Topic]:
    """The topics a speaker is quoted on most, each with its quote_count."""
    return list(
        Topic.objects.filter(quotes__speaker=speaker, quotes__review_status__in=_VISIBLE)
        .annotate(quote_count=Count("quotes"))
        .order_by("-quote_count", "label")[:limit]
    )
