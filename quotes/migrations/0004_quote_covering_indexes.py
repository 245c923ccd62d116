"""Covering indexes so that per-speaker and per-topic counts read no table rows (PostgreSQL).

A speaker's timeline and counts, and a topic's speakers and timeline, only need a quote's id,
speaker, date and review status: with these in an index, PostgreSQL answers with index-only
scans instead of fetching tens of thousands of scattered rows. SQLite serves small databases
and gets nothing here.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE INDEX IF NOT EXISTS quote_speaker_stats_idx ON quotes_quote"
    " (speaker_id, published_at) INCLUDE (review_status, id, article_id)",
    "CREATE INDEX IF NOT EXISTS quote_id_cover_idx ON quotes_quote"
    " (id) INCLUDE (speaker_id, published_at, review_status)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS quote_id_cover_idx",
    "DROP INDEX IF EXISTS quote_speaker_stats_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("quotes", "0003_search_index")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
