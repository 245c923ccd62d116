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
from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, Topic
from quotes.services.insights import insight_counts_rebuild

_TopicLink = Quote.topics.through


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({pk for pk in values if pk is not None})


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


# The same counts as the ORM expressions above, for given rows, written out: Django compiling
# those correlated subqueries took about a hundred times longer than SQLite running them, on
# every article attributed.
_SPEAKER_COUNTS = """
    quote_count = (SELECT COUNT(*) FROM quotes_quote q
                   WHERE q.speaker_id = quotes_speaker.id AND q.review_status <> %s),
    latest_quote_at = (SELECT MAX(q.published_at) FROM quotes_quote q
                       WHERE q.speaker_id = quotes_speaker.id AND q.review_status <> %s)
"""
_TOPIC_COUNTS = """
    quote_count = (SELECT COUNT(*) FROM quotes_quote_topics l
                   JOIN quotes_quote q ON q.id = l.quote_id
                   WHERE l.topic_id = quotes_topic.id AND q.review_status <> %s)
"""
# As in _article_count, the status filters the count, not the rows: read through the article
# index alone, never intersected with the review-status index.
_ARTICLE_COUNTS = """
    quote_count = (SELECT COUNT(*) FILTER (WHERE q."review_status" <> %s) FROM quotes_quote q
                   WHERE q.article_id = quotes_article.id),
    unreviewed_count = (SELECT COUNT(*) FILTER (WHERE q."review_status" = %s)
                        FROM quotes_quote q WHERE q.article_id = quotes_article.id)
"""
_REJECTED = Quote.Review.REJECTED.value
_UNREVIEWED = Quote.Review.UNREVIEWED.value


def _refresh(table: str, ids: Iterable[int | None], assignments: str, params: list) -> None:
    """Lock the rows (in id order, so writers cannot deadlock), then recount them.

    On PostgreSQL each statement sees what was committed when it started: a writer that waited
    on the lock for another one counts after that one committed, so the last writer's count
    includes every quote. SQLite serialises writers anyway and has no row locks. The lock is
    NO KEY: a count changes no key, so writers inserting quotes that point at the row (which
    take KEY SHARE locks) are not blocked, nor can they deadlock with us.
    """
    ids = _ids(ids)
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.features.has_select_for_update:
            cursor.execute(
                f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY id FOR NO KEY UPDATE", ids
            )
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id IN ({marks})", [*params, *ids])


@transaction.atomic(savepoint=False)
def speaker_counts_refresh(*, speaker_ids: Iterable[int | None]) -> None:
    """Recount the public quotes and the latest quote date of these speakers."""
    _refresh("quotes_speaker", speaker_ids, _SPEAKER_COUNTS, [_REJECTED, _REJECTED])


@transaction.atomic(savepoint=False)
def topic_counts_refresh(*, topic_ids: Iterable[int | None]) -> None:
    """Recount the public quotes linked to these topics."""
    _refresh("quotes_topic", topic_ids, _TOPIC_COUNTS, [_REJECTED])


@transaction.atomic(savepoint=False)
def article_counts_refresh(*, article_ids: Iterable[int | None]) -> None:
    """Recount the public and the unreviewed quotes of these articles."""
    _refresh("quotes_article", article_ids, _ARTICLE_COUNTS, [_REJECTED, _UNREVIEWED])


def quote_topic_ids(quotes: QuerySet[Quote] | Iterable[int]) -> list[int]:
    """The topics linked to these quotes (a queryset or ids), read before the links change."""
    return list(
        _TopicLink.objects.filter(quote__in=quotes).values_list("topic", flat=True).distinct()
    )


@transaction.atomic(savepoint=False)
def counts_rebuild() -> None:
    """Recount every speaker, topic, article and insights group: after bulk loads, stray writes."""
    Speaker.objects.update(**_speaker_updates())
    Topic.objects.update(**_topic_updates())
    Article.objects.update(**_article_updates())
    insight_counts_rebuild()
