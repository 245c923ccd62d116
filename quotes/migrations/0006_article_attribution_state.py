"""An article's attempts and the time of its last status change, to find abandoned work."""

from __future__ import annotations

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def status_changed_at_from_updated_at(apps, schema_editor):
    """Existing articles last changed when they were last saved, not when this migration ran."""
    Article = apps.get_model("quotes", "Article")
    Article.objects.update(status_changed_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0005_stored_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="attempts",
            field=models.PositiveIntegerField(default=0, help_text="Attribution runs started."),
        ),
        migrations.AddField(
            model_name="article",
            name="status_changed_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now,
                help_text="When the status last changed or an attribution attempt began.",
            ),
        ),
        migrations.RunPython(status_changed_at_from_updated_at, migrations.RunPython.noop),
    ]
