"""Editors' corrections: the only writers of quote and speaker fixes, all versioned and audited."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, SpeakerAlias, SpeakerMerge
from quotes.reasons import (
    ABSORBED,
    ADDED_BY_EDITOR,
    ALIAS_ADDED,
    ALIAS_REMOVED,
    CONFIRMED,
    CREATED_BY_EDITOR,
    KIND_CHANGED,
    MERGE_UNDONE,
    MERGE_UNDONE_RESTORED,
    MERGED,
    REJECTED,
    REVERTED,
    SPAN_CHANGED,
    SPEAKER_CHANGED,
    SPEAKER_EDITED,
    fill,
)
from quotes.services.changes import quotes_changed
from quotes.services.speakers import speaker_follow_merges, speaker_unique_slug
from quotes.text import normalize_name

User = AbstractBaseUser | AnonymousUser | None


class EditingError(ValueError):
    """A correction that cannot be applied as asked (bad span, unknown speaker, self-merge...)."""


@dataclass
class StaleVersion(Exception):
    """Someone saved the object since the editor loaded it; nothing was written."""

    current: models.Model
    expected: int
    current_values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return (
            f"{type(self.current).__name__} {self.current.pk} was changed by someone else "
            f"(version {self.current.version}, you had {self.expected})"
        )


def _quote_values(quote: Quote) -> dict[str, Any]:
    return {
        "speaker": quote.speaker.name if quote.speaker else "",
        "kind": quote.get_kind_display(),
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "review_status": quote.get_review_status_display(),
    }


def _speaker_values(speaker: Speaker) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "kind": speaker.get_kind_display(),
        "description": speaker.description,
    }


def _claim_version(instance: Quote | Speaker, expected_version: int) -> None:
    """Bump the version with UPDATE ... WHERE version = expected, or raise StaleVersion.

    The conditional UPDATE also locks the row until the transaction ends, so the full save that
    follows (which writes the history record) cannot interleave with another editor's save.
    """
    model = type(instance)
    if model is Quote:
        # The change recounts the article's quotes: lock the article before the quote, in the
        # order attribution takes them, so an edit and a re-attribution cannot deadlock.
        list(
            Article.objects.select_for_update(no_key=True)
            .filter(pk=instance.article_id)
            .values_list("pk")
        )
    claimed = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = model.objects.select_related(*(["speaker"] if model is Quote else [])).get(
            pk=instance.pk
        )
        values = _quote_values(current) if model is Quote else _speaker_values(current)
        raise StaleVersion(current=current, expected=expected_version, current_values=values)
    # Work from the row as it is now, so the save below cannot write back older values.
    instance.refresh_from_db()


def version_check(instance: Quote | Speaker, expected_version: int) -> None:
    """Lock the row and raise StaleVersion unless it is still at the version the editor saw.

    For changes that leave the row's own fields alone (a quote's topics): the version is not
    bumped, so the quote's other open forms stay valid.
    """
    model = type(instance)
    current = (
        model.objects.select_for_update(of=("self",))
        .select_related(*(["speaker"] if model is Quote else []))
        .get(pk=instance.pk)
    )
    if current.version != expected_version:
        values = _quote_values(current) if model is Quote else _speaker_values(current)
        raise StaleVersion(current=current, expected=expected_version, current_values=values)


def _save_with_history(instance: models.Model, *, user: User, reason: str) -> None:
    """Save the whole row and record who did it and why."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    instance._change_reason = reason
    instance.save()


def _snapshot(quote: Quote) -> dict:
    """What a change must recount besides the quote's own: the speaker it had."""
    return {"speaker_before": quote.speaker_id}


def _finish_quote_change(quote: Quote, *, user: User, reason: str, before: dict) -> None:
    """Save the changed quote with its history, then keep the counts and the index exact."""
    _save_with_history(quote, user=user, reason=reason)
    quotes_changed(quote_ids=[quote.pk], speaker_ids=[before["speaker_before"]])


def _touch_speaker(speaker: Speaker, *, user: User, reason: str) -> int:
    """Record a change around a speaker (merges) without writing back stale fields.

    Returns the id of the history record written.
    """
    fresh = Speaker.objects.select_for_update().get(pk=speaker.pk)
    _save_with_history(fresh, user=user, reason=reason)
    return fresh.history.order_by("-history_id").values_list("history_id", flat=True).first()


def _corrected_status(quote: Quote) -> str:
    """A machine quote becomes corrected; an editor's own quote stays confirmed by its author.

    A rejected quote stays rejected: only confirming it (or reverting the rejection) restores it.
    """
    if quote.review_status == Quote.Review.REJECTED:
        return Quote.Review.REJECTED
    if quote.origin == Quote.Origin.EDITOR:
        return Quote.Review.CONFIRMED
    return Quote.Review.CORRECTED


