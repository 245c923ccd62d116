"""Merging speakers asks for confirmation first, and a merge can be undone from history."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from quotes.models import Speaker, SpeakerMerge
from quotes.services import editing
from tests.factories import make_quote, make_speaker, make_user

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pair(db):
    target = make_speaker("Emmanuel Macron", slug="emmanuel-macron")
    source = make_speaker("Macron", slug="macron", aliases=("le président",))
    quotes = [make_quote(speaker=source), make_quote(speaker=source)]
    return source, target, quotes


def merge(source: Speaker, target: Speaker, user) -> SpeakerMerge:
    return editing.speaker_merge(source=source, target=target, expected_version=1, user=user)


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["no-js", "htmx"])
def test_a_merge_is_only_shown_until_it_is_confirmed(editor_client, pair, headers):
    source, target, _ = pair

    response = editor_client.post(
        reverse("speaker-merge", args=[source.slug]),
        {"target_id": str(target.pk), "target": target.name, "version": 1},
        headers=headers,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Merge Macron into Emmanuel Macron?" in html
    assert "2 quotes and the names" in html and "“le président”" in html
    assert 'name="confirmed" value="on"' in html
    assert f'name="target_id" value="{target.pk}"' in html
    assert Speaker.objects.get(pk=source.pk).merged_into is None
    assert not SpeakerMerge.objects.exists()


def test_a_confirmed_merge_moves_everything_and_records_it(editor_client, pair, editor):
    source, target, quotes = pair

    response = editor_client.post(
        reverse("speaker-merge", args=[source.slug]),
        {"target_id": str(target.pk), "target": target.name, "version": 1, "confirmed": "on"},
    )

    assert response.status_code == 302
    record = SpeakerMerge.objects.get()
    assert (record.source, record.target, record.merged_by) == (source, target, editor)
    assert sorted(record.quote_ids) == sorted(q.pk for q in quotes)
    assert len(record.alias_ids) == 2


def test_undo_brings_back_the_speaker_its_aliases_and_its_quotes(pair, editor):
    source, target, quotes = pair
    kept = make_quote(speaker=target)
    record = merge(source, target, editor)

    restored = editing.speaker_merge_undo(
        merge=record, expected_version=Speaker.objects.get(pk=target.pk).version, user=editor
    )

    assert restored == source
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.merged_into is None
    assert set(source.quotes.all()) == set(quotes)
    assert list(target.quotes.all()) == [kept]
    assert set(source.aliases.values_list("name", flat=True)) == {"Macron", "le président"}
    assert set(target.aliases.values_list("name", flat=True)) == {"Emmanuel Macron"}
    assert (source.quote_count, target.quote_count) == (2, 1)
    record.refresh_from_db()
    assert record.undone_at is not None and record.undone_by == editor
    assert source.history.first().history_change_reason == (
        "Merge undone: Macron split from Emmanuel Macron"
    )


def test_undo_leaves_a_quote_reassigned_since_the_merge_where_it_is(pair, editor):
    source, target, (moved, reassigned) = pair
    other = make_speaker("Brigitte Macron")
    record = merge(source, target, editor)
    reassigned.refresh_from_db()
    editing.quote_reassign(
        quote=reassigned, speaker=other, expected_version=reassigned.version, user=editor
    )

    editing.speaker_merge_undo(merge=record, expected_version=1, user=editor)

    assert list(source.quotes.all()) == [moved]
    assert list(other.quotes.all()) == [reassigned]


def test_a_merge_is_undone_once(pair, editor):
    source, target, _ = pair
    record = merge(source, target, editor)
    editing.speaker_merge_undo(merge=record, expected_version=1, user=editor)

    with pytest.raises(editing.EditingError, match="already undone"):
        editing.speaker_merge_undo(merge=record, expected_version=2, user=editor)


def test_the_targets_history_offers_the_undo_and_it_leads_back_to_the_restored_page(
    editor_client, pair, editor
):
    source, target, _ = pair
    record = merge(source, target, editor)

    history = editor_client.get(reverse("speaker-edit", args=[target.slug])).content.decode()
    undo_url = reverse("speaker-merge-undo", args=[target.slug, record.pk])
    assert "Absorbed Macron" in history and f'action="{undo_url}"' in history
    assert (
        "Undo this merge"
        not in Client().get(reverse("speaker-history", args=[target.slug])).content.decode()
    )

    response = editor_client.post(undo_url, {"version": 1}, follow=True)

    assert response.redirect_chain[-1][0] == source.get_absolute_url()
    assert "Saved: the merge was undone, Macron is back." in response.content.decode()
    assert Client().get(source.get_absolute_url()).status_code == 200
    after = editor_client.get(reverse("speaker-edit", args=[target.slug])).content.decode()
    assert "Undo this merge" not in after


def test_only_editors_undo_merges(client, pair, editor):
    source, target, _ = pair
    record = merge(source, target, editor)
    reader = make_user("reader")
    client.force_login(reader)

    response = client.post(
        reverse("speaker-merge-undo", args=[target.slug, record.pk]), {"version": 1}
    )

    assert response.status_code == 403
    assert Speaker.objects.get(pk=source.pk).merged_into == target
