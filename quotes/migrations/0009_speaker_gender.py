"""A speaker's gender (woman, man, unknown, not a person), where it came from and its clues."""

from __future__ import annotations

from django.db import migrations, models


def organisations_are_not_people(apps, schema_editor):
    """Existing organisations need no clue; people wait for `manage.py infer_gender`."""
    Speaker = apps.get_model("quotes", "Speaker")
    Speaker.objects.filter(kind="organisation").update(gender="not_person")


class Migration(migrations.Migration):

    dependencies = [
        ('quotes', '0008_article_counts'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalspeaker',
            name='gender',
            field=models.CharField(choices=[('woman', 'Woman'), ('man', 'Man'), ('unknown', 'Unknown'), ('not_person', 'Not a person')], default='unknown', max_length=16),
        ),
        migrations.AddField(
            model_name='historicalspeaker',
            name='gender_source',
            field=models.CharField(choices=[('inferred', 'Inferred from the articles'), ('editor', 'Set by an editor')], default='inferred', max_length=16),
        ),
        migrations.AddField(
            model_name='speaker',
            name='gender',
            field=models.CharField(choices=[('woman', 'Woman'), ('man', 'Man'), ('unknown', 'Unknown'), ('not_person', 'Not a person')], default='unknown', max_length=16),
        ),
        migrations.AddField(
            model_name='speaker',
            name='gender_evidence',
            field=models.JSONField(blank=True, default=list, help_text='The clues read in the articles, for people to check.'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='gender_source',
            field=models.CharField(choices=[('inferred', 'Inferred from the articles'), ('editor', 'Set by an editor')], default='inferred', max_length=16),
        ),
        migrations.AddConstraint(
            model_name='speaker',
            constraint=models.CheckConstraint(condition=models.Q(('gender__in', ['woman', 'man', 'unknown', 'not_person'])), name='speaker_gender_valid'),
        ),
        migrations.RunPython(organisations_are_not_people, migrations.RunPython.noop),
    ]
