"""Reads for the editing screens: the review queue, speaker autocomplete and change history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from quotes.models import Article, Quote, Speaker, SpeakerAlias, SpeakerMerge
from quotes.reasons import shown
from quotes.text import normalize_name

AUTOCOMPLETE_LIMIT = 10
# Below this trigram similarity a PostgreSQL match is noise rather than a typo.
TRIGRAM_THRESHOLD = 0.6


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker offered by the autocomplete, with the alias that matched."""

    speaker: Speaker
    matched: str


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value in a recorded change, ready to display."""

    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Change:
    """One entry of an object's history; `merge_id` names a merge into it that can be undone."""

    history_id: int
    date: datetime
    user: str
    reason: str
    changes: tuple[FieldChange, ...]
    revertible: bool
    merge_id: int | None = None


@dataclass(frozen=True)
class MergePreview:
    """What merging a speaker into another would move, shown before the editor confirms."""

    target: Speaker
    quote_count: int
    alias_names: list[str]


def _has_trigram() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def speaker_autocomplete(query: str, *, limit: int = AUTOCOMPLETE_LIMIT) -> list[SpeakerMatch]:
    """Speakers whose name or alias starts like the query (any word), fuzzy on PostgreSQL."""
    key = normalize_name(query)
    if not key:
        return []
    aliases = SpeakerAlias.objects.select_related("speaker").filter(
        speaker__merged_into__isnull=True
    )
    prefix = Q(normalized__startswith=key) | Q(normalized__contains=f" {key}")
    if _has_trigram():
        from django.contrib.postgres.search import TrigramWordSimilarity

        aliases = (
            aliases.annotate(similarity=TrigramWordSimilarity(key, "normalized"))
            .filter(prefix | Q(similarity__gte=TRIGRAM_THRESHOLD))
            .order_by("-similarity", "normalized")
        )
    else:
        aliases = aliases.filter(prefix).order_by("normalized")
    matches: dict[int, SpeakerMatch] = {}
    # Several aliases of one speaker may match; keep the best-ranked one.
    for alias in aliases[: limit * 5]:
        if alias.speaker_id not in matches:
            matches[alias.speaker_id] = SpeakerMatch(alias.speaker, alias.name)
        if len(matches) == limit:
            break
    return list(matches.values())


def review_queue(
    *, article_id: int | None = None, speaker_id: int | None = None, kind: str = ""
) -> QuerySet[Quote]:
    """Unreviewed machine quotes, least confident first."""
    quotes = Quote.objects.filter(review_status=Quote.Review.UNREVIEWED).select_related(
        "article", "speaker"
    )
    if article_id is not None:
        quotes = quotes.filter(article_id=article_id)
    if speaker_id is not None:
        quotes = quotes.filter(speaker_id=speaker_id)
    if kind:
        quotes = quotes.filter(kind=kind)
    return quotes.order_by("confidence", "id")


def speaker_for_editing(pk: int) -> Speaker:
    """The speaker with its aliases."""
    return Speaker.objects.select_related("merged_into").prefetch_related("aliases").get(pk=pk)


def speaker_by_slug(slug: str) -> Speaker | None:
    """The speaker with this slug or, when none has it now, the one that had it before a rename.

    Renaming changes a speaker's slug; its history keeps the old ones, so old links still lead
    to it (the speaker page answers them with a permanent redirect).
    """
    speaker = Speaker.objects.select_related("merged_into").filter(slug=slug).first()
    if speaker is not None:
        return speaker
    former = Speaker.history.filter(slug=slug).order_by("-history_date", "-history_id").first()
    if former is None:
        return None
    return Speaker.objects.select_related("merged_into").filter(pk=former.id).first()


_FOREIGN_KEYS = {"speaker": "speaker_id", "merged_into": "merged_into_id"}


ANONYMOUS_EDITOR = gettext_lazy("an editor")
PIPELINE = gettext_lazy("the extraction pipeline")