def _check_span(article: Article, start: int, end: int) -> None:
    if not 0 <= start < end <= len(article.body):
        raise EditingError(
            _("The span must lie within the article (0 to %(length)s).")
            % {"length": len(article.body)}
        )
    if not article.body[start:end].strip():
        raise EditingError(_("The span must contain text, not only spaces."))


@transaction.atomic
def speaker_create(
    *, name: str, kind: str = Speaker.Kind.PERSON, description: str = "", user: User
) -> Speaker:
    """A new speaker with its name as an alias; an existing alias returns that speaker instead."""
    name = " ".join(name.split())
    normalized = normalize_name(name)
    if not normalized:
        raise EditingError(_("A speaker needs a name."))
    existing = SpeakerAlias.objects.select_related("speaker").filter(normalized=normalized).first()
    if existing is not None:
        return speaker_follow_merges(existing.speaker)
    try:
        with transaction.atomic():
            speaker = Speaker(
                name=name, slug=speaker_unique_slug(name), kind=kind, description=description
            )
            _save_with_history(speaker, user=user, reason=fill(CREATED_BY_EDITOR))
            SpeakerAlias.objects.create(speaker=speaker, name=name, normalized=normalized)
    except IntegrityError:
        # Someone (an editor or ingestion) created the same name meanwhile: use theirs.
        existing = SpeakerAlias.objects.select_related("speaker").filter(normalized=normalized)
        if not existing.exists():
            raise
        return speaker_follow_merges(existing.first().speaker)
    return speaker


def _speaker_for(
    speaker: Speaker | None, new_name: str, new_kind: str, new_description: str, user: User
) -> Speaker | None:
    """The chosen speaker, or one created (or found by alias) from a typed name."""
    if speaker is not None:
        return speaker_follow_merges(speaker)
    if new_name.strip():
        return speaker_create(name=new_name, kind=new_kind, description=new_description, user=user)
    return None


@transaction.atomic
def quote_reassign(
    *,
    quote: Quote,
    speaker: Speaker | None = None,
    new_speaker_name: str = "",
    new_speaker_kind: str = Speaker.Kind.PERSON,
    new_speaker_description: str = "",
    expected_version: int,
    user: User,
) -> Quote:
    """Attribute the quote to a speaker, or to a new one by name (neither = unknown speaker)."""
    _claim_version(quote, expected_version)
    before = _snapshot(quote)
    speaker = _speaker_for(
        speaker, new_speaker_name, new_speaker_kind, new_speaker_description, user
    )
    old = quote.speaker.name if quote.speaker else "—"
    quote.speaker = speaker
    quote.review_status = _corrected_status(quote)
    new = speaker.name if speaker else "—"
    _finish_quote_change(
        quote, user=user, reason=fill(SPEAKER_CHANGED, old=old, new=new), before=before
    )
    return quote


@transaction.atomic
def quote_set_kind(*, quote: Quote, kind: str, expected_version: int, user: User) -> Quote:
    """Change the kind (direct, indirect, mixed)."""
    if kind not in Quote.Kind.values:
        raise EditingError(f"Unknown kind {kind!r}.")
    _claim_version(quote, expected_version)
    before = _snapshot(quote)
    old = quote.kind
    quote.kind = kind
    quote.review_status = _corrected_status(quote)
    _finish_quote_change(
        quote,
        user=user,
        reason=fill(
            KIND_CHANGED, old_label=Quote.Kind(old).label, new_label=Quote.Kind(kind).label
        ),
        before=before,
    )
    return quote


@transaction.atomic
def quote_set_span(
    *, quote: Quote, start: int, end: int, expected_version: int, user: User
) -> Quote:
    """Move the quote's span; its text is re-read from the article so offsets stay exact."""
    article = quote.article
    _check_span(article, start, end)
    _claim_version(quote, expected_version)
    before = _snapshot(quote)
    old = (quote.start, quote.end)
    quote.start, quote.end = start, end
    quote.text = article.body[start:end]
    quote.review_status = _corrected_status(quote)
    span = fill(SPAN_CHANGED, old=f"{old[0]}–{old[1]}", new=f"{start}–{end}")
    _finish_quote_change(quote, user=user, reason=span, before=before)
    return quote


