"""Stored quote counts of speakers, topics and articles, recomputed by every writer of quotes.

The speaker, topic and article lists and the home page sort and show these columns instead of
counting a million quotes per request. Each refresh recomputes the counts of the rows it is
given from the quotes table in one set-based UPDATE, so a writer never adds or subtracts by
hand and a missed delta cannot drift: calling it again always gives the exact value.

They run in their caller's transaction without a savepoint of their own: a writer that fails
after them is rolled back whole anyway, and an ingest refreshes counts for every article.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, IntegerField, Max, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, Topic

_TopicLink = Quote.topics.through


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({pk for pk in values if pk is not None})


def _lock(model: type[Model], ids: list[int]) -> None:
    """Lock the rows (in id order, so writers cannot deadlock) before counting.

    On PostgreSQL each statement sees what was committed when it started: a writer that waited
    here for another one counts after that one committed, so the last writer's count includes
    every quote. SQLite serialises writers anyway and has no row locks: nothing to read.
    """
    if not connection.features.has_select_for_update:
        return
    # NO KEY: a count changes no key, so writers inserting quotes that point at the row
    # (which take KEY SHARE locks) are not blocked, nor can they deadlock with us.
    rows = model.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
    list(rows.values_list("pk"))


def _speaker_updates() -> dict:
    quotes = (
        Quote.objects.filter(PUBLIC_QUOTES, speaker=OuterRef("pk")).order_by().values("speaker")
    )
    return {
        "quote_count": Coalesce(
            Subquery(quotes.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        ),
        "latest_quote_at": Subquery(quotes.annotate(latest=Max("published_at")).values("latest")),
    }


def _topic_updates() -> dict:
    links = (
        _TopicLink.objects.filter(topic=OuterRef("pk"))
        .exclude(quote__review_status=Quote.Review.REJECTED)
        .order_by()
        .values("topic")
    )
    return {
        "quote_count": Coalesce(
            Subquery(links.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        )
    }


def _article_count(condition: Q) -> Coalesce:
    # The condition filters the count, not the rows: each article's quotes are read through
    # the article index alone. As a WHERE, "unreviewed" (nearly every quote) could lead the
    # planner to intersect with the review-status index, reading it whole for every article.
    quotes = Quote.objects.filter(article=OuterRef("pk")).order_by().values("article")
    counted = quotes.annotate(n=Count("pk", filter=condition)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _article_updates() -> dict:
    return {
        "quote_count": _article_count(PUBLIC_QUOTES),
        "unreviewed_count": _article_count(Q(review_status=Quote.Review.UNREVIEWED)),
    }


@transaction.atomic(savepoint=False)
def speaker_counts_refresh(*, speaker_ids: Iterable[int | None]) -> None:
    """Recount the public quotes and the latest quote date of these speakers."""
    ids = _ids(speaker_ids)
    if not ids:
        return
    _lock(Speaker, ids)
    Speaker.objects.filter(pk__in=ids).update(**_speaker_updates())


@transaction.atomic(savepoint=False)
def topic_counts_refresh(*, topic_ids: Iterable[int | None]) -> None:
    """Recount the public quotes linked to these topics."""
    ids = _ids(topic_ids)
    if not ids:
        return
    _lock(Topic, ids)
    Topic.objects.filter(pk__in=ids).update(**_topic_updates())


@transaction.atomic(savepoint=False)
def article_counts_refresh(*, article_ids: Iterable[int | None]) -> None:
    """Recount the public and the unreviewed quotes of these articles."""
    ids = _ids(article_ids)
    if not ids:
        return
    _lock(Article, ids)
    Article.objects.filter(pk__in=ids).update(**_article_updates())


def quote_topic_ids(quotes: QuerySet[Quote] | Iterable[int]) -> list[int]:
    """The topics linked to these quotes (a queryset or ids), read before the links change."""
    return list(
        _TopicLink.objects.filter(quote__in=quotes).values_list("topic", flat=True).distinct()
    )


@transaction.atomic(savepoint=False)
def counts_rebuild() -> None:
    """Recount every speaker, topic and article: after bulk loads, or writes bypassing services."""
    Speaker.objects.update(**_speaker_updates())
    Topic.objects.update(**_topic_updates())
    Article.objects.update(**_article_updates())
