"""Reads for the read API and the feeds: keyset pages of public quotes, speakers, articles, topics.

Every list is read in the order of an index and stops one row past the page (keyset
pagination): a page costs the same at the millionth row as at the first, and a client walking
a list while quotes arrive never sees one twice.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, SpeakerAlias, Topic
from quotes.search import SearchFilters, newest_quote_ids
from quotes.selectors import browse
from quotes.selectors.articles import ArticleFilters, articles_filtered
from quotes.selectors.pagination import Page
from quotes.text import normalize_name


def _quotes_for_lists() -> QuerySet[Quote]:
    """Public quotes with everything a listed quote shows, in a fixed number of queries."""
    return (
        Quote.objects.filter(PUBLIC_QUOTES)
        .select_related("speaker", "article")
        .defer("article__body")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("label")))
    )


def quotes_newest(
    *, query: str = "", filters: SearchFilters | None = None, after: str | None = None, limit: int
) -> Page[Quote]:
    """Public quotes matching the search page's query and filters, newest first.

    Raises ValueError for a malformed `after`.
    """
    found = newest_quote_ids(query, filters, after=after, limit=limit)
    # The quote row is the truth: one rejected since the index was written is left out.
    by_id = _quotes_for_lists().in_bulk(found.items)
    items = [by_id[pk] for pk in found.items if pk in by_id]
    return Page(
        items, size=limit, has_next=found.next_after is not None, next_after=found.next_after
    )


def quote_get(*, pk: int) -> Quote:
    """A public quote with its speaker, article and topics."""
    quote = _quotes_for_lists().filter(pk=pk).first()
    if quote is None:
        raise Http404("No such quote")
    return quote


# Each order is that of an index on the stored counts (Speaker.Meta, Topic.Meta).
SPEAKER_ORDERS = {"count": ("-quote_count", "name", "id"), "name": ("name", "id")}


def speakers_page(
    *, query: str = "", kind: str = "", sort: str = "count", after: list | None, limit: int
) -> Page[Speaker]:
    """Speakers with public quotes, by name or alias, by kind; most quoted or by name."""
    speakers = Speaker.objects.filter(merged_into__isnull=True, quote_count__gt=0)
    if kind:
        speakers = speakers.filter(kind=kind)
    if folded := normalize_name(query):
        alias_matches = SpeakerAlias.objects.filter(
            speaker=OuterRef("pk"), normalized__contains=folded
        )
        speakers = speakers.filter(Q(name__icontains=query.strip()) | Exists(alias_matches))
    if after is not None:
        speakers = speakers.filter(_after_speaker(sort, after))
    rows = list(speakers.order_by(*SPEAKER_ORDERS[sort]).prefetch_related("aliases")[: limit + 1])
    return Page.keyset(rows, size=limit, key=lambda s: _speaker_key(sort, s))


def _speaker_key(sort: str, speaker: Speaker) -> list:
    if sort == "count":
        return [speaker.quote_count, speaker.name, speaker.pk]
    return [speaker.name, speaker.pk]


def _after_speaker(sort: str, after: list) -> Q:
    """Rows past a position; the leading bound lets the index scan start there."""
    if sort == "count":
        count, name, pk = after
        return Q(quote_count__lte=count) & (
            Q(quote_count__lt=count) | Q(name__gt=name) | Q(name=name, pk__gt=pk)
        )
    name, pk = after
    return Q(name__gte=name) & (Q(name__gt=name) | Q(pk__gt=pk))


def speaker_detail(*, pk: int) -> browse.SpeakerProfile:
    """A speaker's counts, first and latest quote and top topics; a merged one raises Moved."""
    speaker = Speaker.objects.select_related("merged_into").prefetch_related("aliases")
    speaker = speaker.filter(pk=pk).first()
    if speaker is None:
        raise Http404("No such speaker")
    if speaker.merged_into is not None:
        raise Moved(speaker.merged_into)
    return browse.speaker_profile(speaker=speaker)


class Moved(Exception):
    """The speaker was merged into another one."""

    def __init__(self, speaker: Speaker) -> None:
        super().__init__(speaker.pk)
        self.speaker = speaker


def articles_page(
    *,
    language: str = "",
    outlet: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    after: list | None,
    limit: int,
) -> Page[Article]:
    """Attributed articles, newest first (undated last), without their bodies."""
    filters = ArticleFilters(
        outlet=outlet,
        language=language,
        status=Article.Status.DONE,
        date_from=date_from,
        date_to=date_to,
    )
    articles = articles_filtered(Article.objects.defer("body", "error"), filters)
    stamp, pk = after if after is not None else (None, None)
    rows: list[Article] = []
    if after is None or stamp is not None:
        dated = articles.filter(published_at__isnull=False)
        if after is not None:
            moment = dt.datetime.fromisoformat(stamp)
            dated = dated.filter(
                Q(published_at__lte=moment)
                & (Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
            )
        rows = list(dated.order_by("-published_at", "-pk")[: limit + 1])
    if len(rows) <= limit and not (date_from or date_to):
        undated = articles.filter(published_at__isnull=True)
        if after is not None and stamp is None:
            undated = undated.filter(pk__lt=pk)
        rows += undated.order_by("-pk")[: limit + 1 - len(rows)]
    return Page.keyset(rows, size=limit, key=_article_key)


def _article_key(article: Article) -> list:
    stamp = article.published_at.isoformat() if article.published_at else None
    return [stamp, article.pk]


def article_detail(*, pk: int) -> tuple[Article, list[Quote]]:
    """An attributed article with its public quotes in text order."""
    article = Article.objects.filter(pk=pk, status=Article.Status.DONE).first()
    if article is None:
        raise Http404("No such article")
    quotes = list(_quotes_for_lists().filter(article=article).order_by("start", "end"))
    return article, quotes


def topics_page(*, query: str = "", after: list | None, limit: int) -> Page[Topic]:
    """Topics with public quotes, most quoted first, filtered by a folded substring."""
    topics = Topic.objects.filter(quote_count__gt=0)
    if wanted := normalize_name(query):
        topics = topics.filter(normalized__contains=wanted)
    if after is not None:
        count, label, pk = after
        topics = topics.filter(
            Q(quote_count__lte=count)
            & (Q(quote_count__lt=count) | Q(label__gt=label) | Q(label=label, pk__gt=pk))
        )
    rows = list(topics.order_by("-quote_count", "label", "id")[: limit + 1])
    return Page.keyset(rows, size=limit, key=lambda t: [t.quote_count, t.label, t.pk])


def topic_get(*, slug: str) -> Topic:
    """A topic by its slug."""
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404("No such topic")
    return topic
