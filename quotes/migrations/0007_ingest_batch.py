"""Ingest batches: the articles one ingest or re-attribution covers, to follow its progress."""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0006_article_attribution_state"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IngestBatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "source",
                    models.CharField(help_text="What started the batch, in words.", max_length=500),
                ),
                (
                    "articles",
                    models.ManyToManyField(blank=True, related_name="batches", to="quotes.article"),
                ),
                (
                    "started_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a batch started from the command line.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="ingest_batches",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "ingest batches",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]
