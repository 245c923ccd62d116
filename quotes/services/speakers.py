"""Speaker helpers shared by the writers of speakers: ingestion and editors' corrections."""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.text import slugify

from quotes.models import Speaker


def speaker_unique_slug(name: str) -> str:
    """A slug for a new speaker of this name, numbered when the plain one is taken."""
    return speaker_unique_slugs([name])[0]


def speaker_unique_slugs(names: Sequence[str]) -> list[str]:
    """Distinct slugs for new speakers of these names, in one query, numbered when taken."""
    bases = [slugify(name)[:300].strip("-") or "speaker" for name in names]
    if not bases:
        return []
    starts = reduce(or_, (Q(slug__startswith=base) for base in set(bases)))
    taken = set(Speaker.objects.filter(starts).values_list("slug", flat=True))
    slugs = []
    for base in bases:
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        slugs.append(candidate)
    return slugs


def speaker_follow_merges(speaker: Speaker) -> Speaker:
    """The speaker that now owns this one's quotes and names (cycles end where they loop)."""
    seen = {speaker.pk}
    while speaker.merged_into_id is not None and speaker.merged_into_id not in seen:
        seen.add(speaker.merged_into_id)
        speaker = speaker.merged_into
    return speaker
