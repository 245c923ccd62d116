"""History reasons: stored as English text, shown from the same template in any language."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from quotes.models import Speaker
from quotes.reasons import (
    GENDER_SET,
    MERGE_UNDONE,
    MERGE_UNDONE_RESTORED,
    REASON_MAX,
    REVERTED,
    SPAN_CHANGED,
    SPEAKER_EDITED,
    fill,
    shown,
)


def test_a_stored_reason_is_shown_with_its_values_in_the_active_language():
    stored = fill(MERGE_UNDONE, source="Macron", target="Emmanuel Macron")
    assert stored == "Merge undone: Macron split from Emmanuel Macron"
    with translation.override("fr"):
        assert shown(stored) == "Fusion annulée : Macron séparé de Emmanuel Macron"
        assert (
            shown(fill(MERGE_UNDONE_RESTORED, source="Macron")) == "Fusion annulée : Macron rétabli"
        )
        assert shown(fill(SPAN_CHANGED, old="3–9", new="3–12")) == "Passage : 3–9 → 3–12"
    with translation.override("en"):
        assert shown(stored) == stored


def test_a_reason_no_template_made_is_shown_as_stored():
    with translation.override("fr"):
        assert shown("Imported from the 2019 archive") == "Imported from the 2019 archive"
        cut = fill(REVERTED, fields_labels=["review status"] * 8, when_utc=dt.datetime.now(dt.UTC))
        assert len(cut) == REASON_MAX
        assert shown(cut) == cut


def test_a_choice_label_is_stored_in_english_and_shown_in_the_readers_language():
    with translation.override("fr"):
        stored = fill(GENDER_SET, gender_label=Speaker.Gender.MAN.label, was_label="—")
        assert stored == "Gender set: Man (was —)"
        assert shown(stored) == "Genre indiqué : Homme (auparavant —)"


def test_field_names_and_the_date_of_a_revert_are_shown_the_readers_way():
    moment = dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.UTC)
    with translation.override("fr"):
        stored = fill(
            REVERTED,
            fields_labels=[Speaker._meta.get_field("name").verbose_name],
            when_utc=moment,
        )
        assert stored == "Reverted name (change of 2026-01-01 10:00)"
        assert shown(stored) == "Rétabli : nom (modification du 1 janvier 2026 à 10:00)"
        edited = fill(SPEAKER_EDITED, fields_labels=[Speaker._meta.get_field("kind").verbose_name])
        assert shown(edited) == "Modifié : type"
