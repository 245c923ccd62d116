"""Reads for the browsing pages: home, speakers, an article and a quote, bounded and paged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.http import Http404

from quotes.models import (
    PUBLIC_QUOTES,
    PUBLIC_REVIEW_STATUSES,
    Article,
    Quote,
    Speaker,
    SpeakerAlias,
    Topic,
)
from quotes.selectors.editing import Change, quote_history, speaker_by_slug
from quotes.selectors.pagination import Page, page_number, page_offset
from quotes.selectors.topics import speaker_top_topics
from quotes.text import normalize_name

SPEAKERS_PER_PAGE = 30
SPEAKER_QUOTES_PER_PAGE = 20
LATEST_QUOTES = 10
TOP_SPEAKERS = 8
SPEAKER_TOP_TOPICS = 8
# Buckets by day when the quotes span at most this many days, by month otherwise.
DAILY_TIMELINE_MAX_DAYS = 62
# Links to other reports of a quote listed on its page.
OTHER_REPORTS_SHOWN = 10

# Each ordering is that of an index on the stored counts (Speaker.Meta, migration 0005).
SPEAKER_SORTS = {
    "count": ("-quote_count", "name", "id"),
    "name": ("name", "id"),
    "latest": (F("latest_quote_at").desc(nulls_last=True), "id"),
}
SPEAKER_KINDS = (Speaker.Kind.PERSON, Speaker.Kind.ORGANISATION, Speaker.Kind.ANONYMOUS)


def public_quotes() -> QuerySet[Quote]:
    """Quotes anyone may see: everything but those an editor rejected."""
    return Quote.objects.filter(PUBLIC_QUOTES)


# A quote reported in several articles counts once, as its group's first stored quote.
ONE_PER_GROUP = Q(group__isnull=True) | ~Exists(
    Quote.objects.filter(group_id=OuterRef("group_id"), pk__lt=OuterRef("pk"))
)


def _listed_quotes() -> QuerySet[Quote]:
    """Public quotes with their speaker and article, without the article body lists never show."""
    return public_quotes().select_related("speaker", "article").defer("article__body")


@dataclass(frozen=True)
class TopSpeakers:
    """The most-quoted speakers over a window ending at the data's latest date."""

    days: int
    since: dt.datetime | None
    speakers: list[Speaker]


@dataclass(frozen=True)
class HomeSummary:
    """What the home page shows."""

    latest_quotes: list[Quote]
    top_speakers: list[TopSpeakers]
    quote_total: int
    speaker_total: int
    article_total: int
    latest_date: dt.datetime | None


def home_summary(*, windows: tuple[int, ...] = (7, 30)) -> HomeSummary:
    """Latest quotes, most-quoted speakers per window of the data's own dates, and totals."""
    # Totals add up the speakers' stored counts (one row per speaker), plus the quotes nobody
    # was found to have said: counting a million quotes took most of the page's time.
    attributed = Speaker.objects.aggregate(
        quotes=Sum("quote_count"),
        latest=Max("latest_quote_at"),
        speakers=Count("pk", filter=Q(merged_into__isnull=True)),
    )
    unattributed = (
        public_quotes()
        .filter(speaker__isnull=True)
        .aggregate(quotes=Count("id"), latest=Max("published_at"))
    )
    dates = [d for d in (attributed["latest"], unattributed["latest"]) if d is not None]
    latest_date = max(dates, default=None)
    tops = []
    for days in windows:
        since = latest_date - dt.timedelta(days=days) if latest_date else None
        speakers: list[Speaker] = []
        if since is not None:
            # One filter() call so the count runs over the joined quotes of the window only,
            # which the planner reads from the date index instead of every speaker's quotes.
            speakers = list(
                Speaker.objects.filter(
                    merged_into__isnull=True,
                    quotes__published_at__gt=since,
                    quotes__review_status__in=PUBLIC_REVIEW_STATUSES,
                )
                .annotate(recent_quote_count=Count("quotes"))
                .order_by("-recent_quote_count", "name", "id")[:TOP_SPEAKERS]
            )
        tops.append(TopSpeakers(days=days, since=since, speakers=speakers))
    return HomeSummary(
        latest_quotes=_latest_quotes(),
        top_speakers=tops,
        quote_total=(attributed["quotes"] or 0) + unattributed["quotes"],
        speaker_total=attributed["speakers"],
        article_total=Article.objects.count(),
        latest_date=latest_date,
    )


def _latest_quotes() -> list[Quote]:
    """Newest dated quotes on the date index; undated ones (newest stored first) fill up."""
    quotes = list(
        _listed_quotes()
        .filter(published_at__isnull=False)
        .order_by("-published_at", "-id")[:LATEST_QUOTES]
    )
    if len(quotes) < LATEST_QUOTES:
        undated = _listed_quotes().filter(published_at__isnull=True).order_by("-id")
        quotes += undated[: LATEST_QUOTES - len(quotes)]
    return quotes


