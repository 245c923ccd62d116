"""Writing the engine's attributions into quotes and speakers, keeping every editor's work."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from quotes.models import Article, Quote, Speaker, SpeakerAlias
from quotes.services.counts import (
    article_counts_refresh,
    quote_topic_ids,
    speaker_counts_refresh,
    topic_counts_refresh,
)
from quotes.services.gender import article_speakers_gender
from quotes.services.search_index import search_index_update_article
from quotes.services.speakers import speaker_follow_merges, speaker_unique_slug
from quotes.services.topics import article_topics_assign
from quotes.text import normalize_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quotes.attribution import Attribution

logger = logging.getLogger(__name__)

BATCH_SIZE = 32
ERROR_MAX_CHARS = 2000
# Longer mentions are descriptions ("la directrice du groupe ..."), not names to alias.
ALIAS_MAX_WORDS = 6
# Workers racing for the same new slug: each retry sees the slugs committed meanwhile.
SLUG_ATTEMPTS = 5
# Word lists read best as prose; SIM905 would turn each into one word per line.
_PRONOUNS = frozenset(
    "il elle ils elles on lui eux celui celle ceux je nous vous "  # noqa: SIM905
    "he she they him her them it we i you who".split()
)
_DETERMINERS = frozenset(
    "le la les l un une des du de d ce cet cette ces son sa ses leur leurs notre votre "  # noqa: SIM905
    "the a an this that these those his its their our".split()
)
# Courtesy titles dropped from aliases so "M. Fried" and "Fried" are one key.
_TITLES = re.compile(
    r"^(?:m|mm|mme|mmes|mlle|mr|mrs|ms|dr|pr|prof|professor|me|monsieur|madame|sir)\b\.?\s+",
    re.IGNORECASE,
)
_WORD_SPLIT = re.compile(r"[\s\-‐–]+")
_SPEAKER_KINDS = {
    "person": Speaker.Kind.PERSON,
    "organisation": Speaker.Kind.ORGANISATION,
    "organization": Speaker.Kind.ORGANISATION,
    "anonymous": Speaker.Kind.ANONYMOUS,
}
_QUOTE_KINDS = frozenset(Quote.Kind.values)
# The engine's record fields and the types the writer relies on (None allowed for each).
_TEXT_FIELDS = (
    "text",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_kind",
    "speaker_description",
    "cue",
)
_OFFSET_FIELDS = ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")


class MalformedEngineOutput(ValueError):
    """The engine returned something other than Attribution records the writer can store."""


@dataclass(frozen=True)
class AttributionOutcome:
    """The result of attributing one article: counts, or the engine's error."""

    article: Article
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept: int = 0
    skipped: int = 0
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)


def without_title(name: str) -> str:
    """The name without a leading courtesy title ("M. Fried" -> "Fried")."""
    return _TITLES.sub("", name.strip())


def is_proper_name(mention: str) -> bool:
    """True for "Daniel Fried", "Trump", "le Kremlin"; False for pronouns and "le responsable"."""
    words = mention.replace("’", "'").split()
    if not words or len(words) > ALIAS_MAX_WORDS:
        return False
    if len(words) == 1 and normalize_name(words[0]) in _PRONOUNS:
        return False
    # A determiner or an elided article ("l'administration") starts a common noun phrase.
    while words and (words[0].lower() in _DETERMINERS or re.match(r"^[ld]'", words[0], re.I)):
        head = words.pop(0)
        if re.match(r"^[ld]'.", head, re.I):
            words.insert(0, head[2:])
            break
    return any(re.sub(r"^[ld]'", "", word, flags=re.I)[:1].isupper() for word in words)


def _name_words(name: str) -> list[str]:
    words = [w for w in _WORD_SPLIT.split(normalize_name(without_title(name))) if w]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    return words


def is_short_form(short: str, full: str) -> bool:
    """True when every word of short is a word or an initial of full ("B. Obama", "Fried")."""
    short_words, full_words = _name_words(short), _name_words(full)
    if not short_words or short_words == full_words:
        return False
    for word in short_words:
        if word not in full_words and not (
            len(word) == 1 and any(w.startswith(word) for w in full_words)
        ):
            return False
    return True


