"""Stored quote counts on speakers and topics, with the indexes the lists sort on, filled in.

The speaker list (by count or latest quote), the home page and the topic list used to count
the quotes on every request; quotes.services.counts keeps these columns exact from now on.
"""

from django.db import migrations, models
from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_counts(apps, schema_editor):
    Quote = apps.get_model("quotes", "Quote")
    Speaker = apps.get_model("quotes", "Speaker")
    Topic = apps.get_model("quotes", "Topic")
    quotes = (
        Quote.objects.filter(speaker=OuterRef("pk"))
        .exclude(review_status="rejected")
        .order_by()
        .values("speaker")
    )
    Speaker.objects.update(
        quote_count=Coalesce(
            Subquery(quotes.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        ),
        latest_quote_at=Subquery(quotes.annotate(latest=Max("published_at")).values("latest")),
    )
    links = (
        Quote.topics.through.objects.filter(topic=OuterRef("pk"))
        .exclude(quote__review_status="rejected")
        .order_by()
        .values("topic")
    )
    Topic.objects.update(
        quote_count=Coalesce(
            Subquery(links.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
        )
    )


def create_latest_index(apps, schema_editor):
    # The order of the list sorted by latest quote; SQLite puts NULLs last in DESC by itself
    # and refuses NULLS LAST in an index.
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX speaker_latest_idx ON quotes_speaker (latest_quote_at DESC{nulls}, id)"
    )


def drop_latest_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS speaker_latest_idx")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0004_quote_covering_indexes")]

    operations = [
        migrations.AddField(
            model_name="speaker",
            name="latest_quote_at",
            field=models.DateTimeField(
                blank=True, help_text="Date of the newest public quote.", null=True
            ),
        ),
        migrations.AddField(
            model_name="speaker",
            name="quote_count",
            field=models.PositiveIntegerField(default=0, help_text="Public (not rejected) quotes."),
        ),
        migrations.AddField(
            model_name="topic",
            name="quote_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="speaker",
            index=models.Index(fields=["-quote_count", "name", "id"], name="speaker_count_idx"),
        ),
        migrations.RunPython(create_latest_index, drop_latest_index),
        migrations.AddIndex(
            model_name="speaker",
            index=models.Index(fields=["name", "id"], name="speaker_name_idx"),
        ),
        migrations.AddIndex(
            model_name="topic",
            index=models.Index(fields=["-quote_count", "label", "id"], name="topic_count_idx"),
        ),
    ]
