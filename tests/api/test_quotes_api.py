"""The read API's quotes and search: filters as on the search page, keyset pages, no rejects."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes.models import Quote
from quotes.search import SearchFilters, search_quotes
from tests.factories import make_user

pytestmark = pytest.mark.django_db

QUOTES = "/api/v1/quotes"


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def walk(client, url: str, **params) -> list[int]:
    """Every id of a list, following next_cursor page by page."""
    seen: list[int] = []
    while True:
        response = client.get(url, params)
        seen += ids(response)
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return seen
        params["cursor"] = cursor


def test_quotes_are_listed_newest_first_with_undated_last_and_no_rejected(client, published):
    listed = ids(client.get(QUOTES, {"limit": 100}))

    assert listed == [q.pk for q in published.newest_first]
    assert published.rejected.pk not in listed


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_the_cursor_walks_every_quote_once_in_order(client, published, limit):
    assert walk(client, QUOTES, limit=limit) == [q.pk for q in published.newest_first]


def test_a_quote_added_while_walking_is_neither_repeated_nor_shifting_the_rest(client, published):
    first = client.get(QUOTES, {"limit": 3}).json()
    newer = Quote.objects.get(pk=published.newest_first[0].pk)
    newer.pk = None
    newer.published_at = newer.published_at.replace(year=2030)
    newer.save()

    rest = walk(client, QUOTES, limit=3, cursor=first["next_cursor"])

    assert [i["id"] for i in first["items"]] + rest == [q.pk for q in published.newest_first]


def test_next_is_the_same_url_with_the_cursor(client, published):
    page = client.get(QUOTES, {"limit": 2, "language": "fr"}).json()

    assert page["next"].startswith("http://testserver/api/v1/quotes?")
    assert "language=fr" in page["next"]
    assert ids(client.get(page["next"])) == ids(
        client.get(QUOTES, {"limit": 2, "language": "fr", "cursor": page["next_cursor"]})
    )


FILTERS = [
    {"q": "climat"},
    {"q": "Trump"},
    {"q": "ready launch"},
    {"q": "lançons -3"},
    {"speaker": "SPEAKER"},
    {"speaker_kind": "organisation"},
    {"kind": "indirect"},
    {"language": "en"},
    {"outlet": "Reuters"},
    {"topic": "climat"},
    {"review_status": "confirmed"},
    {"date_from": "2024-03-02", "date_to": "2024-03-03"},
    {"q": "climat", "outlet": "AFP", "date_from": "2024-03-03"},
]


def _as_query(filters: dict) -> str:
    return "&".join(f"{name}={value}" for name, value in filters.items())


@pytest.mark.parametrize("filters", FILTERS, ids=_as_query)
def test_filters_select_what_the_search_page_selects(client, published, filters):
    filters = {k: published.trump.slug if v == "SPEAKER" else v for k, v in filters.items()}
    query = filters.get("q", "")
    page = search_quotes(query, SearchFilters.from_querydict(filters), page_size=100)

    listed = walk(client, QUOTES, limit=2, **filters)

    assert listed
    assert sorted(listed) == sorted(hit.quote.pk for hit in page.hits)


def test_a_quote_carries_stable_ids_and_links_to_its_pages(client, published):
    quote = published.newest_first[-2]
    item = client.get(f"{QUOTES}/{quote.pk}").json()

    assert item["id"] == quote.pk
    assert item["url"] == f"http://testserver{quote.get_absolute_url()}"
    assert item["api_url"] == f"http://testserver{QUOTES}/{quote.pk}"
    assert item["article"]["url"] == f"http://testserver{quote.article.get_absolute_url()}"
    assert item["speaker"]["url"] == f"http://testserver{quote.speaker.get_absolute_url()}"
    assert item["text"] == quote.article.body[item["start"] : item["end"]]
    for link in (item["url"], item["article"]["url"], item["speaker"]["url"]):
        assert client.get(link).status_code == 200
    assert client.get(item["speaker"]["api_url"]).json()["name"] == quote.speaker.name
    assert client.get(item["article"]["api_url"]).json()["title"] == quote.article.title


def test_a_quote_lists_its_topics(client, published):
    climate_quote = next(q for q in published.newest_first if q.topics.exists())

    item = client.get(f"{QUOTES}/{climate_quote.pk}").json()

    assert [t["slug"] for t in item["topics"]] == ["climat"]
    assert client.get(item["topics"][0]["api_url"]).json()["label"] == "Climat"


def test_a_rejected_quote_is_not_found_even_with_an_editor_token(client, published):
    from quotes.services.api_tokens import api_token_create

    make_user("chief", editor=True)
    _, key = api_token_create(username="chief")

    response = client.get(f"{QUOTES}/{published.rejected.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 404
    assert client.get(QUOTES, {"review_status": "rejected"}).status_code == 422
    assert published.rejected.pk not in walk(
        client, QUOTES, limit=100, HTTP_AUTHORIZATION=f"Bearer {key}"
    )


@pytest.mark.parametrize("cursor", ["junk", "eyJ4IjoxfQ", "IjIwMjQtMTMtMDF-MSI", "WzEsMl0"])
def test_a_cursor_not_handed_out_is_refused(client, published, cursor):
    response = client.get(QUOTES, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"kind": "shouted"}, {"date_from": "yesterday"}],
)
def test_malformed_parameters_are_refused_with_422(client, published, params):
    assert client.get(QUOTES, params).status_code == 422


def test_a_nul_byte_in_a_filter_is_dropped(client, published):
    assert ids(client.get(QUOTES, {"q": "clim\x00at", "outlet": "AFP\x00"}))


def test_search_ranks_with_snippets_facets_and_pages(client, published):
    first = client.get("/api/v1/search", {"q": "lançons", "limit": 2}).json()

    assert first["total"] == 5 and first["approximate"] is False
    assert "<mark>lançons</mark>" in first["items"][0]["snippet"].lower()
    assert {f["value"] for f in first["facets"]["speaker"]} == {published.agency.slug}
    seen = [hit["quote"]["id"] for hit in first["items"]]
    page = first
    while page["next_cursor"]:
        page = client.get(page["next"]).json()
        seen += [hit["quote"]["id"] for hit in page["items"]]
    expected = search_quotes("lançons", SearchFilters(), page_size=100)
    assert seen == [hit.quote.pk for hit in expected.hits]


def test_search_snippets_escape_the_quote_text(client, published):
    hit = client.get("/api/v1/search", {"q": "ready"}).json()["items"][0]

    assert "&lt;b&gt;" in hit["snippet"] and "<b>" not in hit["snippet"]
    assert hit["quote"]["text"] == "We are <b>ready</b> to launch"


def test_the_search_page_and_the_api_find_the_same_quotes(client, published):
    page = client.get(reverse("search"), {"q": "climat", "outlet": "AFP"})
    api = client.get("/api/v1/search", {"q": "climat", "outlet": "AFP"}).json()

    assert page.context["results"].total == api["total"] == 3
    assert [h.quote.pk for h in page.context["results"].hits] == [
        h["quote"]["id"] for h in api["items"]
    ]


def test_a_repeated_filter_matches_any_of_its_values(client, published):
    both = walk(client, QUOTES, limit=100, outlet=["Reuters", "Example Times"], kind="direct")
    expected = search_quotes(
        "",
        SearchFilters(outlet=("Reuters", "Example Times"), kind="direct"),
        page_size=100,
    )

    assert sorted(both) == sorted(hit.quote.pk for hit in expected.hits)
    assert len(both) == 3
