"""Stored quote counts on articles, with the indexes the article list sorts and filters on.

The article list sorts by number of quotes and filters on "has unreviewed quotes";
quotes.services.counts keeps both columns exact from now on.
"""

from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def fill_counts(apps, schema_editor):
    Article = apps.get_model("quotes", "Article")
    Quote = apps.get_model("quotes", "Quote")

    def counted(condition):
        # A filtered count over the article index: as a WHERE, "unreviewed" could make the
        # planner read the whole review-status index for every article.
        quotes = Quote.objects.filter(article=OuterRef("pk")).order_by().values("article")
        counts = quotes.annotate(n=Count("pk", filter=condition)).values("n")
        return Coalesce(Subquery(counts, output_field=IntegerField()), 0)

    Article.objects.update(
        quote_count=counted(~Q(review_status="rejected")),
        unreviewed_count=counted(Q(review_status="unreviewed")),
    )


def create_date_indexes(apps, schema_editor):
    # Newest first with undated articles last, as the list orders them. SQLite puts NULLs last
    # in DESC by itself (article_published_idx already has that order) and refuses NULLS LAST
    # in an index; PostgreSQL puts them first unless told.
    postgres = schema_editor.connection.vendor == "postgresql"
    order = f"published_at DESC{' NULLS LAST' if postgres else ''}, id DESC"
    if postgres:
        schema_editor.execute(f"CREATE INDEX article_newest_idx ON quotes_article ({order})")
    schema_editor.execute(
        f"CREATE INDEX article_unreviewed_idx ON quotes_article ({order})"
        " WHERE unreviewed_count > 0"
    )


def drop_date_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS article_unreviewed_idx")
    schema_editor.execute("DROP INDEX IF EXISTS article_newest_idx")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0007_ingest_batch")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="quote_count",
            field=models.PositiveIntegerField(default=0, help_text="Public (not rejected) quotes."),
        ),
        migrations.AddField(
            model_name="article",
            name="unreviewed_count",
            field=models.PositiveIntegerField(
                default=0, help_text="Quotes no editor has reviewed yet."
            ),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-quote_count", "-id"], name="article_count_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["outlet"], name="article_outlet_idx"),
        ),
        migrations.RunPython(create_date_indexes, drop_date_indexes),
    ]