def is_safe_alias(short: str, full: str) -> bool:
    """A short form safe to remember for other articles: a lone first name is not."""
    words = _name_words(short)
    return is_short_form(short, full) and (len(words) > 1 or words[-1] == _name_words(full)[-1])


def _full_names(attributions: Iterable[Attribution]) -> list[str]:
    """The people named in full in one article, which its short forms refer to."""
    names: dict[str, str] = {}
    for attribution in attributions:
        name = without_title((attribution.speaker or "").strip())
        person = attribution.speaker_kind == "person" and is_proper_name(name)
        if person and len(_name_words(name)) >= 2:
            names.setdefault(normalize_name(name), name)
    return list(names.values())


def _expand(name: str, full_names: Sequence[str]) -> str:
    """The article's full name for a short form ("Fried" -> "Daniel Fried") when unambiguous."""
    matches = [full for full in full_names if is_short_form(name, full)]
    return matches[0] if len(matches) == 1 else name


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {message}"[:ERROR_MAX_CHARS]


def _checked(attributions: Iterable[Attribution]) -> list[Attribution]:
    """The engine's records, or MalformedEngineOutput naming the first field of a wrong type.

    Offsets out of the text are not malformed: such a record is skipped by the writer.
    """
    checked = list(attributions)
    for index, attribution in enumerate(checked):
        for name in (*_TEXT_FIELDS, *_OFFSET_FIELDS, "confidence"):
            if not hasattr(attribution, name):
                raise MalformedEngineOutput(
                    f"record {index} ({type(attribution).__name__}) has no {name}"
                )
            value = getattr(attribution, name)
            if value is None:
                continue
            if name in _TEXT_FIELDS:
                fits = isinstance(value, str)
            elif name in _OFFSET_FIELDS:
                fits = isinstance(value, int) and not isinstance(value, bool)
            else:
                fits = isinstance(value, int | float) and math.isfinite(value)
            if not fits:
                raise MalformedEngineOutput(f"record {index}: {name} is {value!r}")
    return checked


def _display_name(name: str) -> str:
    """A speaker page title: "le département d'Etat" becomes "Le département d'Etat"."""
    return name[:1].upper() + name[1:]


def _new_speaker(label: str, kind: str, description: str) -> Speaker:
    """Create a speaker under a free slug, taking the next number when a slug is taken.

    Two workers can both find "entreprise-2" free and insert it; the second one's insert
    fails once the first commits, and the slug is then worked out again.
    """

    def create() -> Speaker:
        with transaction.atomic():
            slug = speaker_unique_slug(label)
            return Speaker.objects.create(
                name=label[:300], slug=slug, kind=kind, description=description
            )

    for _ in range(SLUG_ATTEMPTS - 1):
        try:
            return create()
        except IntegrityError:
            logger.info("slug for speaker %r taken meanwhile; trying the next one", label)
    return create()


