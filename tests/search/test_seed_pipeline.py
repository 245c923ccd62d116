"""The done-when checks on the seed as ingestion alone leaves it: engine, index and topics."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quotes.ingest.records import build_record
from quotes.services.ingest import article_ingest

pytestmark = pytest.mark.django_db

DEFENSE = "le soutien à l’Ukraine dans sa défense contre l’agression russe"


@pytest.fixture
def seed_article(seed_text):
    record = build_record(source="seed", text=seed_text, title="Blinken à Bruxelles", lang="fr")
    return article_ingest(record=record).article


def test_accentless_search_finds_the_engine_quote(seed_article, client):
    assert seed_article.quotes.filter(text__contains="dans sa défense contre").exists()
    html = client.get(reverse("search"), {"q": "defense"}).content.decode()
    plain = re.sub(r"</?mark>", "", html)
    assert DEFENSE in plain


def test_phrase_search_and_ukraine_topic_page(seed_article, client):
    html = client.get(reverse("search"), {"q": '"Corée du Sud"'}).content.decode()
    assert "<mark>Corée</mark>" in html and "<mark>Sud</mark>" in html
    topic_html = client.get(reverse("topic-detail", args=["ukraine"])).content.decode()
    assert DEFENSE in topic_html
