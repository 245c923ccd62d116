"""Reads for topic pages and speaker pages: most-quoted topics, a topic's quotes and speakers."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from quotes.models import Quote, Speaker, Topic
from quotes.text import normalize_name

TOPICS_PER_PAGE = 60
TOPIC_QUOTES_PER_PAGE = 20
TOP_SPEAKERS = 10
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
class TopicPage:
    """Everything the topic page shows."""

    topic: Topic
    quotes: Page
    total: int
    speakers: list[Bar]
    timeline: list[Bar]
    first_quote: Quote | None
    latest_quote: Quote | None


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
    quote_page = Paginator(quotes, TOPIC_QUOTES_PER_PAGE).get_page(page)
    dated = quotes.filter(published_at__isnull=False)
    return TopicPage(
        topic=topic,
        quotes=quote_page,
        total=quote_page.paginator.count,
        speakers=_top_speakers(topic),
        timeline=_timeline(topic),
        first_quote=dated.order_by("published_at", "id").first(),
        latest_quote=dated.first(),
    )


def _top_speakers(topic: Topic) -> list[Bar]:
    rows = (
        Quote.objects.filter(_PUBLIC, topics=topic, speaker__isnull=False)
        .values("speaker")
        .annotate(n=Count("id"))
        .order_by("-n", "speaker")[:TOP_SPEAKERS]
    )
    counts = {row["speaker"]: row["n"] for row in rows}
    speakers = Speaker.objects.in_bulk(counts)
    return _bars(
        [
            (speakers[pk].name, n, speakers[pk].get_absolute_url())
            for pk, n in counts.items()
            if pk in speakers
        ]
    )


def _timeline(topic: Topic) -> list[Bar]:
    rows = (
        Quote.objects.filter(_PUBLIC, topics=topic, published_at__isnull=False)
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    months = [(row["month"], row["n"]) for row in rows]
    if not months:
        return []
    first, last = months[0][0], months[-1][0]
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span <= MAX_MONTHLY_BARS:
        return _bars([(month.strftime("%b %Y"), n, "") for month, n in months])
    years: dict[int, int] = {}
    for month, n in months:
        years[month.year] = years.get(month.year, 0) + n
    return _bars([(str(year), n, "") for year, n in sorted(years.items())])


def speaker_top_topics(speaker: Speaker, limit: int = 8) -> list[Topic]:
    """The topics a speaker is quoted on most, each with its quote_count."""
    return list(
        Topic.objects.filter(quotes__speaker=speaker, quotes__review_status__in=_VISIBLE)
        .annotate(quote_count=Count("quotes"))
        .order_by("-quote_count", "label")[:limit]
    )
