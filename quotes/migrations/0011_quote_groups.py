"""Quote groups: the same quote reported in several articles, and a trigram index to find them.

PostgreSQL gets a GIN trigram index on the folded quote text (pg_trgm and quotes_unaccent come
from migration 0003), which quotes.services.grouping asks for a new quote's near-duplicates.
SQLite has no trigram index: there the service compares a speaker's quotes in Python.
"""

import django.db.models.deletion
from django.db import migrations, models

TRIGRAM_INDEX_UP = (
    "CREATE INDEX quote_text_trgm_idx ON quotes_quote"
    " USING gin (quotes_unaccent(lower(text)) gin_trgm_ops)"
)
TRIGRAM_INDEX_DOWN = "DROP INDEX IF EXISTS quote_text_trgm_idx"


def _on_postgresql(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("quotes", "0010_api_token")]

    operations = [
        migrations.CreateModel(
            name="QuoteGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
        ),
        migrations.AddField(
            model_name="quote",
            name="group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="quotes",
                to="quotes.quotegroup",
            ),
        ),
        migrations.RunPython(
            _on_postgresql(TRIGRAM_INDEX_UP), _on_postgresql(TRIGRAM_INDEX_DOWN), elidable=False
        ),
    ]
