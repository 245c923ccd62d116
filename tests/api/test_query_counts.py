"""Every API endpoint runs a fixed number of SQL queries, however much data there is."""

from __future__ import annotations

import pytest
from django.db import connection

from quotes.services.api_tokens import api_token_create
from tests.api.conftest import add_climate_quotes
from tests.factories import make_user

pytestmark = pytest.mark.django_db

# What each endpoint reads, for an anonymous client.
EXPECTED = {
    # Ids of dated matches, of undated ones (only while the page is not full), the quotes with
    # their speaker and article, their topics.
    "quotes": (lambda p: "/api/v1/quotes?limit=5", 3),
    # The topic first (its id and size, which choose how its quotes are read).
    "quotes, filtered": (lambda p: "/api/v1/quotes?q=climat&topic=climat&speaker_kind=person", 5),
    # The quote with its speaker and article, its topics.
    "quote": (lambda p: f"/api/v1/quotes/{p.newest_first[0].pk}", 2),
    # search_quotes (facet counts and their labels, the page, its quotes, snippets; PostgreSQL
    # also asks the planner how many rows match) and the quotes' topics.
    "search": (lambda p: "/api/v1/search?q=climat", {"sqlite": 7, "postgresql": 8}),
    # The speakers, their aliases.
    "speakers": (lambda p: "/api/v1/speakers?q=trump", 2),
    # The speaker (and its aliases), then the profile: counts, timeline, top topics.
    "speaker": (lambda p: f"/api/v1/speakers/{p.trump.pk}", 5),
    # Dated articles, then undated ones while the page is not full.
    "articles": (lambda p: "/api/v1/articles?limit=5", 1),
    # The article, its quotes with speakers, their topics.
    "article": (lambda p: f"/api/v1/articles/{p.english.pk}", 3),
    "topics": (lambda p: "/api/v1/topics", 1),
    "topic": (lambda p: "/api/v1/topics/climat", 1),
}


def _expected(name: str):
    url, expected = EXPECTED[name]
    return url, expected[connection.vendor] if isinstance(expected, dict) else expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_endpoint_runs_a_fixed_number_of_queries(
    client, published, django_assert_num_queries, name
):
    url, expected = _expected(name)

    with django_assert_num_queries(expected):
        response = client.get(url(published))

    assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_more_data_adds_no_queries(client, published, django_assert_max_num_queries, name):
    add_climate_quotes(published, 30)
    url, expected = _expected(name)

    with django_assert_max_num_queries(expected):
        response = client.get(url(published))

    assert response.status_code == 200


def test_a_token_costs_one_query(client, published, django_assert_num_queries):
    make_user("chief", editor=True)
    _, key = api_token_create(username="chief")
    url, expected = EXPECTED["topics"]

    with django_assert_num_queries(expected + 1):
        response = client.get(url(published), HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 200