class _SpeakerBook:
    """Finds or creates the speaker of each attribution in one article, with aliases."""

    def __init__(self, article: Article, attributions: Sequence[Attribution]) -> None:
        self.full_names = _full_names(attributions)
        # Generic and anonymous speakers ("une source proche", "le responsable") are
        # only the same person inside one article, so they are looked up there only.
        self.local: dict[str, Speaker] = {}
        for quote in article.quotes.select_related("speaker").exclude(speaker=None):
            speaker = quote.speaker
            if speaker.kind == Speaker.Kind.ANONYMOUS or not is_proper_name(speaker.name):
                self.local.setdefault(normalize_name(speaker.name), speaker)

    def speaker_for(self, attribution: Attribution) -> Speaker | None:
        given = without_title((attribution.speaker or "").strip())
        mention = without_title((attribution.speaker_mention or "").strip())
        if not given and is_proper_name(mention):
            given = mention
        key = normalize_name(given)
        if not key or key in _PRONOUNS:
            return None
        kind = _SPEAKER_KINDS.get(attribution.speaker_kind or "", Speaker.Kind.OTHER)
        description = (attribution.speaker_description or "")[:500]
        if kind == Speaker.Kind.ANONYMOUS or not is_proper_name(given):
            return self._local_speaker(key, given, kind, description)
        name = _expand(given, self.full_names)
        speaker = self._global_speaker(normalize_name(name), name, kind, description)
        for short in {given, mention}:
            if short and is_safe_alias(short, name):
                self._add_alias(speaker, short)
        return speaker

    def _local_speaker(self, key: str, name: str, kind: str, description: str) -> Speaker:
        if key not in self.local:
            self.local[key] = _new_speaker(_display_name(name), kind, description)
        return self.local[key]

    def _global_speaker(self, key: str, name: str, kind: str, description: str) -> Speaker:
        alias = SpeakerAlias.objects.select_related("speaker").filter(normalized=key).first()
        if alias is not None:
            return speaker_follow_merges(alias.speaker)
        try:
            with transaction.atomic():
                speaker = _new_speaker(_display_name(name), kind, description)
                SpeakerAlias.objects.create(speaker=speaker, name=name[:300], normalized=key)
        except IntegrityError:
            # Another worker created the same name meanwhile: use theirs.
            alias = SpeakerAlias.objects.select_related("speaker").filter(normalized=key).first()
            if alias is None:
                raise
            return speaker_follow_merges(alias.speaker)
        return speaker

    def _add_alias(self, speaker: Speaker, mention: str) -> None:
        key = normalize_name(mention)
        if not key or key in _PRONOUNS or SpeakerAlias.objects.filter(normalized=key).exists():
            return
        try:
            with transaction.atomic():
                SpeakerAlias.objects.create(speaker=speaker, name=mention[:300], normalized=key)
        except IntegrityError:
            logger.info("alias %r was taken concurrently", mention)


def _span(start: Any, end: Any, limit: int) -> tuple[int | None, int | None]:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= limit:
        return start, end
    return None, None


def _quote_fields(article: Article, attribution: Attribution) -> dict[str, Any] | None:
    """The model fields for one attribution, or None when it breaks the offsets invariant."""
    body = article.body
    start, end = _span(attribution.start, attribution.end, len(body))
    if start is None or attribution.kind not in _QUOTE_KINDS:
        return None
    if attribution.text and body[start:end] != attribution.text:
        logger.warning("article %s: quote text does not match its offsets", article.pk)
        return None
    cue_start, cue_end = _span(attribution.cue_start, attribution.cue_end, len(body))
    speaker_start, speaker_end = _span(
        attribution.speaker_start, attribution.speaker_end, len(body)
    )
    confidence = attribution.confidence if attribution.confidence is not None else 0.5
    return {
        "text": body[start:end],
        "start": start,
        "end": end,
        "kind": attribution.kind,
        "cue": (attribution.cue or "")[:100],
        "cue_start": cue_start,
        "cue_end": cue_end,
        "speaker_mention": (attribution.speaker_mention or "")[:300],
        "speaker_start": speaker_start,
        "speaker_end": speaker_end,
        "confidence": min(1.0, max(0.0, float(confidence))),
        "published_at": article.published_at,
    }


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _delete_abandoned_speakers(candidates: set[int]) -> None:
    """Drop speakers only the machine ever used and that no quote points at any more.

    Without this, every engine improvement would leave its old mistakes ("Paris", "Une")
    behind as empty speaker pages. A speaker an editor created, edited or merged is kept.
    """
    if not candidates:
        return
    edited = Speaker.history.filter(id__in=candidates, history_user__isnull=False).values("id")
    abandoned = Speaker.objects.filter(
        pk__in=candidates, quotes=None, merged_speakers=None, version=1
    ).exclude(pk__in=edited)
    for speaker in abandoned:
        speaker.delete()


def _still_machine_output(quote: Quote) -> QuerySet[Quote]:
    """The quote's row only while it is unreviewed machine output at the version read."""
    return Quote.objects.filter(
        pk=quote.pk,
        version=quote.version,
        origin=Quote.Origin.MACHINE,
        review_status=Quote.Review.UNREVIEWED,
    )


def _claim_machine_quote(quote: Quote) -> bool:
    """Bump the version of a quote no editor touched since it was read; False if one did.

    The new version makes an editor's form opened on the old output stale, and the
    conditional UPDATE keeps an editor's save made meanwhile from being overwritten.
    """
    if not _still_machine_output(quote).update(version=F("version") + 1):
        return False
    quote.version += 1
    return True


