"""Corrections reach search at once: the index is refreshed by every editing service."""

from __future__ import annotations

import pytest

from quotes.search import SearchFilters, search_quotes
from quotes.services import editing
from quotes.services.changes import quotes_changed
from tests.factories import make_article, make_quote, make_speaker

BODY = "« Le viaduc restera fermé tout l'été », a déclaré Jean Martin lundi."


@pytest.fixture
def quote(db):
    article = make_article(body=BODY)
    quote = make_quote(article, make_speaker("Jean Martin"), start=2, end=BODY.index(" »"))
    quotes_changed(quote_ids=[quote.pk])
    return quote


def _found(query: str, **filters) -> list[int]:
    return [hit.quote.pk for hit in search_quotes(query, SearchFilters(**filters)).hits]


def test_reassigned_quote_is_found_under_its_new_speaker(quote, editor):
    martin = quote.speaker
    dupont = make_speaker("Marie Dupont")
    assert _found("viaduc", speaker=dupont.slug) == []

    editing.quote_reassign(quote=quote, speaker=dupont, expected_version=1, user=editor)

    assert _found("viaduc", speaker=dupont.slug) == [quote.pk]
    assert _found("viaduc", speaker=martin.slug) == []


def test_rejected_quote_leaves_search_and_revert_brings_it_back(quote, editor):
    assert _found("viaduc") == [quote.pk]

    editing.quote_reject(quote=quote, expected_version=1, user=editor)
    assert _found("viaduc") == []

    editing.change_revert(
        instance=quote,
        history_id=quote.history.first().history_id,
        expected_version=2,
        user=editor,
    )
    assert _found("viaduc") == [quote.pk]


def test_renamed_speaker_is_searchable_by_the_new_name(quote, editor):
    speaker = quote.speaker
    editing.speaker_update(
        speaker=speaker,
        name="Jean-Baptiste Martinez",
        kind="person",
        description="",
        expected_version=1,
        user=editor,
    )

    assert _found("Martinez") == [quote.pk]