@transaction.atomic
def quote_confirm(*, quote: Quote, expected_version: int, user: User) -> Quote:
    """Mark the quote as checked and right; this is also how a rejected quote is restored."""
    _claim_version(quote, expected_version)
    before = _snapshot(quote)
    quote.review_status = Quote.Review.CONFIRMED
    _finish_quote_change(quote, user=user, reason=fill(CONFIRMED), before=before)
    return quote


@transaction.atomic
def quote_reject(*, quote: Quote, expected_version: int, user: User) -> Quote:
    """Mark the quote as not a quote: hidden from speaker pages and search, kept in history."""
    _claim_version(quote, expected_version)
    before = _snapshot(quote)
    quote.review_status = Quote.Review.REJECTED
    _finish_quote_change(quote, user=user, reason=fill(REJECTED), before=before)
    return quote


@transaction.atomic
def quote_add(
    *,
    article: Article,
    start: int,
    end: int,
    kind: str,
    speaker: Speaker | None = None,
    new_speaker_name: str = "",
    new_speaker_kind: str = Speaker.Kind.PERSON,
    new_speaker_description: str = "",
    user: User,
) -> Quote:
    """Add a quote the machine missed; it belongs to the editors from now on.

    A passage that already is a (not rejected) quote of the article is refused, so a double
    submit adds one quote; the article's row lock makes simultaneous submits take turns.
    """
    _check_span(article, start, end)
    if kind not in Quote.Kind.values:
        raise EditingError(f"Unknown kind {kind!r}.")
    Article.objects.select_for_update(no_key=True).filter(pk=article.pk).first()
    same = article.quotes.filter(start=start, end=end).filter(PUBLIC_QUOTES).first()
    if same is not None:
        raise EditingError(
            f"This passage is already a quote (number {same.pk}): correct that one instead."
        )
    quote = Quote(
        article=article,
        speaker=_speaker_for(
            speaker, new_speaker_name, new_speaker_kind, new_speaker_description, user
        ),
        text=article.body[start:end],
        start=start,
        end=end,
        kind=kind,
        confidence=1.0,
        origin=Quote.Origin.EDITOR,
        review_status=Quote.Review.CONFIRMED,
        published_at=article.published_at,
    )
    _save_with_history(quote, user=user, reason=fill(ADDED_BY_EDITOR))
    quotes_changed(quote_ids=[quote.pk])
    return quote


def _slug_follows_name(speaker: Speaker) -> None:
    """Give a renamed speaker the slug of its new name; the old one stays in its history."""
    base = slugify(speaker.name)[:300].strip("-") or "speaker"
    if speaker.slug == base or re.fullmatch(rf"{re.escape(base)}-\d+", speaker.slug):
        return
    speaker.slug = speaker_unique_slug(speaker.name)


def _name_owner(speaker: Speaker, name: str) -> SpeakerAlias | None:
    """The alias a speaker may take as its name, None if unused; another speaker's is refused."""
    owner = (
        SpeakerAlias.objects.select_related("speaker")
        .filter(normalized=normalize_name(name))
        .first()
    )
    if owner is not None and owner.speaker_id != speaker.pk:
        raise EditingError(
            _("“%(name)s” already names %(owner)s: merge the two instead.")
            % {"name": name, "owner": owner.speaker.name}
        )
    return owner


@transaction.atomic
def speaker_update(
    *,
    speaker: Speaker,
    name: str,
    kind: str,
    description: str,
    expected_version: int,
    user: User,
) -> Speaker:
    """Rename a speaker, set its kind and description; the new name also becomes an alias."""
    name = " ".join(name.split())
    normalized = normalize_name(name)
    if not normalized:
        raise EditingError(_("A speaker needs a name."))
    if kind not in Speaker.Kind.values:
        raise EditingError(f"Unknown kind {kind!r}.")
    owner = _name_owner(speaker, name)
    _claim_version(speaker, expected_version)
    changes = [
        Speaker._meta.get_field(field).verbose_name
        for field, old, new in (
            ("name", speaker.name, name),
            ("kind", speaker.kind, kind),
            ("description", speaker.description, description),
        )
        if old != new
    ]
    speaker.name, speaker.kind, speaker.description = name, kind, description
    _slug_follows_name(speaker)
    _save_with_history(speaker, user=user, reason=fill(SPEAKER_EDITED, fields_labels=changes))
    if owner is None:
        SpeakerAlias.objects.create(speaker=speaker, name=name, normalized=normalized)
    quotes_changed(renamed_speaker_ids=[speaker.pk])
    return speaker