@transaction.atomic
def _write_quotes(*, article: Article, attributions: Sequence[Attribution]) -> AttributionOutcome:
    # Lock the article so two re-attributions of it cannot interleave.
    # NO KEY locks: an editor's commit checks its foreign keys to the article with a KEY
    # SHARE lock, which a plain FOR UPDATE here would block while we wait on their quote.
    article = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    # Lock the quotes too: an editor's save waits for this run, or this run waits for it
    # and then sees the quote as the editor left it.
    existing = list(
        article.quotes.select_related("speaker").select_for_update(no_key=True, of=("self",))
    )
    machine_speakers = {q.speaker_id for q in existing if not q.is_human_work and q.speaker_id}
    human_spans = [(q.start, q.end) for q in existing if q.is_human_work]
    # Machine quotes found again at the same span are updated in place, so their URLs last.
    machine = {(q.start, q.end): q for q in existing if not q.is_human_work}
    attributions = sorted(attributions, key=lambda a: (a.start, a.end))
    book = _SpeakerBook(article, attributions)
    created = updated = skipped = kept = 0
    # Speakers whose quotes change: those of the machine quotes replaced, and the new ones.
    touched = set(machine_speakers)
    seen: set[tuple[int, int]] = set()
    for attribution in attributions:
        fields = _quote_fields(article, attribution)
        if fields is None or (fields["start"], fields["end"]) in seen:
            skipped += 1
            continue
        span = (fields["start"], fields["end"])
        if _overlaps(*span, human_spans):
            skipped += 1
            continue
        seen.add(span)
        fields["speaker"] = book.speaker_for(attribution)
        if fields["speaker"] is not None:
            touched.add(fields["speaker"].pk)
        previous = machine.pop(span, None)
        if previous is None:
            Quote.objects.create(article=article, **fields)
            created += 1
        elif any(getattr(previous, name) != value for name, value in fields.items()):
            if not _claim_machine_quote(previous):
                kept += 1
                continue
            for name, value in fields.items():
                setattr(previous, name, value)
            previous.save()
            updated += 1
    stale = [quote for quote in machine.values() if _still_machine_output(quote).exists()]
    kept += len(machine) - len(stale)
    stale_topics = quote_topic_ids([quote.pk for quote in stale]) if stale else []
    for quote in stale:
        _still_machine_output(quote).delete()
    _delete_abandoned_speakers(machine_speakers)
    article_counts_refresh(article_ids=[article.pk])
    speaker_counts_refresh(speaker_ids=touched)
    topic_counts_refresh(topic_ids=stale_topics)
    search_index_update_article(article=article)
    return AttributionOutcome(
        article=article,
        created=created,
        updated=updated,
        removed=len(stale),
        kept=len(human_spans) + kept,
        skipped=skipped,
    )


@transaction.atomic
def _write_article(
    *, article: Article, attributions: Sequence[Attribution], doc: Doc | None
) -> AttributionOutcome:
    """Quotes, search index, topics and the done status: all written, or none."""
    outcome = _write_quotes(article=article, attributions=attributions)
    article_speakers_gender(article=outcome.article)
    article_topics_assign(article=outcome.article, doc=doc)
    article = outcome.article
    article.status = Article.Status.DONE
    article.error = ""
    article.status_changed_at = timezone.now()
    article.save(update_fields=["status", "error", "status_changed_at", "updated_at"])
    return outcome


def _attempt_begin(article: Article) -> None:
    """Count the run and restart the clock that --stale reads: a live run is not abandoned."""
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        attempts=F("attempts") + 1, status_changed_at=now, updated_at=now
    )


@transaction.atomic
def article_mark_failed(*, article: Article, error: str) -> AttributionOutcome:
    """Keep the article, flag it failed with a one-line error; its quotes stay as they were."""
    article.status = Article.Status.FAILED
    article.error = error[:ERROR_MAX_CHARS]
    article.status_changed_at = timezone.now()
    Article.objects.filter(pk=article.pk).update(
        status=article.status,
        error=article.error,
        status_changed_at=article.status_changed_at,
        updated_at=article.status_changed_at,
    )
    return AttributionOutcome(article=article, error=article.error)


