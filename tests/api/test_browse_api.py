"""The read API's speakers (with aliases), articles and topics, and its OpenAPI description."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.staticfiles import finders

from quotes.models import Article, Speaker
from tests.factories import make_article, make_speaker

pytestmark = pytest.mark.django_db


def items(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["items"]


def walk(client, url: str, **params) -> list[dict]:
    seen: list[dict] = []
    while True:
        page = client.get(url, params).json()
        seen += page["items"]
        if page["next_cursor"] is None:
            return seen
        params["cursor"] = page["next_cursor"]


def test_speakers_come_most_quoted_first_with_their_aliases(client, published):
    listed = items(client.get("/api/v1/speakers"))

    # Six public quotes each: equal counts go by name.
    assert [(s["name"], s["quote_count"]) for s in listed] == [
        ("Agence spatiale", 6),
        ("Donald Trump", 6),
    ]
    trump = listed[1]
    assert sorted(trump["aliases"]) == ["Trump", "le futur président américain"]
    assert trump["url"] == f"http://testserver{published.trump.get_absolute_url()}"
    assert trump["feed_url"] == f"http://testserver/speakers/{published.trump.slug}/feed/"
    quotes = client.get(trump["quotes_api_url"]).json()["items"]
    assert {q["speaker"]["id"] for q in quotes} == {published.trump.pk}


def test_speakers_are_found_by_alias_and_kind(client, published):
    by_alias = items(client.get("/api/v1/speakers", {"q": "futur president"}))
    by_kind = items(client.get("/api/v1/speakers", {"kind": "organisation"}))

    assert [s["id"] for s in by_alias] == [published.trump.pk]
    assert [s["id"] for s in by_kind] == [published.agency.pk]


@pytest.mark.parametrize("sort", ["count", "name"])
def test_the_speaker_cursor_walks_every_speaker_once(client, published, sort):
    from tests.factories import make_quote

    for n in range(7):  # equal names and equal counts
        make_quote(speaker=Speaker.objects.create(name=f"Orateur {n % 3}", slug=f"orateur-{n}"))

    walked = [s["id"] for s in walk(client, "/api/v1/speakers", sort=sort, limit=2)]
    listed = items(client.get("/api/v1/speakers", {"sort": sort, "limit": 100}))
    everyone = [s["id"] for s in listed]

    assert walked == everyone and len(set(walked)) == 9
    if sort == "name":
        names = [Speaker.objects.get(pk=pk).name for pk in walked]
        assert names == sorted(names)


def test_a_speaker_shows_counts_gender_and_top_topics(client, published):
    Speaker.objects.filter(pk=published.trump.pk).update(gender="man")

    speaker = client.get(f"/api/v1/speakers/{published.trump.pk}").json()

    assert speaker["gender"] == "man"

    assert speaker["quote_count"] == 6
    assert speaker["article_count"] == 6
    assert speaker["first_quote_at"].startswith("2024-03-01")
    assert [t["slug"] for t in speaker["top_topics"]] == ["climat"]


def test_a_merged_speaker_redirects_to_the_one_kept(client, published):
    old = make_speaker("D. Trump")
    old.merged_into = published.trump
    old.save()

    response = client.get(f"/api/v1/speakers/{old.pk}")

    assert response.status_code == 301
    assert response["Location"] == f"http://testserver/api/v1/speakers/{published.trump.pk}"
    assert client.get("/api/v1/speakers/999999").status_code == 404


def test_articles_come_newest_first_without_pending_ones(client, published):
    listed = walk(client, "/api/v1/articles", limit=2)

    titles = [a["title"] for a in listed]
    assert titles[:2] == ["Launch day", "Dépêche 4"]
    assert titles[-1] == "Sans date"
    assert "Not attributed yet" not in titles
    assert len(titles) == len(set(titles)) == 8
    assert listed[1]["source_url"] == "https://news.example/4"


def test_articles_filter_by_language_outlet_and_dates(client, published):
    english = items(client.get("/api/v1/articles", {"language": "en"}))
    reuters = items(client.get("/api/v1/articles", {"outlet": "Reuters"}))
    march_2_3 = items(
        client.get("/api/v1/articles", {"date_from": "2024-03-02", "date_to": "2024-03-03"})
    )

    assert [a["id"] for a in english] == [published.english.pk]
    assert {a["title"] for a in reuters} == {"Dépêche 1", "Dépêche 3"}
    assert [a["title"] for a in march_2_3] == ["Dépêche 2", "Dépêche 1"]


def test_articles_with_equal_dates_are_walked_once(client, published):
    same = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    made = {make_article(published_at=same).pk for _ in range(5)}

    walked = [a["id"] for a in walk(client, "/api/v1/articles", limit=2)]

    assert made <= set(walked) and len(walked) == len(set(walked)) == 13


def test_an_article_gives_its_text_and_public_quotes_with_offsets(client, published):
    article = client.get(f"/api/v1/articles/{published.rejected.article_id}").json()
    english = client.get(f"/api/v1/articles/{published.english.pk}").json()

    assert article["quotes"] == []
    assert english["body"] == published.english.body
    for quote in english["quotes"]:
        assert english["body"][quote["start"] : quote["end"]] == quote["text"]
    assert client.get(f"/api/v1/articles/{published.pending.pk}").status_code == 404


def test_topics_come_most_quoted_first_and_filter_by_label(client, published):
    listed = items(client.get("/api/v1/topics"))
    filtered = items(client.get("/api/v1/topics", {"q": "clim"}))
    topic = client.get("/api/v1/topics/climat").json()

    assert [t["slug"] for t in listed] == [t["slug"] for t in filtered] == ["climat"]
    assert topic["quote_count"] == 5
    assert topic["feed_url"] == "http://testserver/topics/climat/feed/"
    assert len(client.get(topic["quotes_api_url"] + "&limit=100").json()["items"]) == 5
    assert client.get("/api/v1/topics/nothing-here").status_code == 404


def test_failed_articles_are_not_published(client, published):
    failed = make_article(title="Broken", status=Article.Status.FAILED, error="Traceback ...")

    assert client.get(f"/api/v1/articles/{failed.pk}").status_code == 404


def test_the_openapi_schema_describes_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/quotes",
        "/api/v1/quotes/{quote_id}",
        "/api/v1/search",
        "/api/v1/speakers",
        "/api/v1/speakers/{speaker_id}",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
        "/api/v1/topics",
        "/api/v1/topics/{slug}",
    }
    filters = {p["name"] for p in schema["paths"]["/api/v1/quotes"]["get"]["parameters"]}
    assert filters >= {
        "q", "speaker", "speaker_kind", "kind", "language", "outlet", "topic",
        "review_status", "date_from", "date_to", "cursor", "limit",
    }  # fmt: skip
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()


def test_the_interactive_docs_load_only_local_files(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert finders.find("ninja/swagger-ui-bundle.js")  # collectstatic gathers it