@dataclass(frozen=True)
class SpeakerListing:
    """One page of the speaker list and the filters that produced it."""

    page: Page
    query: str
    kind: str
    sort: str


def speaker_list(
    *, query: str = "", kind: str = "", sort: str = "count", page: int | str = 1
) -> SpeakerListing:
    """Speakers filtered by name or alias (case- and accent-free), by kind, sorted and paginated."""
    query = query.strip()
    kind = kind if kind in SPEAKER_KINDS else ""
    sort = sort if sort in SPEAKER_SORTS else "count"
    speakers = Speaker.objects.filter(merged_into__isnull=True)
    if kind:
        speakers = speakers.filter(kind=kind)
    folded = normalize_name(query)
    if folded:
        alias_matches = SpeakerAlias.objects.filter(
            speaker=OuterRef("pk"), normalized__contains=folded
        )
        speakers = speakers.filter(Q(name__icontains=query) | Exists(alias_matches))
    number = page_number(page)
    offset = page_offset(number, SPEAKERS_PER_PAGE)
    # The stored counts let the page walk an index and stop after one row past its end.
    rows = list(
        speakers.filter(quote_count__gt=0).order_by(*SPEAKER_SORTS[sort])[
            offset : offset + SPEAKERS_PER_PAGE + 1
        ]
    )
    return SpeakerListing(
        page=Page.window(rows, number=number, size=SPEAKERS_PER_PAGE),
        query=query,
        kind=kind,
        sort=sort,
    )


@dataclass(frozen=True)
class TimelineBucket:
    """Quotes in one day or month."""

    start: dt.date
    count: int


@dataclass(frozen=True)
class SpeakerProfile:
    """A speaker's header: counts and the quotes-over-time series."""

    speaker: Speaker
    quote_count: int
    article_count: int
    first_quote_at: dt.datetime | None
    latest_quote_at: dt.datetime | None
    timeline_unit: str
    timeline: list[TimelineBucket] = field(default_factory=list)
    top_topics: list[Topic] = field(default_factory=list)


def speaker_get(*, slug: str) -> Speaker:
    """The speaker with this slug or a former one, merged ones included (the view redirects)."""
    try:
        return (
            Speaker.objects.select_related("merged_into").prefetch_related("aliases").get(slug=slug)
        )
    except Speaker.DoesNotExist:
        # A renamed speaker's former slug: the view redirects to the current one.
        renamed = speaker_by_slug(slug)
        if renamed is None:
            raise Http404("No such speaker") from None
        return renamed


def speaker_profile(*, speaker: Speaker, one_per_group: bool = False) -> SpeakerProfile:
    """Counts of the speaker's public quotes and articles, and their quotes per day or month."""
    quotes = public_quotes().filter(speaker=speaker)
    if one_per_group:
        quotes = quotes.filter(ONE_PER_GROUP)
    stats = quotes.aggregate(
        quotes=Count("id"),
        articles=Count("article", distinct=True),
        first=Min("published_at"),
        latest=Max("published_at"),
    )
    first, latest = stats["first"], stats["latest"]
    unit = "day"
    timeline: list[TimelineBucket] = []
    if first is not None and latest is not None:
        unit = "day" if (latest - first).days <= DAILY_TIMELINE_MAX_DAYS else "month"
        trunc = TruncDate("published_at") if unit == "day" else TruncMonth("published_at")
        rows = (
            quotes.filter(published_at__isnull=False)
            .annotate(bucket=trunc)
            .values("bucket")
            .annotate(n=Count("id"))
            .order_by("bucket")
        )
        timeline = _fill_gaps({_as_date(row["bucket"]): row["n"] for row in rows}, unit)
    return SpeakerProfile(
        speaker=speaker,
        quote_count=stats["quotes"],
        article_count=stats["articles"],
        first_quote_at=first,
        latest_quote_at=latest,
        timeline_unit=unit,
        timeline=timeline,
        top_topics=speaker_top_topics(speaker, limit=SPEAKER_TOP_TOPICS),
    )


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _fill_gaps(counts: dict[dt.date, int], unit: str) -> list[TimelineBucket]:
    """Every day or month from the first bucket to the last, zero where nothing was said."""
    if not counts:
        return []
    current, last = min(counts), max(counts)
    buckets = []
    while current <= last:
        buckets.append(TimelineBucket(start=current, count=counts.get(current, 0)))
        if unit == "day":
            current += dt.timedelta(days=1)
        else:
            current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return buckets


