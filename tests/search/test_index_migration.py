"""Migration 0013 keeps every indexed quote searchable, by its words and names, both ways."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from quotes.search import search_quotes
from quotes.services.search_index import search_index_update_article
from tests.factories import make_article, make_quote, make_speaker

MIGRATION = importlib.import_module("quotes.migrations.0013_search_names_apart_from_titles")


# A schema editor needs no transaction around it (SQLite); naming the apps makes the flush
# after the test TRUNCATE ... CASCADE, which the search index's foreign key needs (PostgreSQL).
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_the_index_survives_splitting_names_from_titles_and_back():
    article = make_article(body="« Les tarifs montent », a dit Jeanne Vidal.", title="Péages")
    quote = make_quote(article, make_speaker("Jeanne Vidal"), start=2, end=19)
    search_index_update_article(article=article)

    with connection.schema_editor() as schema_editor:
        MIGRATION.join_stems(apps, schema_editor)
        MIGRATION.split_stems(apps, schema_editor)

    assert [hit.quote for hit in search_quotes("tarif").hits] == [quote]
    assert [hit.quote for hit in search_quotes("Vidal").hits] == [quote]
    assert list(search_quotes("péage").hits) == []
    assert [hit.quote for hit in search_quotes("péage", titles=True).hits] == [quote]
    quote.delete()
    assert list(search_quotes("tarif").hits) == []
