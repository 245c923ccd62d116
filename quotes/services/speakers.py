"""Speaker helpers shared by the writers of speakers: ingestion and editors' corrections."""

from __future__ import annotations

from django.utils.text import slugify

from quotes.models import Speaker


def speaker_unique_slug(name: str) -> str:
    """A slug for a new speaker of this name, numbered when the plain one is taken."""
    base = slugify(name)[:300].strip("-") or "speaker"
    taken = set(Speaker.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def speaker_follow_merges(speaker: Speaker) -> Speaker:
    """The speaker that now owns this one's quotes and names (cycles end where they loop)."""
    seen = {speaker.pk}
    while speaker.merged_into_id is not None and speaker.merged_into_id not in seen:
        seen.add(speaker.merged_into_id)
        speaker = speaker.merged_into
    return speaker