def speaker_quotes(*, speaker: Speaker, page: int | str = 1, one_per_group: bool = False) -> Page:
    """One page of the speaker's public quotes, newest first and undated last, with articles.

    Dated quotes are read in the order of the (speaker, date) index, whatever the database's
    NULL ordering; undated ones follow, newest stored first. One row past the page tells
    whether there is a next page, so no page ever counts all of a speaker's quotes.
    """
    number = page_number(page)
    size = SPEAKER_QUOTES_PER_PAGE
    offset = page_offset(number, size)
    quotes = _listed_quotes().filter(speaker=speaker)
    if one_per_group:
        quotes = quotes.filter(ONE_PER_GROUP)
    dated = quotes.filter(published_at__isnull=False)
    rows = list(dated.order_by("-published_at", "-id")[offset : offset + size + 1])
    if len(rows) <= size:
        dated_total = offset + len(rows) if rows else dated.count()
        skip = max(offset - dated_total, 0)
        undated = quotes.filter(published_at__isnull=True).order_by("-id")
        rows += undated[skip : skip + size + 1 - len(rows)]
    return Page.window(rows, number=number, size=size)


@dataclass(frozen=True)
class SpeakerPage:
    """A speaker's page: profile (left out for "load more"), one page of quotes, or a redirect."""

    speaker: Speaker
    quotes: Page | None
    profile: SpeakerProfile | None
    moved_to: Speaker | None = None


def speaker_page(
    *, slug: str, page: int | str = 1, with_profile: bool = True, one_per_group: bool = False
) -> SpeakerPage:
    """Everything the speaker page shows; a merged speaker only says where it went."""
    speaker = speaker_get(slug=slug)
    if speaker.merged_into_id is not None:
        return SpeakerPage(speaker=speaker, quotes=None, profile=None, moved_to=speaker.merged_into)
    if speaker.slug != slug:
        return SpeakerPage(speaker=speaker, quotes=None, profile=None, moved_to=speaker)
    return SpeakerPage(
        speaker=speaker,
        quotes=speaker_quotes(speaker=speaker, page=page, one_per_group=one_per_group),
        profile=(
            speaker_profile(speaker=speaker, one_per_group=one_per_group) if with_profile else None
        ),
    )


@dataclass(frozen=True)
class ArticleView:
    """An article and the quotes to highlight in it, in text order."""

    article: Article
    quotes: list[Quote]


def article_detail(*, pk: int, include_rejected: bool = False) -> ArticleView:
    """The article with its quotes and their speakers; rejected quotes only when asked."""
    try:
        article = Article.objects.get(pk=pk)
    except Article.DoesNotExist as exc:
        raise Http404("No such article") from exc
    quotes = Quote.objects.filter(article=article)
    if not include_rejected:
        quotes = quotes.filter(PUBLIC_QUOTES)
    return ArticleView(
        article=article, quotes=list(quotes.select_related("speaker").order_by("start", "end"))
    )


@dataclass(frozen=True)
class OtherReports:
    """The same words reported in other articles: how many, the first report, links to some."""

    other_articles: int
    first: Quote
    others: list[Quote]


def quote_other_reports(quote: Quote) -> OtherReports | None:
    """The other quotes of the quote's group, first reported first; None when there are none."""
    if quote.group_id is None:
        return None
    members = (
        public_quotes()
        .filter(group_id=quote.group_id)
        .select_related("article")
        .defer("article__body")
    )
    other_articles = members.exclude(article_id=quote.article_id).aggregate(
        n=Count("article", distinct=True)
    )["n"]
    if not other_articles:
        return None
    reports = list(
        members.order_by(F("published_at").asc(nulls_last=True), "id")[: OTHER_REPORTS_SHOWN + 1]
    )
    return OtherReports(
        other_articles=other_articles,
        first=reports[0],
        others=[other for other in reports if other.pk != quote.pk][:OTHER_REPORTS_SHOWN],
    )


@dataclass(frozen=True)
class QuoteView:
    """A quote, the paragraph around it and its history, newest change first."""

    quote: Quote
    paragraph_before: str
    paragraph_after: str
    history: list[Change]
    other_reports: OtherReports | None = None


def quote_detail(
    *, pk: int, include_rejected: bool = False, name_editors: bool = False
) -> QuoteView:
    """The quote in its paragraph with its speaker, article and change history."""
    quotes = Quote.objects.select_related("speaker", "article").prefetch_related("topics")
    if not include_rejected:
        quotes = quotes.filter(PUBLIC_QUOTES)
    try:
        quote = quotes.get(pk=pk)
    except Quote.DoesNotExist as exc:
        raise Http404("No such quote") from exc
    body = quote.article.body
    paragraph_start = body.rfind("\n", 0, quote.start) + 1
    paragraph_end = body.find("\n", quote.end)
    paragraph_end = len(body) if paragraph_end == -1 else paragraph_end
    return QuoteView(
        quote=quote,
        paragraph_before=body[paragraph_start : quote.start],
        paragraph_after=body[quote.end : paragraph_end],
        history=quote_history(quote, name_editors=name_editors),
        other_reports=quote_other_reports(quote),
    )
