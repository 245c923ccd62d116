"""Migration 0005 fills the stored counts of a database that already has quotes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from quotes.models import Speaker, Topic

BEFORE = [("quotes", "0004_quote_covering_indexes")]
EARLY = dt.datetime(2023, 5, 2, 8, tzinfo=dt.UTC)
LATE = dt.datetime(2024, 1, 9, 8, tzinfo=dt.UTC)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


# Naming the apps makes the flush after this test TRUNCATE ... CASCADE, which PostgreSQL needs
# for the search index table that references quotes; the serialised rollback gives the tests
# that follow their Editors group back.
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True, available_apps=list(settings.INSTALLED_APPS)
)
def test_migration_counts_the_public_quotes_already_stored():
    apps = migrate(BEFORE).loader.project_state(BEFORE).apps
    Article = apps.get_model("quotes", "Article")
    OldSpeaker = apps.get_model("quotes", "Speaker")
    Quote = apps.get_model("quotes", "Quote")
    OldTopic = apps.get_model("quotes", "Topic")
    durand = OldSpeaker.objects.create(name="Marie Durand", slug="marie-durand")
    silent = OldSpeaker.objects.create(name="Paul Lenoir", slug="paul-lenoir")
    budget = OldTopic.objects.create(label="Budget", slug="budget", normalized="budget")
    for n, (published, status) in enumerate(
        [(EARLY, "unreviewed"), (LATE, "rejected"), (EARLY, "confirmed")]
    ):
        body = f"« Citation {n} », a dit Marie Durand."
        article = Article.objects.create(
            title=f"A{n}", body=body, language="fr", content_hash=f"h{n}", published_at=published
        )
        quote = Quote.objects.create(
            article=article,
            speaker=durand,
            text=body[2:12],
            start=2,
            end=12,
            kind="direct",
            review_status=status,
            published_at=published,
        )
        quote.topics.add(budget)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert Speaker.objects.values_list("name", "quote_count", "latest_quote_at").get(
        pk=durand.pk
    ) == ("Marie Durand", 2, EARLY)
    assert Speaker.objects.values_list("quote_count", "latest_quote_at").get(pk=silent.pk) == (
        0,
        None,
    )
    assert Topic.objects.get(pk=budget.pk).quote_count == 2
