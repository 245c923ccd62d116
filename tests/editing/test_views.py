"""What an editor sees and gets from the editing endpoints, with and without htmx."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.urls import reverse

from quotes.models import Quote, Speaker
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker, make_user

BODY = (
    "Le conseil municipal s'est réuni lundi. « Le pont restera fermé tout l'été », "
    "a déclaré Marie Dupont. Elle a ajouté que les travaux coûteraient deux millions d'euros."
)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def article(db):
    return make_article(body=BODY, title="Le pont fermé")


@pytest.fixture
def quote(article):
    start = BODY.index("Le pont")
    return make_quote(article, make_speaker("Jean Martin"), start=start, end=BODY.index(" »"))


def test_contract_reassign_by_id_answers_htmx_with_the_updated_fragment(editor_client, quote):
    dupont = make_speaker("Marie Dupont")

    response = editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {"speaker": str(dupont.pk), "version": "1"},
        headers=HTMX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="quote-{quote.pk}-tools"' in html
    assert "Marie Dupont" in html
    assert "Corrected" in html
    assert json.loads(response["HX-Trigger"]) == {"quoteChanged": {"id": quote.pk}}
    quote.refresh_from_db()
    assert quote.speaker == dupont


def test_contract_reassign_by_new_name_redirects_a_plain_form(editor_client, quote):
    response = editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {
            "speaker": "Sophie Bernard",
            "create_speaker": "on",
            "version": "1",
            "next": f"/articles/{quote.article_id}/",
        },
    )

    assert response.status_code == 302
    # Back to where the editor was: the quote's tools on the article page.
    assert response["Location"] == f"/articles/{quote.article_id}/#quote-{quote.pk}-tools"
    quote.refresh_from_db()
    assert quote.speaker.name == "Sophie Bernard"


def test_redirect_never_leaves_the_site(editor_client, quote):
    response = editor_client.post(
        reverse("quote-confirm", args=[quote.pk]),
        {"version": "1", "next": "https://evil.example/phish"},
    )

    assert (
        response["Location"] == reverse("quote-edit", args=[quote.pk]) + f"#quote-{quote.pk}-tools"
    )


def test_reassigned_quote_moves_between_speaker_pages(editor_client, quote):
    martin = quote.speaker
    dupont = make_speaker("Marie Dupont")

    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]), {"speaker": str(dupont.pk), "version": 1}
    )

    assert "Le pont restera fermé" in editor_client.get(dupont.get_absolute_url()).content.decode()
    assert (
        "Le pont restera fermé" not in editor_client.get(martin.get_absolute_url()).content.decode()
    )


def test_stale_htmx_save_shows_changed_by_someone_else_with_current_values(editor_client, quote):
    other = make_user("colleague", editor=True)
    editing.quote_set_kind(quote=quote, kind="mixed", expected_version=1, user=other)
    dupont = make_speaker("Marie Dupont")

    response = editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {"speaker": str(dupont.pk), "version": "1"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "changed by someone else" in html
    assert "Kind: Mixed" in html
    assert "Speaker: Jean Martin" in html
    # The re-rendered form carries the current version, so a retry can succeed.
    assert 'name="version" value="2"' in html
    assert "HX-Trigger" not in response
    quote.refresh_from_db()
    assert quote.speaker.name == "Jean Martin"


def test_stale_plain_save_is_a_409_page_with_current_values(editor_client, quote):
    other = make_user("colleague", editor=True)
    editing.quote_reject(quote=quote, expected_version=1, user=other)

    response = editor_client.post(
        reverse("quote-kind", args=[quote.pk]), {"kind": "indirect", "version": "1"}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "changed by someone else" in html
    assert "Review: Rejected" in html
    quote.refresh_from_db()
    assert quote.kind == "direct"


def test_stale_speaker_save_is_refused_with_current_values(editor_client):
    speaker = make_speaker("Marie Dupont")
    other = make_user("colleague", editor=True)
    editing.speaker_update(
        speaker=speaker,
        name="Marie Dupont",
        kind="person",
        description="maire de Lille",
        expected_version=1,
        user=other,
    )

    response = editor_client.post(
        reverse("speaker-update", args=[speaker.slug]),
        {"name": "M. Dupont", "kind": "person", "description": "", "version": "1"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert "changed by someone else" in html
    assert "maire de Lille" in html
    speaker.refresh_from_db()
    assert speaker.name == "Marie Dupont"


def test_invalid_form_rerenders_the_tools_with_the_error(editor_client, quote):
    response = editor_client.post(
        reverse("quote-span", args=[quote.pk]), {"start": 30, "end": 10, "version": 1}, headers=HTMX
    )

    assert response.status_code == 200
    assert "The span must end after it starts." in response.content.decode()
    quote.refresh_from_db()
    assert quote.version == 1


def test_span_from_selected_text_finds_the_offsets_nearest_the_selection(editor_client, quote):
    selected = "les travaux coûteraient deux millions d'euros"

    editor_client.post(
        reverse("quote-span", args=[quote.pk]),
        {"selected": selected, "near": 120, "version": 1},
    )

    quote.refresh_from_db()
    assert quote.text == selected
    assert BODY[quote.start : quote.end] == selected
    assert quote.review_status == Quote.Review.CORRECTED


def test_selection_with_different_whitespace_still_matches(editor_client, article, editor):
    response = editor_client.post(
        reverse("quote-add", args=[article.pk]),
        {
            "selected": "Le pont restera\n fermé",
            "near": 0,
            "kind": "direct",
            "unknown_speaker": "on",
        },
    )

    assert response.status_code == 302
    added = Quote.objects.get(origin=Quote.Origin.EDITOR)
    assert added.text == "Le pont restera fermé"


def test_submitting_the_same_added_quote_twice_adds_it_once(editor_client, article):
    form = {
        "selected": "Le pont restera fermé",
        "near": 0,
        "kind": "direct",
        "unknown_speaker": "on",
    }
    url = reverse("quote-add", args=[article.pk])

    assert editor_client.post(url, form).status_code == 302
    again = editor_client.post(url, form)

    assert "already a quote" in again.content.decode()
    assert Quote.objects.filter(article=article).count() == 1


def test_a_rejected_quote_does_not_block_adding_its_passage(editor, article):
    start, end = BODY.index("Le pont"), BODY.index(" »")
    rejected = make_quote(article, start=start, end=end, review_status=Quote.Review.REJECTED)

    added = editing.quote_add(article=article, start=start, end=end, kind="direct", user=editor)

    assert added.pk != rejected.pk


def test_selection_not_in_the_article_is_refused(editor_client, article):
    response = editor_client.post(
        reverse("quote-add", args=[article.pk]),
        {"selected": "jamais écrit", "kind": "direct", "unknown_speaker": "on"},
    )

    assert response.status_code == 400
    assert "was not found in the article" in response.content.decode()
    assert not Quote.objects.exists()


def test_add_quote_with_htmx_returns_a_fresh_form_and_announces_it(editor_client, article):
    start = BODY.index("les travaux")
    response = editor_client.post(
        reverse("quote-add", args=[article.pk]),
        {
            "start": start,
            "end": len(BODY) - 1,
            "kind": "indirect",
            "speaker": "Marie Dupont",
            "create_speaker": "on",
            "new_speaker_kind": "person",
        },
        headers=HTMX,
    )

    assert "Quote added" in response.content.decode()
    assert "quoteChanged" in json.loads(response["HX-Trigger"])
    added = Quote.objects.get()
    assert (added.origin, added.review_status, added.speaker.name) == (
        "editor",
        "confirmed",
        "Marie Dupont",
    )


def test_rejected_quote_leaves_the_speaker_page(editor_client, client, quote):
    speaker_url = quote.speaker.get_absolute_url()

    editor_client.post(reverse("quote-reject", args=[quote.pk]), {"version": 1})

    client.logout()
    assert "Le pont restera fermé" not in client.get(speaker_url).content.decode()
    quote.refresh_from_db()
    assert quote.review_status == Quote.Review.REJECTED


def test_history_shows_who_changed_what_and_revert_restores_it(editor_client, editor, quote):
    dupont = make_speaker("Marie Dupont")
    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]), {"speaker": str(dupont.pk), "version": 1}
    )

    page = editor_client.get(reverse("quote-history", args=[quote.pk])).content.decode()
    assert "Speaker: Jean Martin → Marie Dupont" in page
    assert "by editor" in page
    assert "<del>Jean Martin</del> → <ins>Marie Dupont</ins>" in page

    change = quote.history.first()
    response = editor_client.post(
        reverse("quote-revert", args=[quote.pk]),
        {"history_id": change.history_id, "version": 2},
        headers=HTMX,
    )

    assert "Jean Martin" in response.content.decode()
    quote.refresh_from_db()
    assert quote.speaker.name == "Jean Martin"


def test_readers_see_history_without_revert_buttons(client, quote, editor):
    editing.quote_confirm(quote=quote, expected_version=1, user=editor)

    page = client.get(reverse("quote-history", args=[quote.pk])).content.decode()

    assert "Confirmed" in page
    assert "Revert this change" not in page


def test_history_pages_name_editors_only_to_editors(client, reader, editor, quote):
    editing.quote_confirm(quote=quote, expected_version=1, user=editor)
    speaker = quote.speaker
    editing.speaker_update(
        speaker=speaker,
        name="Jean Martin-Roux",
        kind=speaker.kind,
        description="",
        expected_version=speaker.version,
        user=editor,
    )
    urls = [
        reverse("quote-history", args=[quote.pk]),
        reverse("speaker-history", args=[speaker.slug]),
    ]

    for viewer in (None, reader):
        if viewer is not None:
            client.force_login(viewer)
        for url in urls:
            page = client.get(url).content.decode()
            assert "by an editor" in page
            assert "by editor" not in page
    client.force_login(editor)
    for url in urls:
        assert "by editor on" in client.get(url).content.decode()


def test_history_labels_are_words_not_field_names(editor_client, editor, quote):
    editing.quote_confirm(quote=quote, expected_version=1, user=editor)

    page = editor_client.get(reverse("quote-history", args=[quote.pk])).content.decode()

    assert "Review status: <del>Unreviewed</del> → <ins>Confirmed</ins>" in page
    assert "Review_status" not in page


def test_history_of_a_rejected_quote_is_hidden_from_readers(client, reader, editor, quote):
    editing.quote_reject(quote=quote, expected_version=1, user=editor)
    url = reverse("quote-history", args=[quote.pk])

    assert client.get(url).status_code == 404
    client.force_login(reader)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200
    assert "Le pont restera fermé" in page.content.decode()


def test_history_fragment_for_htmx_is_just_the_list(editor_client, quote, editor):
    editing.quote_confirm(quote=quote, expected_version=1, user=editor)

    response = editor_client.get(reverse("quote-history", args=[quote.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "Revert this change" in html
    assert f'hx-target="#quote-{quote.pk}-tools"' in html


def test_merge_redirects_the_old_page_and_moves_quotes(editor_client, client, quote):
    source = quote.speaker
    target = make_speaker("Jean-Pierre Martin")

    response = editor_client.post(
        reverse("speaker-merge", args=[source.slug]),
        {"target": str(target.pk), "version": 1, "confirmed": "on"},
    )

    assert response["Location"] == target.get_absolute_url()
    followed = client.get(source.get_absolute_url())
    assert followed.status_code in (301, 302)
    assert followed["Location"] == target.get_absolute_url()
    assert "Le pont restera fermé" in client.get(target.get_absolute_url()).content.decode()


def test_speaker_edit_page_renames_and_adds_alias(editor_client):
    speaker = make_speaker("M. Dupont")
    editor_client.post(
        reverse("speaker-update", args=[speaker.slug]),
        {"name": "Marie Dupont", "kind": "person", "description": "maire", "version": 1},
    )
    # A form still showing the former address reaches the renamed speaker.
    response = editor_client.post(
        reverse("speaker-alias-add", args=[speaker.slug]),
        {"name": "la maire", "version": 2},
        headers=HTMX,
    )

    html = response.content.decode()
    assert 'value="Marie Dupont"' in html
    assert "la maire" in html
    assert "HX-Refresh" not in response
    page = editor_client.get(reverse("speaker-edit", args=["marie-dupont"])).content.decode()
    assert "Alias added: la maire" in page


def test_alias_taken_by_another_speaker_shows_an_error(editor_client):
    make_speaker("Marie Dupont")
    other = make_speaker("Jean Martin")

    response = editor_client.post(
        reverse("speaker-alias-add", args=[other.slug]),
        {"name": "Marie Dupont", "version": 1},
        headers=HTMX,
    )

    assert "already names Marie Dupont" in response.content.decode()


def test_a_number_typed_as_the_speaker_is_a_name_not_an_id(editor_client, quote):
    existing = make_speaker("Marie Dupont")

    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {"speaker": str(existing.pk), "speaker_id": "", "create_speaker": "on", "version": "1"},
    )

    quote.refresh_from_db()
    assert quote.speaker != existing
    assert quote.speaker.name == str(existing.pk)


def test_a_picked_suggestion_sends_its_id_beside_the_name(editor_client, quote):
    first = make_speaker("Marie Dupont")
    # Not an alias: only the id tells the two apart.
    second = Speaker.objects.create(name="Marie Dupont", slug="marie-dupont-adjointe")

    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {"speaker": "Marie Dupont", "speaker_id": str(second.pk), "version": "1"},
    )

    quote.refresh_from_db()
    assert quote.speaker == second != first


def test_editing_forms_carry_the_picked_speaker_id_field(editor_client, quote):
    html = editor_client.get(quote.get_absolute_url()).content.decode()
    assert 'name="speaker_id"' in html
    assert 'data-id-field="speaker_id"' in html
    assert "js/editing.js" in html


@pytest.mark.parametrize("typed", ["dup", "DUPONT", "Marie", "la mai", "Hélène", "helene"])
def test_autocomplete_matches_names_and_aliases_ignoring_case_and_accents(client, db, typed):
    dupont = make_speaker("Marie Dupont", aliases=("la maire",))
    make_speaker("Hélène Garnier")
    make_speaker("Jean Martin")

    response = client.get(reverse("speaker-autocomplete"), {"q": typed}, headers=HTMX)

    html = response.content.decode()
    assert "<option" in html
    assert "Jean Martin" not in html
    if typed.lower().startswith(("h", "he")):
        assert "Hélène Garnier" in html
    else:
        assert f'value="Marie Dupont" data-id="{dupont.pk}"' in html


def test_autocomplete_leaves_out_merged_speakers(client, editor):
    target = make_speaker("Emmanuel Macron")
    source = make_speaker("Manu Macron")
    editing.speaker_merge(source=source, target=target, expected_version=1, user=editor)

    html = client.get(reverse("speaker-autocomplete"), {"q": "manu"}, headers=HTMX).content
    assert f'data-id="{target.pk}"'.encode() in html
    assert f'data-id="{source.pk}"'.encode() not in html


def test_review_queue_lists_unreviewed_least_confident_first_with_count(editor_client, article):
    sure = make_quote(article, start=0, end=10, confidence=0.9)
    unsure = make_quote(article, start=11, end=20, confidence=0.2)
    make_quote(article, start=21, end=30, confidence=0.1, review_status="confirmed")

    html = editor_client.get(reverse("review")).content.decode()

    assert html.index(f'data-review-item="{unsure.pk}"') < html.index(
        f'data-review-item="{sure.pk}"'
    )
    assert "<strong>2</strong> quotes left to review" in html
    assert "<kbd>j</kbd>" in html


def test_review_queue_filters_by_article_speaker_and_kind(editor_client, article):
    dupont = make_speaker("Marie Dupont")
    wanted = make_quote(article, dupont, start=0, end=10, kind="indirect")
    make_quote(article, dupont, start=11, end=20, kind="direct")
    make_quote(make_article(), dupont, start=0, end=5, kind="indirect")
    make_quote(article, start=21, end=30, kind="indirect")

    response = editor_client.get(
        reverse("review"),
        {"article": article.pk, "speaker": dupont.pk, "kind": "indirect"},
        headers=HTMX,
    )

    html = response.content.decode()
    assert html.count("data-review-item=") == 1
    assert f'data-review-item="{wanted.pk}"' in html
    assert "<html" not in html


def test_confirmed_quote_leaves_the_review_queue(editor_client, quote):
    editor_client.post(reverse("quote-confirm", args=[quote.pk]), {"version": 1}, headers=HTMX)

    html = editor_client.get(reverse("review")).content.decode()
    assert "data-review-item" not in html
    assert "<strong>0</strong> quotes left" in html


def test_editor_sees_tools_on_the_article_page_and_reader_does_not(editor_client, client, quote):
    url = quote.article.get_absolute_url()
    editor_page = editor_client.get(url).content.decode()
    assert f'id="quote-{quote.pk}-tools"' in editor_page
    assert "Add a missed quote" in editor_page

    client.logout()
    reader_page = client.get(url).content.decode()
    assert reverse("quote-attribution", args=[quote.pk]) not in reader_page
    assert "Add a missed quote" not in reader_page


def test_new_speaker_created_with_kind_and_description_through_the_form(editor_client, quote):
    editor_client.post(
        reverse("quote-attribution", args=[quote.pk]),
        {
            "speaker": "Préfecture du Nord",
            "new_speaker_kind": "organisation",
            "new_speaker_description": "services de l'État",
            "create_speaker": "on",
            "version": 1,
        },
    )

    speaker = Speaker.objects.get(name="Préfecture du Nord")
    assert (speaker.kind, speaker.description) == ("organisation", "services de l'État")


def test_autocomplete_forgives_typos_on_postgresql_only(client, db):
    macron = make_speaker("Emmanuel Macron")

    html = client.get(reverse("speaker-autocomplete"), {"q": "macrom"}, headers=HTMX).content
    # PostgreSQL has pg_trgm (migration 0003); SQLite matches prefixes only.
    found = f'data-id="{macron.pk}"'.encode() in html
    assert found == (connection.vendor == "postgresql")


def test_empty_speaker_is_refused_unless_marked_unknown(editor_client, quote):
    url = reverse("quote-attribution", args=[quote.pk])

    refused = editor_client.post(url, {"speaker": "", "version": 1}, headers=HTMX)
    assert "Speaker unknown" in refused.content.decode()
    quote.refresh_from_db()
    assert quote.speaker is not None

    editor_client.post(url, {"speaker": "", "unknown_speaker": "on", "version": 1})
    quote.refresh_from_db()
    assert quote.speaker is None
    assert quote.review_status == Quote.Review.CORRECTED


def test_quote_and_speaker_pages_carry_the_tools_for_editors_only(editor_client, client, quote):
    quote_page = editor_client.get(quote.get_absolute_url()).content.decode()
    assert reverse("quote-attribution", args=[quote.pk]) in quote_page
    speaker_page = editor_client.get(quote.speaker.get_absolute_url()).content.decode()
    assert reverse("speaker-merge", args=[quote.speaker.slug]) in speaker_page
    assert reverse("speaker-history", args=[quote.speaker.slug]) in speaker_page

    client.logout()
    speaker_page = client.get(quote.speaker.get_absolute_url()).content.decode()
    assert reverse("speaker-merge", args=[quote.speaker.slug]) not in speaker_page
    assert reverse("speaker-history", args=[quote.speaker.slug]) in speaker_page
    quote_page = client.get(quote.get_absolute_url()).content.decode()
    assert reverse("quote-attribution", args=[quote.pk]) not in quote_page


def test_merge_target_can_be_typed_by_name_without_javascript(editor_client, quote):
    source = quote.speaker
    target = make_speaker("Jean-Pierre Martin", aliases=("JP Martin",))

    shown = editor_client.post(
        reverse("speaker-merge", args=[source.slug]), {"target": "jp martin", "version": 1}
    )
    assert "Merge Jean Martin into Jean-Pierre Martin?" in shown.content.decode()
    response = editor_client.post(
        reverse("speaker-merge", args=[source.slug]),
        {"target": "jp martin", "version": 1, "confirmed": "on"},
    )

    assert response["Location"] == target.get_absolute_url()
    source.refresh_from_db()
    assert source.merged_into == target


def test_merge_into_an_unknown_name_is_refused(editor_client, quote):
    response = editor_client.post(
        reverse("speaker-merge", args=[quote.speaker.slug]),
        {"target": "Personne", "version": 1},
        headers=HTMX,
    )

    assert "Pick an existing speaker" in response.content.decode()
    quote.speaker.refresh_from_db()
    assert quote.speaker.merged_into is None


def test_alias_changes_from_a_stale_page_are_refused(editor_client):
    speaker = make_speaker("Marie Dupont", aliases=("la maire",))
    editor_client.post(
        reverse("speaker-update", args=[speaker.slug]),
        {"name": "Marie Dupont", "kind": "person", "description": "maire", "version": 1},
    )
    alias = speaker.aliases.get(normalized="la maire")

    added = editor_client.post(
        reverse("speaker-alias-add", args=[speaker.slug]),
        {"name": "l'élue", "version": 1},
        headers=HTMX,
    )
    removed = editor_client.post(
        reverse("speaker-alias-remove", args=[speaker.slug, alias.pk]),
        {"version": 1},
        headers=HTMX,
    )

    assert "This speaker was changed by someone else" in added.content.decode()
    assert "This speaker was changed by someone else" in removed.content.decode()
    names = set(speaker.aliases.values_list("normalized", flat=True))
    assert names == {"marie dupont", "la maire"}


def test_the_quote_page_shows_its_history_once_for_an_editor(editor_client, quote):
    page = editor_client.get(quote.get_absolute_url()).content.decode()

    assert page.count('class="change-history"') == 1
    assert "History and revert" not in page


def test_tools_swapped_into_the_quote_page_keep_one_history(editor_client, quote):
    from_page = {**HTMX, "HX-Current-URL": f"http://testserver{quote.get_absolute_url()}"}
    from_article = {**HTMX, "HX-Current-URL": f"http://testserver/articles/{quote.article_id}/"}
    url = reverse("quote-confirm", args=[quote.pk])

    on_page = editor_client.post(url, {"version": "1"}, headers=from_page).content.decode()
    on_article = editor_client.post(url, {"version": "2"}, headers=from_article).content.decode()

    assert "History and revert" not in on_page
    assert "History and revert" in on_article
