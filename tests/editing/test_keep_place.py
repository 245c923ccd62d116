"""After a save the page keeps the editor's place: only what changed is swapped, "Saved" is said."""

from __future__ import annotations

import pytest
from django.urls import reverse

from quotes.models import Speaker
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker, make_user

BODY = (
    "« Le pont restera fermé tout l'été », a déclaré Marie Dupont. "
    "« Les travaux coûteront deux millions », a ajouté Jean Martin."
)


def htmx_from(path: str) -> dict[str, str]:
    """The headers htmx sends from a page at this path."""
    return {"HX-Request": "true", "HX-Current-URL": f"http://testserver{path}"}


@pytest.fixture
def scene(db):
    dupont, martin = make_speaker("Marie Dupont"), make_speaker("Jean Martin")
    article = make_article(body=BODY, title="Le pont fermé")
    first = make_quote(article, dupont, start=2, end=BODY.index(" »"))
    second_start = BODY.index("Les travaux")
    second = make_quote(article, martin, start=second_start, end=BODY.index(" »", second_start))
    return article, first, second, dupont, martin


def test_a_save_on_the_article_page_redraws_its_list_in_place_and_its_text_out_of_band(
    editor_client, scene
):
    article, first, _, _, martin = scene

    response = editor_client.post(
        reverse("quote-attribution", args=[first.pk]),
        {"speaker_id": str(martin.pk), "speaker": "Jean Martin", "version": "1"},
        headers=htmx_from(article.get_absolute_url()),
    )

    html = response.content.decode()
    assert response["HX-Retarget"] == "#quote-groups"
    assert response["HX-Reswap"] == "outerHTML"
    assert html.lstrip().startswith('<div id="quote-groups">')
    assert "1 quote" not in html and "2 quotes by speaker" in html
    assert '<div id="article-text" hx-swap-oob="true">' in html
    assert (
        '<div id="save-status" hx-swap-oob="innerHTML">'
        "Saved: the quote is now attributed to Jean Martin.</div>"
    ) in html
    # One group now: both quotes are Jean Martin's, and the edited quote's tools stay open.
    assert html.count('<section class="speaker-group">') == 1
    assert f'id="quote-{first.pk}-reassign"' in html
    assert "<html" not in html and 'hx-trigger="quoteChanged' not in html


def test_the_article_page_no_longer_reloads_itself_after_a_change(client, scene):
    article = scene[0]

    html = client.get(article.get_absolute_url()).content.decode()

    assert "quoteChanged from:body" not in html
    assert '<div id="save-status" class="save-status" role="status"' in html


def test_a_refused_form_answers_with_the_tools_alone(editor_client, scene):
    article, first, *_ = scene

    response = editor_client.post(
        reverse("quote-kind", args=[first.pk]),
        {"kind": "shouted", "version": "1"},
        headers=htmx_from(article.get_absolute_url()),
    )

    assert "HX-Retarget" not in response
    assert (
        response.content.decode()
        .lstrip()
        .startswith(f'<div class="quote-tools" id="quote-{first.pk}-tools"')
    )
    assert "save-status" not in response.content.decode()


def test_a_plain_form_says_saved_after_its_redirect(editor_client, scene):
    article, first, *_ = scene

    response = editor_client.post(
        reverse("quote-confirm", args=[first.pk]),
        {"version": "1", "next": article.get_absolute_url()},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"{article.get_absolute_url()}#quote-{first.pk}-tools"
    assert "Saved: the quote is confirmed." in response.content.decode()


def test_a_stale_refusal_on_the_quote_page_shows_the_current_values_at_its_top(
    editor_client, scene
):
    _, first, _, _, martin = scene
    editing.quote_reassign(quote=first, speaker=martin, expected_version=1, user=make_user("other"))

    response = editor_client.post(
        reverse("quote-kind", args=[first.pk]),
        {"kind": "indirect", "version": "1"},
        headers=htmx_from(first.get_absolute_url()),
    )

    html = response.content.decode()
    assert "was changed by someone else" in html
    summary = html[html.index('<div id="quote-summary" hx-swap-oob="true">') :]
    assert "Quote by <a" in summary and "Jean Martin" in summary[: summary.index("</h1>")]
    assert f'id="quote-{first.pk}-history" hx-swap-oob="true"' in html
    assert "save-status" not in html


def test_a_stale_refusal_on_the_article_page_redraws_the_current_attribution(editor_client, scene):
    article, first, _, _, martin = scene
    editing.quote_reassign(quote=first, speaker=martin, expected_version=1, user=make_user("other"))

    response = editor_client.post(
        reverse("quote-confirm", args=[first.pk]),
        {"version": "1"},
        headers=htmx_from(article.get_absolute_url()),
    )

    html = response.content.decode()
    assert response["HX-Retarget"] == "#quote-groups"
    assert "was changed by someone else" in html
    assert html.count('<section class="speaker-group">') == 1


def test_a_speaker_edit_swaps_its_name_in_place_and_moves_the_address(editor_client):
    speaker = make_speaker("M. Dupont")

    response = editor_client.post(
        reverse("speaker-update", args=[speaker.slug]),
        {"name": "Marie Dupont", "kind": "person", "description": "maire", "version": 1},
        headers=htmx_from(speaker.get_absolute_url()),
    )

    html = response.content.decode()
    assert "HX-Refresh" not in response
    assert response["HX-Replace-Url"] == "/speakers/marie-dupont/"
    identity = html[html.index('<div id="speaker-identity" hx-swap-oob="true">') :]
    assert "<h1>Marie Dupont" in identity and "maire" in identity
    assert 'hx-swap-oob="innerHTML">Saved: the speaker was updated.</div>' in html


def test_a_renamed_speakers_old_address_redirects_permanently(client, db):
    speaker = make_speaker("M. Dupont", slug="m-dupont")
    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind="person",
        description="",
        expected_version=1,
        user=None,
    )

    response = client.get("/speakers/m-dupont/")

    assert Speaker.objects.get(pk=speaker.pk).slug == "marie-dupont"
    assert response.status_code == 301
    assert response["Location"] == "/speakers/marie-dupont/"
    assert client.get("/speakers/marie-dupont/").status_code == 200


def test_a_change_that_keeps_the_name_keeps_the_slug(db):
    speaker = make_speaker("Marie Dupont", slug="marie-dupont-2")

    editing.speaker_update(
        speaker=speaker,
        name="Marie  Dupont",
        kind="organisation",
        description="",
        expected_version=1,
        user=None,
    )

    assert Speaker.objects.get(pk=speaker.pk).slug == "marie-dupont-2"


def test_the_article_page_fetches_a_quotes_forms_when_it_is_opened(editor_client, scene):
    article, first, second, *_ = scene

    html = editor_client.get(article.get_absolute_url()).content.decode()

    for quote in (first, second):
        assert f'id="quote-{quote.pk}-confirm"' in html
        assert f'hx-get="{reverse("quote-edit", args=[quote.pk])}" hx-trigger="toggle once"' in html
        assert reverse("quote-attribution", args=[quote.pk]) not in html