def _history(
    records: list, fields: tuple[str, ...], revertible: tuple[str, ...], *, name_editors: bool
) -> list[Change]:
    """Turn oldest-first history records into newest-first entries with their field changes.

    Editors' usernames are for other editors; readers see "an editor".
    """
    speaker_ids = {
        getattr(record, attname, None) for record in records for attname in _FOREIGN_KEYS.values()
    }
    names = dict(Speaker.objects.filter(pk__in=speaker_ids - {None}).values_list("pk", "name"))
    entries = []
    previous = None
    for record in records:
        changes = []
        for name in fields if previous is not None else ():
            attname = _FOREIGN_KEYS.get(name, name)
            old, new = getattr(previous, attname), getattr(record, attname)
            if old == new:
                continue
            field = type(record)._meta.get_field(name)
            if name in _FOREIGN_KEYS:
                old, new = names.get(old, "—"), names.get(new, "—")
            elif field.choices:
                labels = dict(field.flatchoices)
                old, new = labels.get(old, old), labels.get(new, new)
            changes.append(FieldChange(name, capfirst(field.verbose_name), old, new))
        user = record.history_user
        if user is None:
            author = PIPELINE
        else:
            author = user.get_username() if name_editors else ANONYMOUS_EDITOR
        entries.append(
            Change(
                history_id=record.history_id,
                date=record.history_date,
                user=author,
                reason=_reason(record),
                changes=tuple(changes),
                revertible=any(change.field in revertible for change in changes),
            )
        )
        previous = record
    return entries[::-1]


def _reason(record: Any) -> str:
    """Why the row changed, in the reader's language."""
    if record.history_change_reason:
        return shown(record.history_change_reason)
    return gettext("Created") if record.history_type == "+" else gettext("Changed")


QUOTE_HISTORY_FIELDS = ("speaker", "kind", "start", "end", "text", "review_status")
SPEAKER_HISTORY_FIELDS = ("name", "kind", "description", "merged_into")


def quote_history(quote: Quote, *, name_editors: bool = False) -> list[Change]:
    """Every recorded change of the quote, newest first."""
    records = quote.history.select_related("history_user").order_by("history_date", "history_id")
    return _history(
        list(records), QUOTE_HISTORY_FIELDS, QUOTE_HISTORY_FIELDS, name_editors=name_editors
    )


def speaker_history(speaker: Speaker, *, name_editors: bool = False) -> list[Change]:
    """Every recorded change of the speaker, newest first; merges into it not undone yet say so."""
    records = speaker.history.select_related("history_user").order_by("history_date", "history_id")
    entries = _history(
        list(records),
        SPEAKER_HISTORY_FIELDS,
        SPEAKER_HISTORY_FIELDS[:3],
        name_editors=name_editors,
    )
    merges = dict(
        SpeakerMerge.objects.filter(target=speaker, undone_at__isnull=True).values_list(
            "target_history_id", "pk"
        )
    )
    return [replace(entry, merge_id=merges.get(entry.history_id)) for entry in entries]


def merge_preview(source: Speaker, target: Speaker) -> MergePreview:
    """What would move if source were merged into target."""
    return MergePreview(
        target=target,
        quote_count=source.quotes.count(),
        alias_names=list(source.aliases.values_list("name", flat=True)),
    )


def _gold_item(quote: Quote, aliases: dict[int, list[str]]) -> dict[str, Any]:
    speakers: list[str] = []
    if quote.speaker is not None:
        speakers = [quote.speaker.name, *aliases.get(quote.speaker_id, [])]
    return {
        "quote_text": quote.text,
        "quote_start": quote.start,
        "quote_end": quote.end,
        "kind": quote.kind,
        "speakers": list(dict.fromkeys(speakers)),
        "cue": quote.cue,
        "required": quote.review_status != Quote.Review.UNREVIEWED,
        "review_status": quote.review_status,
        "origin": quote.origin,
    }


def gold_documents(*, language: str = "") -> Iterator[dict[str, Any]]:
    """Articles with reviewed quotes, as gold documents (see the export_gold command)."""
    reviewed = Quote.objects.exclude(review_status=Quote.Review.UNREVIEWED)
    articles = Article.objects.filter(pk__in=reviewed.values("article_id")).order_by("pk")
    if language:
        articles = articles.filter(language=language)
    for article in articles.iterator(chunk_size=100):
        quotes = list(article.quotes.select_related("speaker").order_by("start", "end", "pk"))
        aliases: dict[int, list[str]] = {}
        for speaker_id, name in SpeakerAlias.objects.filter(
            speaker_id__in={q.speaker_id for q in quotes if q.speaker_id}
        ).values_list("speaker_id", "name"):
            aliases.setdefault(speaker_id, []).append(name)
        yield {
            "id": f"quotes/article/{article.pk}",
            "lang": article.language,
            "title": article.title,
            "url": article.url or "",
            "text": article.body,
            "quotes": [
                _gold_item(q, aliases) for q in quotes if q.review_status != Quote.Review.REJECTED
            ],
            "negatives": [
                _gold_item(q, aliases) for q in quotes if q.review_status == Quote.Review.REJECTED
            ],
        }
