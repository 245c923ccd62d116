"""Reassigning to a name no speaker has asks "Did you mean …?" and creates only when told to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes.models import Quote, Speaker
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def fried(db):
    return make_speaker("Daniel Fried")


@pytest.fixture
def quote(fried):
    return make_quote(make_article(), make_speaker("Jean Martin"))


def _reassign(client, quote, headers=None, **fields):
    data = {"speaker_id": "", "version": quote.version, **fields}
    return client.post(reverse("quote-attribution", args=[quote.pk]), data, headers=headers or {})


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_partial_name_asks_did_you_mean_instead_of_creating(editor_client, quote, fried, headers):
    speakers = Speaker.objects.count()

    response = _reassign(editor_client, quote, headers, speaker="Fried")

    assert response.status_code == (200 if headers else 400)
    page = response.content.decode()
    assert "Did you mean …?" in page
    assert f'name="suggested_speaker_id" value="{fried.pk}">Daniel Fried</button>' in page
    assert "Create new speaker “Fried”" in page
    assert Speaker.objects.count() == speakers
    quote.refresh_from_db()
    assert quote.speaker.name == "Jean Martin"


def test_picking_the_suggestion_reassigns_to_it(editor_client, quote, fried):
    speakers = Speaker.objects.count()

    response = _reassign(editor_client, quote, speaker="Fried", suggested_speaker_id=fried.pk)

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == fried
    assert Speaker.objects.count() == speakers


def test_creating_a_new_speaker_takes_an_explicit_choice(editor_client, quote, fried):
    response = _reassign(editor_client, quote, speaker="Fried", create_speaker="on")

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker.name == "Fried"
    assert quote.speaker != fried


def test_an_exact_name_or_alias_reassigns_without_asking(editor_client, quote, fried):
    response = _reassign(editor_client, quote, speaker="daniel FRIED")

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == fried


def test_a_name_close_to_no_one_still_asks(editor_client, quote):
    response = _reassign(editor_client, quote, speaker="Zoé Inconnue", new_speaker_kind="other")

    page = response.content.decode()
    assert "No speaker has a name close to “Zoé Inconnue”" in page
    assert "Create new speaker “Zoé Inconnue”" in page
    assert 'value="other" selected' in page
    assert not Speaker.objects.filter(name="Zoé Inconnue").exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_adding_a_quote_by_a_partial_name_asks_did_you_mean_too(
    editor_client, quote, fried, headers
):
    article = quote.article
    form = {"start": 2, "end": 10, "kind": "direct", "speaker": "Fried"}

    response = editor_client.post(reverse("quote-add", args=[article.pk]), form, headers=headers)

    html = response.content.decode()
    assert "Did you mean …?" in html
    assert f'name="suggested_speaker_id" value="{fried.pk}"' in html
    assert 'name="start" id="add-start-' in html and 'value="2"' in html
    assert not Quote.objects.filter(origin=Quote.Origin.EDITOR).exists()
    assert not Speaker.objects.filter(name="Fried").exists()

    picked = editor_client.post(
        reverse("quote-add", args=[article.pk]),
        {**form, "suggested_speaker_id": str(fried.pk)},
        headers=headers,
    )

    assert picked.status_code in (200, 302)
    assert Quote.objects.get(origin=Quote.Origin.EDITOR).speaker == fried
