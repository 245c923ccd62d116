"""Reads for the article list: filters, sorts and one page of articles with their stored counts."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields

from django.db.models import F, QuerySet

from quotes.models import Article, Language
from quotes.selectors.pagination import Page, page_number, page_offset

ARTICLES_PER_PAGE = 30
# Each ordering is that of an index: newest, article_newest_idx on PostgreSQL and
# article_published_idx on SQLite (article_unreviewed_idx with that filter); oldest,
# article_published_idx read backwards (SQLite sorts, to put NULLs last); article_count_idx.
ARTICLE_SORTS = {
    "newest": (F("published_at").desc(nulls_last=True), F("id").desc()),
    "oldest": (F("published_at").asc(nulls_last=True), F("id").asc()),
    "quotes": ("-quote_count", "-id"),
}
DEFAULT_SORT = "newest"


@dataclass(frozen=True)
class ArticleFilters:
    """Filters of the article list, as they appear in the URL."""

    outlet: str = ""
    language: str = ""
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unreviewed: bool = False

    @classmethod
    def from_querydict(cls, data: Mapping[str, str]) -> ArticleFilters:
        """Filters from request parameters; unknown or malformed values are ignored."""
        outlet = (data.get("outlet") or "").strip()[:200]
        language = data.get("language") or ""
        status = data.get("status") or ""
        dates: dict[str, dt.date] = {}
        for name in ("date_from", "date_to"):
            with contextlib.suppress(ValueError):
                dates[name] = dt.date.fromisoformat((data.get(name) or "").strip())
        return cls(
            outlet=outlet,
            language=language if language in Language.values else "",
            status=status if status in Article.Status.values else "",
            unreviewed=data.get("unreviewed") == "1",
            **dates,
        )

    def active(self) -> dict[str, str]:
        """The filters that are set, as URL parameters."""
        values = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                values[f.name] = value.isoformat()
            elif value is True:
                values[f.name] = "1"
            elif value:
                values[f.name] = value
        return values


@dataclass(frozen=True)
class ArticleListing:
    """One page of the article list, the filters and sort that produced it, the outlets known."""

    page: Page
    filters: ArticleFilters
    sort: str
    outlets: list[str]


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight UTC: whole days as the search filters read them, bounds the date index can use."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def article_outlets() -> list[str]:
    """Every outlet named by an article, in alphabetical order (read from article_outlet_idx)."""
    outlets = Article.objects.exclude(outlet="").order_by("outlet").values_list("outlet", flat=True)
    return list(outlets.distinct())


def articles_filtered(articles: QuerySet[Article], filters: ArticleFilters) -> QuerySet[Article]:
    """These articles narrowed by the filters (the article list's and the read API's)."""
    if filters.outlet:
        articles = articles.filter(outlet=filters.outlet)
    if filters.language:
        articles = articles.filter(language=filters.language)
    if filters.status:
        articles = articles.filter(status=filters.status)
    if filters.date_from:
        articles = articles.filter(published_at__gte=_start_of(filters.date_from))
    # Inclusive of the whole last day (and of everything when that day is the last one).
    if filters.date_to and filters.date_to < dt.date.max:
        articles = articles.filter(published_at__lt=_start_of(filters.date_to + dt.timedelta(1)))
    if filters.unreviewed:
        articles = articles.filter(unreviewed_count__gt=0)
    return articles


def article_list(
    *, filters: ArticleFilters | None = None, sort: str = DEFAULT_SORT, page: int | str = 1
) -> ArticleListing:
    """Articles filtered by outlet, language, status, dates and unreviewed quotes, sorted, paged.

    The counts are the stored ones (quotes.services.counts), so no page counts quotes, and one
    row past the page tells whether there is a next one.
    """
    filters = filters or ArticleFilters()
    sort = sort if sort in ARTICLE_SORTS else DEFAULT_SORT
    articles = articles_filtered(Article.objects.defer("body", "error"), filters)
    number = page_number(page)
    offset = page_offset(number, ARTICLES_PER_PAGE)
    rows = list(articles.order_by(*ARTICLE_SORTS[sort])[offset : offset + ARTICLES_PER_PAGE + 1])
    return ArticleListing(
        page=Page.window(rows, number=number, size=ARTICLES_PER_PAGE),
        filters=filters,
        sort=sort,
        outlets=article_outlets(),
    )