@transaction.atomic
def speaker_alias_add(
    *, speaker: Speaker, name: str, expected_version: int, user: User
) -> SpeakerAlias:
    """Another name under which ingestion will recognise this speaker (a new version)."""
    name = " ".join(name.split())
    normalized = normalize_name(name)
    if not normalized:
        raise EditingError(_("An alias needs a name."))
    owner = SpeakerAlias.objects.select_related("speaker").filter(normalized=normalized).first()
    if owner is not None:
        if owner.speaker_id == speaker.pk:
            raise EditingError(
                _("“%(name)s” is already an alias of %(speaker)s.")
                % {"name": name, "speaker": speaker.name}
            )
        raise EditingError(
            _("“%(name)s” already names %(owner)s: merge the two instead.")
            % {"name": name, "owner": owner.speaker.name}
        )
    _claim_version(speaker, expected_version)
    try:
        with transaction.atomic():
            alias = SpeakerAlias.objects.create(speaker=speaker, name=name, normalized=normalized)
    except IntegrityError as exc:
        raise EditingError(_("“%(name)s” was just added elsewhere.") % {"name": name}) from exc
    _save_with_history(speaker, user=user, reason=fill(ALIAS_ADDED, name=name))
    quotes_changed(renamed_speaker_ids=[speaker.pk])
    return alias


@transaction.atomic
def speaker_alias_remove(*, alias: SpeakerAlias, expected_version: int, user: User) -> Speaker:
    """Forget one of a speaker's names (its current name cannot be removed); a new version."""
    speaker = alias.speaker
    if alias.normalized == normalize_name(speaker.name):
        raise EditingError(_("The speaker's own name cannot be removed; rename the speaker first."))
    _claim_version(speaker, expected_version)
    name = alias.name
    alias.delete()
    _save_with_history(speaker, user=user, reason=fill(ALIAS_REMOVED, name=name))
    quotes_changed(renamed_speaker_ids=[speaker.pk])
    return speaker


