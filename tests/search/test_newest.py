"""newest_quote_ids: the search's matches newest first by keyset, for the API and the feeds."""

from __future__ import annotations

import pytest

from quotes.search import SearchFilters, newest_quote_ids, search_quotes
from tests.factories import make_topic, recount
from tests.views.test_browse_queries import query_plan

pytestmark = pytest.mark.django_db


def walk(query: str = "", filters: SearchFilters | None = None, limit: int = 2) -> list[int]:
    seen, after = [], None
    while True:
        found = newest_quote_ids(query, filters, after=after, limit=limit)
        seen += found.items
        if found.next_after is None:
            return seen
        after = found.next_after


@pytest.mark.parametrize(
    "query, filters",
    [("", SearchFilters()), ("Ukraine", SearchFilters()), ("", SearchFilters(language="fr"))],
)
def test_slices_join_into_every_match_newest_first(corpus, query, filters):
    everything = search_quotes(query, filters, page_size=100).hits
    by_date = sorted(everything, key=lambda h: (h.quote.published_at, h.quote.pk), reverse=True)

    assert walk(query, filters) == [hit.quote.pk for hit in by_date]


def test_a_malformed_position_is_refused(corpus):
    for position in ("nonsense", "2024-01-01T00:00:00~x", "2024-01-01T00:00:00~3"):
        with pytest.raises(ValueError):
            newest_quote_ids("", after=position, limit=2)


def test_slices_are_read_in_the_order_of_the_date_index(corpus):
    after = newest_quote_ids("", limit=1).next_after

    plan = query_plan(lambda: newest_quote_ids("", after=after, limit=2))

    assert "quotes_search_date_idx" in plan
    assert "TEMP B-TREE" not in plan  # SQLite: no sort step
    assert "Sort" not in plan  # PostgreSQL: no sort step


@pytest.mark.parametrize("walk_topics_over", [0, 5000])
def test_speaker_and_topic_filters_match_the_search_pages(corpus, monkeypatch, walk_topics_over):
    from quotes import search

    monkeypatch.setattr(search, "WALK_TOPIC_QUOTES", walk_topics_over)
    topic = make_topic("Ukraine")
    for quote in (corpus.defense, corpus.fried_indirect, corpus.slaughter):
        quote.topics.add(topic)
    recount(corpus.defense, corpus.fried_indirect, corpus.slaughter)

    for filters in (
        SearchFilters(topic="ukraine"),
        SearchFilters(speaker=corpus.fried.slug),
        SearchFilters(speaker=corpus.fried.slug, topic="ukraine"),
    ):
        expected = {hit.quote.pk for hit in search_quotes("", filters, page_size=100).hits}
        assert set(walk("", filters)) == expected and expected, filters
    assert walk("", SearchFilters(topic="nowhere")) == []
    assert walk("", SearchFilters(speaker="nobody")) == []
