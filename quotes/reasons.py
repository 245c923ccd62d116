"""Why a row changed, as its history tells it: stored in English, shown in the reader's language.

A reason is stored as one of the templates below filled with its values (names, spans, dates),
so that the record reads the same whatever the editor's language. `shown` finds the template a
stored reason was made from and fills the translated template with the same values. A value
whose field ends in `_label` is a label (a kind, a gender), and one ending in `_labels` a list of
them (field names), stored in English and translated too; one ending in `_utc` is a date and
time in UTC, shown in the reader's time zone and format. A reason made by no template (older
rows, a reason cut at the column's length) is shown as stored.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

# simple-history stores the reason in a CharField(max_length=100).
REASON_MAX = 100
LABELS_SEPARATOR = ", "
UTC_FORMAT = "%Y-%m-%d %H:%M"

CREATED_BY_EDITOR = gettext_noop("Created by an editor")
ADDED_BY_EDITOR = gettext_noop("Added by an editor")
CONFIRMED = gettext_noop("Confirmed")
REJECTED = gettext_noop("Rejected: not a quote")
SPEAKER_CHANGED = gettext_noop("Speaker: {old} → {new}")
KIND_CHANGED = gettext_noop("Kind: {old_label} → {new_label}")
SPAN_CHANGED = gettext_noop("Span: {old} → {new}")
SPEAKER_EDITED = gettext_noop("Edited {fields_labels}")
ALIAS_ADDED = gettext_noop("Alias added: {name}")
ALIAS_REMOVED = gettext_noop("Alias removed: {name}")
MERGED = gettext_noop("Speaker merged: {source} → {target}")
ABSORBED = gettext_noop("Absorbed {source}")
MERGE_UNDONE = gettext_noop("Merge undone: {source} split from {target}")
MERGE_UNDONE_RESTORED = gettext_noop("Merge undone: {source} restored")
REVERTED = gettext_noop("Reverted {fields_labels} (change of {when_utc})")
TOPIC_ADDED = gettext_noop("Topic added: {topic}")
TOPIC_REMOVED = gettext_noop("Topic removed: {topic}")
GENDER_SET = gettext_noop("Gender set: {gender_label} (was {was_label})")
GENDER_INFERRED = gettext_noop("Gender left to the evidence: {gender_label} (was {was_label})")

TEMPLATES = (
    CREATED_BY_EDITOR,
    ADDED_BY_EDITOR,
    CONFIRMED,
    REJECTED,
    SPEAKER_CHANGED,
    KIND_CHANGED,
    SPAN_CHANGED,
    SPEAKER_EDITED,
    ALIAS_ADDED,
    ALIAS_REMOVED,
    MERGED,
    ABSORBED,
    MERGE_UNDONE,
    MERGE_UNDONE_RESTORED,
    REVERTED,
    TOPIC_ADDED,
    TOPIC_REMOVED,
    GENDER_SET,
    GENDER_INFERRED,
)

_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: object) -> str:
    """The reason to store: the English template filled, cut to the column's length."""
    with translation.override("en"):
        english = {name: _stored(name, value) for name, value in values.items()}
    return template.format(**english)[:REASON_MAX]


def _stored(name: str, value: object) -> str:
    if name.endswith("_labels"):
        return LABELS_SEPARATOR.join(str(label) for label in value) or "—"
    if name.endswith("_utc"):
        return value.astimezone(dt.UTC).strftime(UTC_FORMAT)
    return str(value)


def _shown(name: str, value: str) -> str:
    if name.endswith("_label"):
        return gettext(value)
    if name.endswith("_labels"):
        return LABELS_SEPARATOR.join(gettext(label) for label in value.split(LABELS_SEPARATOR))
    if name.endswith("_utc"):
        try:
            moment = dt.datetime.strptime(value, UTC_FORMAT).replace(tzinfo=dt.UTC)
        except ValueError:
            return value
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return value


def prefix(template: str) -> str:
    """The stored text every reason of this template starts with, for filtering history rows."""
    return template.split("{", 1)[0]


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each template as a pattern capturing its values, the longest literal text first."""

    def pattern(template: str) -> re.Pattern[str]:
        parts = _FIELD.split(template)
        literal, fields = parts[0::2], parts[1::2]
        body = re.escape(literal[0])
        for field, text in zip(fields, literal[1:], strict=True):
            body += f"(?P<{field}>.+?)" + re.escape(text)
        return re.compile(body + r"\Z", re.DOTALL)

    ordered = sorted(TEMPLATES, key=lambda t: len(_FIELD.sub("", t)), reverse=True)
    return tuple((pattern(template), template) for template in ordered)


def shown(stored: str) -> str:
    """A stored reason in the active language."""
    for pattern, template in _patterns():
        match = pattern.match(stored)
        if match:
            values = {name: _shown(name, value) for name, value in match.groupdict().items()}
            return gettext(template).format(**values)
    return stored
