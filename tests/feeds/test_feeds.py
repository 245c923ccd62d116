"""Atom feeds of a speaker's, a topic's and a search's newest quotes, and their autodiscovery."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from quotes.models import Quote
from tests.factories import make_speaker

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response) -> ET.Element:
    """The feed, checked against what RFC 4287 requires of a feed and of each entry."""
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    _datetime(feed.find(f"{ATOM}updated").text)
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    ids = [entry.find(f"{ATOM}id").text for entry in entries(feed)]
    assert len(ids) == len(set(ids))
    for entry in entries(feed):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        _datetime(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://")
        assert entry.find(f"{ATOM}summary").get("type") == "html"
    return feed


def _datetime(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    assert moment.tzinfo is not None  # RFC 3339 needs an offset
    return moment


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def linked_quote_ids(feed: ET.Element) -> list[int]:
    links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries(feed)]
    return [int(re.search(r"/quotes/(\d+)/$", link).group(1)) for link in links]


def test_a_speakers_feed_lists_their_newest_public_quotes(client, published):
    feed = parse_atom(client.get(f"/speakers/{published.trump.slug}/feed/"))

    expected = [q.pk for q in published.newest_first if q.speaker_id == published.trump.pk]
    assert linked_quote_ids(feed) == expected
    assert published.rejected.pk not in linked_quote_ids(feed)
    assert feed.find(f"{ATOM}title").text == "Donald Trump: newest quotes"
    first = entries(feed)[0]
    assert first.find(f"{ATOM}title").text == "Donald Trump: « Le climat change vite 4 »"
    assert first.find(f"{ATOM}category").get("term") == "Climat"
    assert first.find(f"{ATOM}published").text.startswith("2024-03-05")


def test_an_undated_quote_still_has_the_dates_atom_requires(client, published):
    feed = parse_atom(client.get(f"/speakers/{published.trump.slug}/feed/"))

    last = entries(feed)[-1]
    assert linked_quote_ids(feed)[-1] == published.undated.pk
    assert last.find(f"{ATOM}published") is not None


def test_a_topics_feed_lists_the_quotes_on_it(client, published):
    feed = parse_atom(client.get("/topics/climat/feed/"))

    assert linked_quote_ids(feed) == [
        q.pk for q in published.newest_first if q.topics.filter(slug="climat").exists()
    ]
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href").endswith("/topics/climat/")


def test_a_search_feed_keeps_the_query_and_filters(client, published):
    response = client.get("/search/feed/", {"q": "lançons", "outlet": "AFP", "page": "2"})

    feed = parse_atom(response)
    expected = [
        q.pk for q in published.newest_first if "lançons" in q.text and q.article.outlet == "AFP"
    ]
    assert linked_quote_ids(feed) == expected and len(expected) == 3
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/search/feed/?q=lan%C3%A7ons&outlet=AFP"
    assert feed.find(f"{ATOM}title").text == "Quotes matching “lançons” (outlet AFP)"


def test_the_summary_escapes_the_quote_text(client, published):
    feed = parse_atom(client.get("/search/feed/", {"q": "ready"}))

    summary = entries(feed)[0].find(f"{ATOM}summary").text
    assert "We are &lt;b&gt;ready&lt;/b&gt; to launch" in summary
    assert f'href="http://testserver{published.english.get_absolute_url()}"' in summary


def test_the_feeds_follow_edits(client, published):
    newest = Quote.objects.get(pk=published.newest_first[0].pk)
    url = f"/speakers/{published.agency.slug}/feed/"
    assert linked_quote_ids(parse_atom(client.get(url)))[0] == newest.pk
    from quotes.services.editing import quote_reject
    from tests.factories import make_user

    quote_reject(quote=newest, expected_version=newest.version, user=make_user("ed", editor=True))

    assert newest.pk not in linked_quote_ids(parse_atom(client.get(url)))


def test_a_merged_speakers_feed_redirects_and_unknown_ones_are_404(client, published):
    old = make_speaker("D. Trump")
    old.merged_into = published.trump
    old.save()

    response = client.get(f"/speakers/{old.slug}/feed/")

    assert response.status_code == 301
    assert response["Location"] == f"/speakers/{published.trump.slug}/feed/"
    assert client.get("/speakers/nobody/feed/").status_code == 404
    assert client.get("/topics/nothing/feed/").status_code == 404


FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"')


def test_a_renamed_speakers_old_feed_address_redirects_to_the_new_one(client, published):
    from quotes.services.editing import speaker_update
    from tests.factories import make_user

    old_slug = published.trump.slug
    renamed = speaker_update(
        speaker=published.trump,
        name="Donald J. Trump",
        kind="person",
        description="",
        expected_version=published.trump.version,
        user=make_user("ed", editor=True),
    )

    response = client.get(f"/speakers/{old_slug}/feed/")

    assert renamed.slug != old_slug
    assert response.status_code == 301
    assert response["Location"] == f"/speakers/{renamed.slug}/feed/"
    parse_atom(client.get(response["Location"]))


def autodiscovered(response) -> str:
    match = FEED_LINK.search(response.content.decode())
    assert match, "no feed link in the page's head"
    return match.group(1).replace("&amp;", "&")


def test_pages_announce_their_feeds(client, published):
    speaker_page = client.get(published.trump.get_absolute_url())
    topic_page = client.get(reverse("topic-detail", args=["climat"]))
    search_page = client.get(reverse("search"), {"q": "climat", "language": "fr", "page": "1"})

    assert autodiscovered(speaker_page) == f"/speakers/{published.trump.slug}/feed/"
    assert autodiscovered(topic_page) == "/topics/climat/feed/"
    assert autodiscovered(search_page) == "/search/feed/?q=climat&language=fr"
    for page in (speaker_page, topic_page, search_page):
        parse_atom(client.get(autodiscovered(page)))


# Ids of dated matches, of undated ones (only while the feed is not full), the quotes with their
# speaker and article, their topics; plus the speaker (and its aliases) or the topic, and the
# speaker's or the topic's id again for the search's plan.
FEEDS = {
    "speaker": (lambda p: f"/speakers/{p.trump.slug}/feed/", 7),
    "topic": (lambda p: "/topics/climat/feed/", 6),
    "search": (lambda p: "/search/feed/?q=climat&language=fr", 4),
}


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_a_feed_runs_a_fixed_number_of_queries(client, published, django_assert_num_queries, name):
    url, expected = FEEDS[name]

    with django_assert_num_queries(expected):
        response = client.get(url(published))

    assert len(entries(parse_atom(response))) > 1


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_a_full_feed_runs_no_more_queries(client, published, django_assert_max_num_queries, name):
    from tests.api.conftest import add_climate_quotes

    add_climate_quotes(published, 30)
    url, expected = FEEDS[name]

    with django_assert_max_num_queries(expected):
        response = client.get(url(published))

    assert len(entries(parse_atom(response))) == 20
