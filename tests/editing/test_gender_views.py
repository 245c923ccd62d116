"""The speaker page shows the gender and its clues; editors correct it, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes.models import Speaker
from quotes.services.gender import article_speakers_gender
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def speaker():
    speaker = make_speaker("Odile Kessler")
    article = make_article(body="« Prêts », a dit Mme Kessler. Fin.")
    make_quote(article, speaker, start=0, end=9)
    article_speakers_gender(article=article)
    speaker.refresh_from_db()
    return speaker


def test_the_speaker_page_shows_the_gender_and_its_clues(client, speaker):
    html = client.get(speaker.get_absolute_url()).content.decode()

    assert "<dt>Gender</dt>" in html
    assert "Woman" in html
    assert "“Mme Kessler” → woman" in html
    assert "First name" in html


def test_editor_sets_the_gender_and_the_page_says_an_editor_did(editor_client, speaker):
    response = editor_client.post(
        reverse("speaker-gender", args=[speaker.slug]), {"gender": "man", "version": 1}
    )

    assert response.status_code == 302
    speaker.refresh_from_db()
    assert (speaker.gender, speaker.gender_source, speaker.version) == ("man", "editor", 2)
    page = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert "(set by an editor)" in page
    history = editor_client.get(reverse("speaker-history", args=[speaker.slug])).content.decode()
    assert "Gender set: Man (was Woman)" in history
    assert "editor" in history


def test_htmx_gets_the_tools_back_and_the_pages_gender_out_of_band(editor_client, speaker):
    response = editor_client.post(
        reverse("speaker-gender", args=[speaker.slug]),
        {"gender": "not_person", "version": 1},
        headers={**HTMX, "HX-Current-URL": f"http://testserver{speaker.get_absolute_url()}"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Refresh" not in response
    assert f'id="speaker-{speaker.pk}-tools"' in html
    gender = html[html.index('<div id="speaker-gender-fact" hx-swap-oob="true">') :]
    assert "set by an editor" in gender[: gender.index("</div>")]


def test_an_unknown_gender_is_refused_with_the_form_error(editor_client, speaker):
    response = editor_client.post(
        reverse("speaker-gender", args=[speaker.slug]),
        {"gender": "robot", "version": 1},
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Speaker.objects.get(pk=speaker.pk).gender == "woman"


def test_a_stale_form_is_refused(editor_client, speaker):
    url = reverse("speaker-gender", args=[speaker.slug])
    editor_client.post(url, {"gender": "man", "version": 1})

    response = editor_client.post(url, {"gender": "unknown", "version": 1}, headers=HTMX)

    assert "changed by someone else" in response.content.decode()
    assert Speaker.objects.get(pk=speaker.pk).gender == "man"


def test_readers_and_visitors_cannot_set_a_gender(client, reader_client):
    speaker = make_speaker("Noa Brun")
    url = reverse("speaker-gender", args=[speaker.slug])

    assert reader_client.post(url, {"gender": "man", "version": 1}).status_code == 403
    client.logout()
    visitor = client.post(url, {"gender": "man", "version": 1})
    assert visitor.status_code == 302 and "login" in visitor["Location"]
    assert Speaker.objects.get(pk=speaker.pk).gender == "unknown"
