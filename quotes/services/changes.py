"""The one call every writer makes after changing quotes or speakers: counts and index follow.

Speakers, topics and articles store their quote counts, and the search index keeps a row per
quote with its speaker's names (see counts.py and quotes/search). Rather than each writer
refreshing the right ones by hand, a writer names what it changed and this service works out the
rest: the speakers, topics and articles of the quotes as they are now, and every quote of a
speaker whose names changed.

It runs in its caller's transaction without a savepoint of its own: a writer that fails after
it is rolled back whole anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from quotes import search
from quotes.models import Quote
from quotes.services.counts import (
    article_counts_refresh,
    speaker_counts_refresh,
    topic_counts_refresh,
)
from quotes.services.grouping import quotes_regroup
from quotes.services.insights import insight_counts_refresh


@transaction.atomic(savepoint=False)
def quotes_changed(
    *,
    quote_ids: Iterable[int] = (),
    speaker_ids: Iterable[int | None] = (),
    topic_ids: Iterable[int | None] = (),
    article_ids: Iterable[int | None] = (),
    renamed_speaker_ids: Iterable[int] = (),
) -> None:
    """Recount and re-index after a change; call it once, after the writes.

    quote_ids: quotes created, changed or deleted (a deleted quote's index row went with it);
    the speakers, topics and articles they have now are recounted and their index rows
    rewritten. speaker_ids, topic_ids, article_ids: what the quotes had before the change (a
    previous speaker, the topics of removed links, the article of a deleted quote), recounted
    too.
    renamed_speaker_ids: speakers whose name, kind or aliases changed: every quote of theirs
    is indexed again, since the index holds their names.
    """
    quotes = set(quote_ids)
    speakers = set(speaker_ids)
    topics = set(topic_ids)
    articles = set(article_ids)
    existing: set[int] = set()
    if quotes:
        for quote, speaker, topic, article in _now(sorted(quotes)):
            existing.add(quote)
            speakers.add(speaker)
            topics.add(topic)
            articles.add(article)
    renamed = {pk for pk in renamed_speaker_ids if pk is not None}
    if renamed:
        quotes.update(Quote.objects.filter(speaker_id__in=renamed).values_list("pk", flat=True))
    article_counts_refresh(article_ids=articles)
    speaker_counts_refresh(speaker_ids=speakers)
    topic_counts_refresh(topic_ids=topics)
    insight_counts_refresh(speaker_ids=speakers)
    search.index_quotes(quotes)
    # The same quote across articles: groups follow the quotes' words.
    quotes_regroup(quote_ids=sorted(existing))


def _now(quote_ids: list[int]) -> list[tuple[int, int | None, int | None, int]]:
    """(quote, speaker, topic, article) of these quotes as they are now, a row per topic link."""
    marks = ", ".join(["%s"] * len(quote_ids))
    with connection.cursor() as cursor:
        # Plain SQL: the ORM's compiling of the join cost more than running it.
        cursor.execute(
            "SELECT q.id, q.speaker_id, l.topic_id, q.article_id FROM quotes_quote q"
            " LEFT JOIN quotes_quote_topics l ON l.quote_id = q.id"
            f" WHERE q.id IN ({marks})",
            quote_ids,
        )
        return cursor.fetchall()
