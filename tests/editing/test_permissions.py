"""Every editing endpoint for each role: anonymous to login, reader 403, editor allowed; CSRF."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from quotes.models import Quote, Speaker, SpeakerAlias
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker, make_user

BODY = "« Le pont restera fermé tout l'été », a déclaré Marie Dupont, maire de la ville."


@dataclass
class Scene:
    quote: Quote
    dupont: Speaker
    martin: Speaker
    alias: SpeakerAlias


@pytest.fixture
def scene(db):
    article = make_article(body=BODY)
    dupont = make_speaker("Marie Dupont", aliases=("la maire",))
    martin = make_speaker("Jean Martin")
    quote = make_quote(article, martin, start=2, end=BODY.index(" »"))
    # One recorded change on each, so the revert endpoints have something to undo.
    bot = make_user("bot", editor=True)
    editing.quote_set_kind(quote=quote, kind="indirect", expected_version=1, user=bot)
    editing.speaker_update(
        speaker=martin,
        name="Jean Martin",
        kind="person",
        description="adjoint",
        expected_version=1,
        user=bot,
    )
    alias = dupont.aliases.get(normalized="la maire")
    return Scene(quote=quote, dupont=dupont, martin=martin, alias=alias)


def _quote_post(name, data):
    return lambda s: (reverse(name, args=[s.quote.pk]), data(s))


def _speaker_post(name, data, speaker="martin"):
    return lambda s: (reverse(name, args=[getattr(s, speaker).slug]), data(s))


POSTS = {
    "quote-attribution": _quote_post(
        "quote-attribution", lambda s: {"speaker": str(s.dupont.pk), "version": 2}
    ),
    "quote-kind": _quote_post("quote-kind", lambda s: {"kind": "mixed", "version": 2}),
    "quote-span": _quote_post("quote-span", lambda s: {"start": 2, "end": 10, "version": 2}),
    "quote-confirm": _quote_post("quote-confirm", lambda s: {"version": 2}),
    "quote-reject": _quote_post("quote-reject", lambda s: {"version": 2}),
    "quote-revert": _quote_post(
        "quote-revert",
        lambda s: {"version": 2, "history_id": s.quote.history.first().history_id},
    ),
    "quote-add": lambda s: (
        reverse("quote-add", args=[s.quote.article_id]),
        {
            "start": BODY.index("maire"),
            "end": len(BODY) - 1,
            "kind": "direct",
            "unknown_speaker": "on",
        },
    ),
    "speaker-update": _speaker_post(
        "speaker-update",
        lambda s: {"name": "Jean Martin", "kind": "person", "description": "x", "version": 2},
    ),
    "speaker-alias-add": _speaker_post(
        "speaker-alias-add", lambda s: {"name": "l'adjoint", "version": 2}
    ),
    "speaker-alias-remove": lambda s: (
        reverse("speaker-alias-remove", args=[s.dupont.slug, s.alias.pk]),
        {"version": 1},
    ),
    "speaker-merge": _speaker_post(
        "speaker-merge",
        lambda s: {"target": str(s.dupont.pk), "version": 2, "confirmed": "on"},
    ),
    "speaker-revert": _speaker_post(
        "speaker-revert",
        lambda s: {"version": 2, "history_id": s.martin.history.first().history_id},
    ),
}

GETS = {
    "quote-edit": lambda s: reverse("quote-edit", args=[s.quote.pk]),
    "quote-add-page": lambda s: reverse("quote-add", args=[s.quote.article_id]),
    "speaker-edit": lambda s: reverse("speaker-edit", args=[s.martin.slug]),
    "review": lambda s: reverse("review"),
}


def _snapshot(scene: Scene) -> tuple:
    quote = Quote.objects.get(pk=scene.quote.pk)
    martin = Speaker.objects.get(pk=scene.martin.pk)
    return (
        quote.speaker_id,
        quote.kind,
        quote.start,
        quote.review_status,
        quote.version,
        Quote.objects.count(),
        martin.description,
        martin.merged_into_id,
        SpeakerAlias.objects.count(),
    )


@pytest.mark.parametrize("endpoint", POSTS)
def test_anonymous_post_redirects_to_login_and_changes_nothing(client, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    before = _snapshot(scene)

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _snapshot(scene) == before


@pytest.mark.parametrize("endpoint", POSTS)
def test_anonymous_htmx_post_sends_the_browser_to_login(client, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    before = _snapshot(scene)

    response = client.post(url, data, headers={"HX-Request": "true"})

    assert response["HX-Redirect"].startswith(reverse("login"))
    assert _snapshot(scene) == before


@pytest.mark.parametrize("endpoint", POSTS)
def test_reader_post_is_forbidden_and_changes_nothing(reader_client, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    before = _snapshot(scene)

    response = reader_client.post(url, data)

    assert response.status_code == 403
    assert _snapshot(scene) == before


@pytest.mark.parametrize("endpoint", POSTS)
def test_editor_post_changes_something_and_redirects(editor_client, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    before = _snapshot(scene)

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _snapshot(scene) != before


@pytest.mark.parametrize("endpoint", POSTS)
def test_editor_htmx_post_answers_with_a_fragment(editor_client, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    before = _snapshot(scene)

    response = editor_client.post(url, data, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert _snapshot(scene) != before
    if endpoint == "speaker-merge":
        assert response["HX-Redirect"] == scene.dupont.get_absolute_url()
    else:
        assert b"<html" not in response.content
        assert "HX-Trigger" in response


@pytest.mark.parametrize("endpoint", GETS)
def test_editing_pages_need_an_editor(reader, editor, scene, endpoint):
    url = GETS[endpoint](scene)
    anonymous, as_reader, as_editor = Client(), Client(), Client()
    as_reader.force_login(reader)
    as_editor.force_login(editor)

    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert as_reader.get(url).status_code == 403
    assert as_editor.get(url).status_code == 200


@pytest.mark.parametrize("endpoint", POSTS)
def test_htmx_post_without_csrf_token_is_refused(editor, scene, endpoint):
    url, data = POSTS[endpoint](scene)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    before = _snapshot(scene)

    response = client.post(url, data, headers={"HX-Request": "true"})

    assert response.status_code == 403
    assert _snapshot(scene) == before


def test_htmx_post_with_the_token_from_the_page_header_works(editor, scene):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(reverse("quote-edit", args=[scene.quote.pk]))
    token = page.context["csrf_token"]
    assert f'"X-CSRFToken": "{token}"' in page.content.decode()

    response = client.post(
        reverse("quote-confirm", args=[scene.quote.pk]),
        {"version": 2},
        headers={"HX-Request": "true", "X-CSRFToken": str(token)},
    )

    assert response.status_code == 200
    assert Quote.objects.get(pk=scene.quote.pk).review_status == "confirmed"
