"""Count and index refreshes inside a writer's transaction cost only their own statements."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from quotes.models import Quote
from quotes.search import search_quotes
from quotes.services.changes import quotes_changed
from quotes.services.counts import speaker_counts_refresh
from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def _statements(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"].split()[0].upper() for query in queries.captured_queries]


def test_refreshes_inside_a_transaction_open_no_savepoint_and_still_count():
    speaker = make_speaker("Marie Durand")
    topic = make_topic("Budget")
    quote = make_quote(make_article(), speaker)
    quote.topics.add(topic)

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        quotes_changed(quote_ids=[quote.pk])

    statements = _statements(queries)
    assert "SAVEPOINT" not in statements and "RELEASE" not in statements
    speaker.refresh_from_db()
    topic.refresh_from_db()
    assert (speaker.quote_count, topic.quote_count) == (1, 1)
    assert [hit.quote for hit in search_quotes("Marie Durand").hits] == [quote]


def test_a_failed_writer_rolls_back_the_counts_it_refreshed():
    speaker = make_speaker("Paul Lenoir")
    quote = make_quote(make_article(), speaker)

    with pytest.raises(RuntimeError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(review_status=Quote.Review.REJECTED)
        speaker_counts_refresh(speaker_ids=[speaker.pk])
        raise RuntimeError("the writer failed after the refresh")

    speaker.refresh_from_db()
    assert speaker.quote_count == 1
