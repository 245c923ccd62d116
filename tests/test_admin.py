"""The admin keeps the invariants the services keep: offsets, dates, counts, the search index."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from quotes.search import SearchFilters, search_quotes
from quotes.services.changes import quotes_changed
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db

BODY = "« Nous tiendrons le budget », a déclaré Marie Durand devant la presse."


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="pass-word-123"))
    return client


@pytest.fixture
def quote():
    article = make_article(body=BODY, published_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
    speaker = make_speaker("Marie Durand")
    quote = make_quote(article, speaker, start=2, end=26)
    quotes_changed(quote_ids=[quote.pk])
    return quote


def form_data(admin_client, url: str, **changes) -> dict:
    """The admin form's current values with some changed, as a browser would post them."""
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.pop("topics", None)
    data.update(changes)
    return data


def test_changing_an_article_date_moves_its_quotes_and_speaker_dates(admin_client, quote):
    url = reverse("admin:quotes_article_change", args=[quote.article.pk])
    data = form_data(
        admin_client, url, published_at_0="2025-06-02", published_at_1="09:00:00", body="Autre"
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    quote.refresh_from_db()
    assert quote.published_at.date() == dt.date(2025, 6, 2)
    assert quote.speaker.__class__.objects.get(pk=quote.speaker_id).latest_quote_at.year == 2025
    assert quote.article.__class__.objects.get(pk=quote.article_id).body == BODY


def test_a_speaker_renamed_in_the_admin_is_found_by_search(admin_client, quote):
    url = reverse("admin:quotes_speaker_change", args=[quote.speaker_id])
    data = form_data(admin_client, url, name="Marie Durand-Leroux")
    data.update(
        {
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
            "aliases-MIN_NUM_FORMS": "0",
            "aliases-MAX_NUM_FORMS": "1000",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    hits = search_quotes("Leroux", SearchFilters()).hits
    assert [hit.quote.pk for hit in hits] == [quote.pk]


def test_the_admin_cannot_move_a_quote_off_its_words_nor_add_one(admin_client, quote):
    url = reverse("admin:quotes_quote_change", args=[quote.pk])
    data = form_data(admin_client, url, text="autre chose", start=0, end=5, kind="indirect")
    data.update(article=quote.article_id, speaker=quote.speaker_id)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    quote.refresh_from_db()
    assert quote.kind == "indirect"
    assert quote.article.body[quote.start : quote.end] == quote.text == "Nous tiendrons le budget"
    assert admin_client.get(reverse("admin:quotes_quote_add")).status_code == 403
