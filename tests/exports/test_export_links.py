"""Every page listing quotes links to its exports, and the search page's links keep its filters."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.exports.conftest import csv_rows

pytestmark = pytest.mark.django_db


def _export_links(html: str) -> list[str]:
    return [
        unescape(href)
        for href in re.findall(r'<a href="([^"]*/export\.(?:csv|jsonl)[^"]*)" download>', html)
    ]


def test_search_links_carry_the_query_and_filters_but_not_the_page(client, exported):
    params = {"q": "Ukraine", "speaker_kind": "person", "kind": "indirect", "page": "1"}
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(reverse("search"), params, headers=headers).content.decode()
        assert _export_links(html) == [
            "/search/export.csv?q=Ukraine&speaker_kind=person&kind=indirect",
            "/search/export.jsonl?q=Ukraine&speaker_kind=person&kind=indirect",
        ]


def test_following_the_search_link_exports_every_page_of_the_results(client, exported):
    html = client.get(reverse("search"), {"language": "fr"}).content.decode()
    csv_link = _export_links(html)[0]

    rows = csv_rows(client.get(csv_link))

    assert len(rows) == int(re.search(r"of (\d+) quotes", html).group(1))
    assert {row["language"] for row in rows} == {"fr"}


def test_a_search_finding_nothing_offers_no_download(client, exported):
    html = client.get(reverse("search"), {"q": "zzzqqq"}).content.decode()

    assert _export_links(html) == []


def test_speaker_topic_and_article_pages_link_to_their_exports(client, exported):
    speaker = exported.corpus.fried
    pages = {
        speaker.get_absolute_url(): f"/speakers/{speaker.slug}/export",
        exported.topic.get_absolute_url(): f"/topics/{exported.topic.slug}/export",
        exported.hostile.get_absolute_url(): f"/articles/{exported.hostile.pk}/export",
    }
    for page, export in pages.items():
        html = client.get(page).content.decode()
        assert _export_links(html) == [f"{export}.csv", f"{export}.jsonl"]
