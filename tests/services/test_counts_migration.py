"""Migration 0005 fills the stored counts of a database that already has quotes."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from quotes.models import Speaker, Topic
from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db

EARLY = dt.datetime(2023, 5, 2, 8, tzinfo=dt.UTC)
LATE = dt.datetime(2024, 1, 9, 8, tzinfo=dt.UTC)
stored_counts = importlib.import_module("quotes.migrations.0005_stored_counts")


def test_migration_counts_the_public_quotes_already_stored():
    durand = make_speaker("Marie Durand")
    silent = make_speaker("Paul Lenoir")
    budget = make_topic("Budget")
    for published, status in [(EARLY, "unreviewed"), (LATE, "rejected"), (EARLY, "confirmed")]:
        article = make_article(published_at=published)
        quote = make_quote(article, durand, review_status=status)
        quote.topics.add(budget)
    # As the columns were when the migration added them, before any service kept them.
    Speaker.objects.update(quote_count=0, latest_quote_at=None)
    Topic.objects.update(quote_count=0)

    stored_counts.fill_counts(apps, schema_editor=None)

    durand_counts = Speaker.objects.values_list("quote_count", "latest_quote_at").get(pk=durand.pk)
    assert durand_counts == (2, EARLY)
    assert Speaker.objects.values_list("quote_count", "latest_quote_at").get(pk=silent.pk) == (
        0,
        None,
    )
    assert Topic.objects.get(pk=budget.pk).quote_count == 2