def _fail(article: Article, error: Exception) -> AttributionOutcome:
    """Mark the article failed with the error; when the database is gone, it stays pending."""
    message = _one_line(error)
    if isinstance(error, DatabaseError) and not connection.in_atomic_block:
        # A dropped connection stays unusable: closing it lets the next query open a new one.
        connection.close_if_unusable_or_obsolete()
    try:
        return article_mark_failed(article=article, error=message)
    except DatabaseError:
        logger.exception(
            "article %s could not be marked failed; it stays pending for reattribute --stale",
            article.pk,
        )
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        return AttributionOutcome(article=article, error=message)


def article_attribute(
    *,
    article: Article,
    attributions: Sequence[Attribution] | None = None,
    doc: Doc | None = None,
) -> AttributionOutcome:
    """Run the engine on the article (or take a batch's output and parse) and write its quotes.

    Machine quotes are replaced; quotes an editor confirmed, corrected, rejected or added stay
    as they are, and a machine quote overlapping one of them is not added. Quotes, index and
    topics are written in one transaction, then the article is done; any failure (engine,
    writer, topics, database) leaves them as they were and marks the article failed with the
    error. The engine runs outside the transaction so a slow parse holds no lock; its parse
    also gives the topics.
    """
    try:
        _attempt_begin(article)
        if attributions is None:
            # Imported here: spaCy's import is slow and migrate, check and the views never need it.
            from quotes.attribution import extract_parsed

            ((doc, attributions),) = extract_parsed([article.body], article.language)
        return _write_article(article=article, attributions=_checked(attributions), doc=doc)
    except MalformedEngineOutput as error:
        logger.warning("article %s: malformed engine output", article.pk, exc_info=True)
        return _fail(article, error)
    except Exception as error:
        # Not relabelled: the article keeps the real error and the traceback is logged.
        logger.exception("attribution of article %s failed", article.pk)
        return _fail(article, error)


def articles_stale() -> QuerySet[Article]:
    """Pending articles no run has touched for ATTRIBUTION_STALE_AFTER seconds: abandoned."""
    cutoff = timezone.now() - dt.timedelta(seconds=settings.ATTRIBUTION_STALE_AFTER)
    return Article.objects.filter(status=Article.Status.PENDING, status_changed_at__lt=cutoff)


def needs_attribution(article: Article) -> bool:
    """True when the article's attribution failed or was abandoned, so it must run again."""
    if article.status == Article.Status.FAILED:
        return True
    return (
        article.status == Article.Status.PENDING and articles_stale().filter(pk=article.pk).exists()
    )


def articles_attribute(
    *, articles: Sequence[Article], batch_size: int = BATCH_SIZE
) -> list[AttributionOutcome]:
    """Attribute many articles through the engine's batched pipeline; outcomes in input order.

    Each article is written as soon as the pipeline hands over its parse. When the pipeline
    fails, the articles it had not handed over yet are attributed one by one, so only a bad
    article fails.
    """
    outcomes: dict[int, AttributionOutcome] = {}
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_language.setdefault(article.language, []).append(index)
    for language, indices in by_language.items():
        for offset in range(0, len(indices), batch_size):
            batch = indices[offset : offset + batch_size]
            parsed = _parse_batch([articles[i].body for i in batch], language)
            for index in batch:
                doc = found = None
                if parsed is not None:
                    try:
                        doc, found = next(parsed)
                    except Exception:
                        # The pipeline is closed now: the rest of the batch goes one by one.
                        logger.warning(
                            "batched attribution failed; going on one by one", exc_info=True
                        )
                        parsed = None
                outcomes[index] = article_attribute(
                    article=articles[index], attributions=found, doc=doc
                )
            if parsed is not None:
                parsed.close()
    return [outcomes[index] for index in range(len(articles))]


def _parse_batch(bodies: list[str], language: str) -> Iterator[tuple[Doc, list[Attribution]]]:
    """The engine's lazy batch; imported at the first article, inside the caller's guard."""
    from quotes.attribution import extract_parsed

    yield from extract_parsed(bodies, language)
