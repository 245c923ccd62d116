"""A quote reported in several articles, counted once when asked: in the API and the exports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes.services.search_index import search_index_update_article
from tests.exports.conftest import csv_rows, jsonl_rows
from tests.factories import make_speaker
from tests.services.test_grouping import LONG, OTHER_LONG, group_of, quote_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_thrice():
    """Anne Martin's LONG words in three articles (one group), and another quote of hers."""
    martin = make_speaker("Anne Martin")
    copies = [quote_in(martin, LONG, outlet=o, day=d) for d, o in ((1, "AFP"), (2, "Le Monde"))]
    copies.append(quote_in(martin, LONG + " (traduction)", outlet="Reuters", day=3))
    other = quote_in(martin, OTHER_LONG, day=4)
    for quote in [*copies, other]:
        search_index_update_article(article=quote.article)
    assert group_of(copies[0]) == group_of(copies[2]) is not None
    return martin, copies, other


def test_the_quotes_api_lists_a_group_once_when_asked(client, reported_thrice):
    martin, copies, other = reported_thrice
    url = reverse("api-v1:quote-list")

    every = [item["id"] for item in client.get(url, {"speaker": martin.slug}).json()["items"]]
    once = client.get(url, {"speaker": martin.slug, "one_per_group": "true"}).json()["items"]

    assert sorted(every) == sorted([q.pk for q in [*copies, other]])
    assert sorted(item["id"] for item in once) == [copies[0].pk, other.pk]


def test_the_search_api_counts_a_group_once_when_asked(client, reported_thrice):
    _martin, copies, _other = reported_thrice
    url = reverse("api-v1:search")

    every = client.get(url, {"q": "Moscou"}).json()
    once = client.get(url, {"q": "Moscou", "one_per_group": "true"}).json()

    assert every["total"] == 3
    assert (once["total"], [item["quote"]["id"] for item in once["items"]]) == (1, [copies[0].pk])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_hold_a_group_once_when_asked(client, reported_thrice, fmt):
    martin, _copies, _other = reported_thrice
    read = csv_rows if fmt == "csv" else jsonl_rows
    for url in (
        reverse("search-export", args=[fmt]) + "?q=Moscou",
        reverse("speaker-export", args=[martin.slug, fmt]) + "?",
    ):
        every = read(client.get(url))
        once = read(client.get(url + "&one_per_group=1"))
        assert len(once) == len(every) - 2, url
