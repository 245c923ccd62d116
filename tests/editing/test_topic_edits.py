"""Editors' topic changes: only real changes are recorded, and plain forms show their errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def quote(db):
    return make_quote(make_article(), make_speaker("Jeanne Sujet"))


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_removing_a_topic_the_quote_lacks_records_nothing(editor_client, quote, headers):
    elsewhere = make_topic("Budget")
    before = quote.history.count()

    response = editor_client.post(
        reverse("quote-topic-remove", args=[quote.pk, elsewhere.slug]),
        {"version": quote.version},
        headers=headers,
    )

    assert response.status_code in (200, 302)
    assert quote.history.count() == before
    assert "Topic removed" not in editor_client.get(quote.get_absolute_url()).content.decode()


def test_removing_a_topic_the_quote_has_is_recorded(editor_client, quote):
    topic = make_topic("Budget")
    quote.topics.add(topic)
    before = quote.history.count()

    editor_client.post(
        reverse("quote-topic-remove", args=[quote.pk, topic.slug]), {"version": quote.version}
    )

    assert quote.history.count() == before + 1
    assert quote.history.first().history_change_reason == "Topic removed: Budget"


def test_plain_form_shows_why_a_topic_was_refused(editor_client, quote):
    response = editor_client.post(
        reverse("quote-topic-add", args=[quote.pk]), {"label": "  !! ", "version": quote.version}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "A topic needs at least one letter or digit." in page
    assert 'aria-invalid="true"' in page
    assert quote.text in page
    assert not quote.topics.exists()


def test_plain_form_shows_a_stale_topic_change(editor_client, quote):
    topic = make_topic("Budget")
    quote.topics.add(topic)

    response = editor_client.post(
        reverse("quote-topic-remove", args=[quote.pk, topic.slug]),
        {"version": quote.version + 5},
    )

    assert response.status_code == 409
    assert "Someone changed this quote since you loaded it" in response.content.decode()
    assert quote.topics.filter(pk=topic.pk).exists()
