"""Rebuilding the search index after data changed outside the services."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from quotes.search import SearchFilters, search_quotes

pytestmark = pytest.mark.django_db


def test_rebuild_search_restores_an_index_emptied_outside_the_services(corpus):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM quotes_search")
    assert list(search_quotes("defense", SearchFilters()).hits) == []

    call_command("rebuild_search", stdout=io.StringIO())

    texts = [hit.quote.text for hit in search_quotes("defense", SearchFilters()).hits]
    assert any("dans sa défense contre" in text for text in texts)