@transaction.atomic
def speaker_merge(
    *, source: Speaker, target: Speaker, expected_version: int, user: User
) -> SpeakerMerge:
    """Merge source into target: quotes and aliases move, source's page redirects to target.

    What moved is recorded in a SpeakerMerge, which speaker_merge_undo reads to put it back.
    """
    target = speaker_follow_merges(target)
    if target.pk == source.pk:
        raise EditingError(_("A speaker cannot be merged into itself."))
    if source.merged_into_id is not None:
        raise EditingError(
            _("%(source)s was already merged into %(target)s.")
            % {"source": source.name, "target": source.merged_into.name}
        )
    _claim_version(source, expected_version)
    why = fill(MERGED, source=source.name, target=target.name)
    quote_ids = []
    for quote in Quote.objects.filter(speaker=source).select_for_update():
        quote.speaker = target
        quote.version += 1
        _save_with_history(quote, user=user, reason=why)
        quote_ids.append(quote.pk)
    aliases = SpeakerAlias.objects.filter(speaker=source)
    alias_ids = list(aliases.values_list("pk", flat=True))
    aliases.update(speaker=target)
    # Speakers merged into source earlier now point straight at the target.
    redirected_ids = []
    for earlier in Speaker.objects.filter(merged_into=source).exclude(pk=target.pk):
        earlier.merged_into = target
        _save_with_history(earlier, user=user, reason=why)
        redirected_ids.append(earlier.pk)
    source.merged_into = target
    _save_with_history(source, user=user, reason=why)
    absorbed = _touch_speaker(target, user=user, reason=fill(ABSORBED, source=source.name))
    # Imported here: the gender service builds on this module's versioned saves.
    from quotes.services.gender import speaker_absorb_evidence

    moved_clues = speaker_absorb_evidence(source=source, target=target)
    # Last, after the full saves above, which write back the counts they loaded; the moved
    # quotes join the groups of the target's same words.
    quotes_changed(
        quote_ids=quote_ids,
        speaker_ids=[source.pk, target.pk],
        renamed_speaker_ids=[target.pk],
    )
    return SpeakerMerge.objects.create(
        source=source,
        target=target,
        target_history_id=absorbed,
        quote_ids=quote_ids,
        alias_ids=alias_ids,
        redirected_ids=redirected_ids,
        moved_clues=moved_clues,
        merged_by=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def speaker_merge_undo(*, merge: SpeakerMerge, expected_version: int, user: User) -> Speaker:
    """Undo a merge: the merged speaker comes back with its aliases and quotes; returns it.

    Quotes and aliases an editor moved elsewhere since the merge stay where they are now.
    `expected_version` is the target's, whose history offers the undo.
    """
    merge = SpeakerMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise EditingError(_("This merge was already undone."))
    source, target = merge.source, merge.target
    if source.merged_into_id != target.pk:
        raise EditingError(
            _("%(source)s is no longer merged into %(target)s.")
            % {"source": source.name, "target": target.name}
        )
    _claim_version(target, expected_version)
    why = fill(MERGE_UNDONE, source=source.name, target=target.name)
    moved_back = []
    for quote in Quote.objects.filter(pk__in=merge.quote_ids, speaker=target).select_for_update():
        quote.speaker = source
        quote.version += 1
        _save_with_history(quote, user=user, reason=why)
        moved_back.append(quote.pk)
    SpeakerAlias.objects.filter(pk__in=merge.alias_ids, speaker=target).update(speaker=source)
    for earlier in Speaker.objects.filter(pk__in=merge.redirected_ids, merged_into=target):
        earlier.merged_into = source
        _save_with_history(earlier, user=user, reason=why)
    source = Speaker.objects.select_for_update().get(pk=source.pk)
    source.merged_into = None
    source.version += 1
    _save_with_history(source, user=user, reason=why)
    _touch_speaker(target, user=user, reason=fill(MERGE_UNDONE_RESTORED, source=source.name))
    # Imported here: the gender service builds on this module's versioned saves.
    from quotes.services.gender import speaker_release_evidence

    speaker_release_evidence(target=Speaker.objects.get(pk=target.pk), clues=merge.moved_clues)
    merge.undone_at = timezone.now()
    merge.undone_by = user if getattr(user, "is_authenticated", False) else None
    merge.save(update_fields=["undone_at", "undone_by"])
    quotes_changed(speaker_ids=[source.pk, target.pk], renamed_speaker_ids=[source.pk, target.pk])
    return source


# Fields an editor may restore from history; bookkeeping fields are never reverted.
_REVERTIBLE = {
    Quote: ("speaker", "kind", "start", "end", "text", "review_status"),
    # A merge moves quotes and aliases too, so merged_into alone is not revertible.
    Speaker: ("name", "kind", "description"),
}


@transaction.atomic
def change_revert(
    *, instance: Quote | Speaker, history_id: int, expected_version: int, user: User
) -> Quote | Speaker:
    """Undo one recorded change: the fields it changed go back to their previous values."""
    model = type(instance)
    record = instance.history.filter(history_id=history_id).first()
    if record is None:
        raise EditingError(_("No such change for this item."))
    previous = record.prev_record
    if previous is None:
        raise EditingError(_("This is the item's creation; there is nothing before it to restore."))
    delta = record.diff_against(previous, included_fields=list(_REVERTIBLE[model]))
    if not delta.changes:
        raise EditingError(_("That change modified nothing that can be reverted."))
    name_change = next((c for c in delta.changes if c.field == "name"), None)
    # The name comes back only while no other speaker owns it, as when renaming.
    name_owner = _name_owner(instance, name_change.old) if name_change else None
    _claim_version(instance, expected_version)
    if model is Quote:
        before = _snapshot(instance)
    changes = delta.changes
    if model is Quote and any(c.field != "review_status" for c in changes):
        # Undoing a correction is itself an editor's decision: the quote stays human work,
        # so its review status is not rolled back to "unreviewed" with the content.
        changes = [c for c in changes if c.field != "review_status"]
    for change in changes:
        # Foreign keys come back from the diff as raw primary keys.
        if change.field == "speaker":
            previous_speaker = None
            if change.old is not None:
                previous_speaker = Speaker.objects.filter(pk=change.old).first()
                if previous_speaker is None:
                    raise EditingError(_("The previous speaker no longer exists."))
                # A speaker merged away since then now speaks as the one it was merged into.
                previous_speaker = speaker_follow_merges(previous_speaker)
            instance.speaker = previous_speaker
        else:
            setattr(instance, change.field, change.old)
    if name_change is not None:
        _slug_follows_name(instance)
    if model is Quote:
        _check_span(instance.article, instance.start, instance.end)
        instance.text = instance.article.body[instance.start : instance.end]
        if len(changes) != len(delta.changes):
            instance.review_status = _corrected_status(instance)
    fields = [model._meta.get_field(change.field).verbose_name for change in changes]
    reason = fill(REVERTED, fields_labels=fields, when_utc=record.history_date)
    _save_with_history(instance, user=user, reason=reason)
    if model is Quote:
        quotes_changed(quote_ids=[instance.pk], speaker_ids=[before["speaker_before"]])
    else:
        if name_change and name_owner is None:
            SpeakerAlias.objects.create(
                speaker=instance, name=instance.name, normalized=normalize_name(instance.name)
            )
        quotes_changed(renamed_speaker_ids=[instance.pk])
    return instance
