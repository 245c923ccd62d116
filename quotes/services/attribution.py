"""Writing the engine's attributions into quotes and speakers, keeping every editor's work."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from quotes.attribution.names import (
    DETERMINERS,
    SPEAKER_PRONOUNS,
    is_proper_name,
    without_courtesy_title,
)
from quotes.models import Article, Quote, Speaker, SpeakerAlias
from quotes.services.changes import quotes_changed
from quotes.services.counts import quote_topic_ids
from quotes.services.gender import articles_speakers_gender_read
from quotes.services.speakers import speaker_follow_merges, speaker_unique_slugs
from quotes.services.topics import FoundTopics, article_topics_find, topics_link
from quotes.text import normalize_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quotes.attribution import Attribution

logger = logging.getLogger(__name__)

BATCH_SIZE = 32
# Parsed articles held before their batch is written: a news article has a few thousand.
WRITE_BATCH_CHARS = 500_000
ERROR_MAX_CHARS = 2000
# Ingest writers (a batch, one article) take turns on PostgreSQL under this advisory lock: two
# of them creating the same new speakers and topics in different orders would deadlock.
# SQLite's IMMEDIATE transactions take turns already.
INGEST_WRITE_LOCK = 7_938_004
# A write that still meets a deadlock or a serialization failure (an editor's transaction) is
# tried again this many times before the article is marked failed.
WRITE_RETRIES = 1
_RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
# Workers racing for the same new slug: each retry sees the slugs committed meanwhile.
SLUG_ATTEMPTS = 5
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


def _name_words(name: str) -> list[str]:
    words = [w for w in _WORD_SPLIT.split(normalize_name(without_courtesy_title(name))) if w]
    while words and words[0] in DETERMINERS:
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
        name = without_courtesy_title((attribution.speaker or "").strip())
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


def _without_repeated_pieces(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The records less the pieces of a longer quote given again as direct quotes: the quoted
    words of a mixed quote, the paragraphs of a quote running over several.

    The engine gives them (the gold sets list them as items of their own or as borderline
    ones), but stored they would show a reader the same words twice and count them twice.
    """
    passages = [
        (a.start, a.end, a.speaker)
        for a in attributions
        if a.kind in ("mixed", "direct") and isinstance(a.start, int) and isinstance(a.end, int)
    ]
    return [
        a
        for a in attributions
        if a.kind != "direct"
        or not isinstance(a.start, int)
        or not isinstance(a.end, int)
        or not any(
            start <= a.start
            and a.end <= end
            and (start, end) != (a.start, a.end)
            and speaker == a.speaker
            for start, end, speaker in passages
        )
    ]


def _display_name(name: str) -> str:
    """A speaker page title: "le département d'Etat" becomes "Le département d'Etat"."""
    return name[:1].upper() + name[1:]


def _new_speaker(label: str, kind: str, description: str) -> Speaker:
    """An unsaved speaker for a name the database does not know yet."""
    return Speaker(name=label[:300], kind=kind, description=description)


@dataclass(frozen=True)
class _Named:
    """Who an attribution names, worked out before anything is looked up.

    local: a generic or anonymous speaker, the same only within one article; key is then the
    article's key for it. Otherwise key is the normalised full name, and aliases are the short
    forms safe to remember for it.
    """

    key: str
    name: str
    kind: str
    description: str
    local: bool
    aliases: tuple[str, ...] = ()


class _SpeakerBook:
    """Finds or creates the speakers of one article's attributions, in a few statements.

    A short form is a safe alias only when its words are words (or initials) of the full name,
    so a new one adds nothing the search index of the speaker's other quotes lacks.
    """

    def __init__(self, attributions: Sequence[Attribution], existing: Sequence[Quote]) -> None:
        self.full_names = _full_names(attributions)
        # Generic and anonymous speakers ("une source proche", "le responsable") are
        # only the same person inside one article, so they are looked up there only.
        self.local: dict[str, Speaker] = {}
        # Such speakers have no alias: their capitalised display name ("Agence") must not
        # pass them for named people, or every run would replace them with new ones.
        for quote in existing:
            speaker = quote.speaker
            if speaker is None or speaker.merged_into_id is not None:
                continue
            if speaker.kind == Speaker.Kind.ANONYMOUS or not quote.speaker_has_alias:
                self.local.setdefault(normalize_name(speaker.name), speaker)

    def named(self, attribution: Attribution) -> _Named | None:
        """Who the attribution names, or None for no one (a pronoun left unresolved)."""
        given = without_courtesy_title((attribution.speaker or "").strip())
        mention = without_courtesy_title((attribution.speaker_mention or "").strip())
        if not given and is_proper_name(mention):
            given = mention
        key = normalize_name(given)
        if not key or key in SPEAKER_PRONOUNS:
            return None
        kind = _SPEAKER_KINDS.get(attribution.speaker_kind or "", Speaker.Kind.OTHER)
        description = (attribution.speaker_description or "")[:500]
        if kind == Speaker.Kind.ANONYMOUS or not is_proper_name(given):
            return _Named(key, given, kind, description, local=True)
        name = _expand(given, self.full_names)
        aliases = tuple(
            short
            for short in dict.fromkeys((given, mention))
            if short and is_safe_alias(short, name)
        )
        return _Named(normalize_name(name), name, kind, description, local=False, aliases=aliases)

    def speakers_for(self, wanted: Sequence[_Named | None]) -> list[Speaker | None]:
        """The speaker of each, new ones created with their aliases and unique slugs.

        Another worker may create the same name, alias or slug between the look-up and the
        inserts: the inserts then fail together and everything is looked up again, seeing
        what that worker committed.
        """
        for attempt in range(SLUG_ATTEMPTS):
            try:
                return self._speakers_for(wanted)
            except IntegrityError:
                if attempt == SLUG_ATTEMPTS - 1:
                    raise
                logger.info("a speaker, alias or slug was taken meanwhile; looking up again")
        raise AssertionError("unreachable")

    def _speakers_for(self, wanted: Sequence[_Named | None]) -> list[Speaker | None]:
        keys = {key for named in wanted if named and not named.local for key in _keys(named)}
        by_key = {
            alias.normalized: speaker_follow_merges(alias.speaker)
            for alias in SpeakerAlias.objects.select_related("speaker").filter(normalized__in=keys)
        }
        local = dict(self.local)
        new_speakers: list[Speaker] = []
        new_aliases: list[SpeakerAlias] = []
        found: list[Speaker | None] = []
        for named in wanted:
            if named is None:
                found.append(None)
                continue
            if named.local:
                if named.key not in local:
                    local[named.key] = _new_speaker(
                        _display_name(named.name), named.kind, named.description
                    )
                    new_speakers.append(local[named.key])
                found.append(local[named.key])
                continue
            speaker = by_key.get(named.key)
            if speaker is None:
                speaker = _new_speaker(_display_name(named.name), named.kind, named.description)
                new_speakers.append(speaker)
                by_key[named.key] = speaker
                new_aliases.append(
                    SpeakerAlias(speaker=speaker, name=named.name[:300], normalized=named.key)
                )
            for short in named.aliases:
                key = normalize_name(short)
                if key and key not in SPEAKER_PRONOUNS and key not in by_key:
                    by_key[key] = speaker
                    new_aliases.append(
                        SpeakerAlias(speaker=speaker, name=short[:300], normalized=key)
                    )
            found.append(speaker)
        if new_speakers or new_aliases:
            with transaction.atomic():
                slugs = speaker_unique_slugs([speaker.name for speaker in new_speakers])
                for speaker, slug in zip(new_speakers, slugs, strict=True):
                    speaker.slug = slug
                bulk_create_with_history(new_speakers, Speaker)
                for alias in new_aliases:
                    alias.speaker_id = alias.speaker.pk
                SpeakerAlias.objects.bulk_create(new_aliases)
        self.local = local
        return found


def _keys(named: _Named) -> list[str]:
    """The alias keys that may already name this speaker: its full name and its short forms."""
    return [named.key, *(normalize_name(short) for short in named.aliases)]


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


@dataclass
class _Written:
    """What writing an article's quotes changed, for the counts, the index and the topics."""

    outcome: AttributionOutcome
    # The article's quotes as they are now, and those of them just created.
    quotes: list[Quote]
    new: list[Quote]
    # Quotes created, updated or deleted, and the speakers and topics they had before.
    changed: set[int]
    speakers_before: set[int]
    topics_before: list[int]


def _lock_articles(articles: Sequence[Article]) -> dict[int, tuple[Article, list[Quote]]]:
    """The articles as they are now, each with its quotes, locked, in two statements.

    Locked so two re-attributions of an article cannot interleave, in id order so two writers
    locking the same articles never wait on each other. NO KEY locks: an editor's commit checks
    its foreign keys to the article with a KEY SHARE lock, which a plain FOR UPDATE here would
    block while we wait on their quote. The quotes are locked too: an editor's save waits for
    this run, or this run waits for it and then sees the quote as the editor left it.
    """
    ids = [article.pk for article in articles]
    locked: dict[int, tuple[Article, list[Quote]]] = {
        article.pk: (article, [])
        for article in Article.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
    }
    quotes = (
        Quote.objects.filter(article_id__in=ids)
        .select_related("speaker")
        .annotate(
            speaker_has_alias=Exists(SpeakerAlias.objects.filter(speaker_id=OuterRef("speaker_id")))
        )
        .select_for_update(no_key=True, of=("self",))
        .order_by("article_id", "start")
    )
    for quote in quotes:
        article, existing = locked[quote.article_id]
        quote.article = article
        existing.append(quote)
    return locked


def _write_quotes(
    *, article: Article, existing: list[Quote], attributions: Sequence[Attribution]
) -> _Written:
    """The article's machine quotes replaced by the engine's, its locked quotes as existing."""
    human_spans = [(q.start, q.end) for q in existing if q.is_human_work]
    # Machine quotes found again at the same span are updated in place, so their URLs last.
    machine = {(q.start, q.end): q for q in existing if not q.is_human_work}
    attributions = sorted(attributions, key=lambda a: (a.start, a.end))
    book = _SpeakerBook(attributions, existing)
    skipped = kept = 0
    allowed: list[tuple[Attribution, dict[str, Any]]] = []
    for attribution in attributions:
        fields = _quote_fields(article, attribution)
        if fields is None or _overlaps(fields["start"], fields["end"], human_spans):
            skipped += 1
            continue
        allowed.append((attribution, fields))
    # A longer quote's pieces are left out only when that quote itself is written: a passage
    # overlapping an editor's quote gives way to its other paragraphs.
    written = {id(a) for a in _without_repeated_pieces([a for a, _ in allowed])}
    seen: set[tuple[int, int]] = set()
    found: list[tuple[dict[str, Any], _Named | None]] = []
    for attribution, fields in allowed:
        span = (fields["start"], fields["end"])
        if id(attribution) not in written:
            continue
        if span in seen:
            skipped += 1
            continue
        seen.add(span)
        found.append((fields, book.named(attribution)))
    speakers = book.speakers_for([named for _, named in found])
    new: list[Quote] = []
    updated: list[Quote] = []
    speakers_before: set[int] = set()
    for (fields, _), speaker in zip(found, speakers, strict=True):
        fields["speaker"] = speaker
        previous = machine.pop((fields["start"], fields["end"]), None)
        if previous is None:
            new.append(Quote(article=article, **fields))
        elif any(getattr(previous, name) != value for name, value in fields.items()):
            if not _claim_machine_quote(previous):
                kept += 1
                continue
            speakers_before.add(previous.speaker_id)
            for name, value in fields.items():
                setattr(previous, name, value)
            previous.save()
            updated.append(previous)
    bulk_create_with_history(new, Quote)
    stale = [quote for quote in machine.values() if _still_machine_output(quote).exists()]
    kept += len(machine) - len(stale)
    stale_topics = quote_topic_ids([quote.pk for quote in stale]) if stale else []
    for quote in stale:
        speakers_before.add(quote.speaker_id)
        _still_machine_output(quote).delete()
    # Only a speaker that lost a quote can have been abandoned.
    _delete_abandoned_speakers(speakers_before - {q.speaker_id for q in [*new, *updated]})
    changed = {quote.pk for quote in [*new, *updated, *stale]}
    stale_ids = {quote.pk for quote in stale}
    return _Written(
        outcome=AttributionOutcome(
            article=article,
            created=len(new),
            updated=len(updated),
            removed=len(stale),
            kept=len(human_spans) + kept,
            skipped=skipped,
        ),
        quotes=[*(q for q in existing if q.pk not in stale_ids), *new],
        new=new,
        changed=changed,
        speakers_before=speakers_before,
        topics_before=stale_topics,
    )


@dataclass
class _Changes:
    """What the writes of one or more articles changed, for the work done once after them."""

    quote_ids: set[int] = field(default_factory=set)
    # Articles whose quotes changed: their speakers' gender is read again, their counts too.
    articles: dict[int, Article] = field(default_factory=dict)
    speaker_ids: set[int | None] = field(default_factory=set)
    topic_ids: set[int | None] = field(default_factory=set)
    # The topics found for each article, linked once for all of them.
    topics: list[FoundTopics] = field(default_factory=list)

    def refresh(self) -> None:
        """Topic links, the speakers' gender, then counts, index and groups, once for all."""
        linked = topics_link(self.topics)
        self.speaker_ids |= linked.changed_speaker_ids
        self.topic_ids |= linked.changed_topic_ids
        # Unchanged quotes of an unchanged text give the clues they gave before.
        regendered = articles_speakers_gender_read(articles=list(self.articles.values()))
        quotes_changed(
            quote_ids=self.quote_ids,
            # The article of deleted quotes, when none of its quotes is new or updated.
            article_ids=list(self.articles),
            speaker_ids=[*self.speaker_ids, *regendered],
            topic_ids=self.topic_ids,
        )


def _write_article_rows(
    *,
    article: Article,
    locked: dict[int, tuple[Article, list[Quote]]],
    attributions: Sequence[Attribution],
    doc: Doc | None,
    changes: _Changes,
) -> AttributionOutcome:
    """Quotes and topics; what changed is added to changes once both are written.

    locked holds the article as it is now and its quotes (_lock_articles).
    """
    if article.pk not in locked:
        raise Article.DoesNotExist(f"article {article.pk} no longer exists")
    article, existing = locked[article.pk]
    written = _write_quotes(article=article, existing=existing, attributions=attributions)
    article = written.outcome.article
    changes.topics.append(
        article_topics_find(article=article, quotes=written.quotes, new_quotes=written.new, doc=doc)
    )
    if written.changed:
        changes.articles[article.pk] = article
    changes.quote_ids |= written.changed
    changes.speaker_ids.update(written.speakers_before)
    changes.topic_ids.update(written.topics_before)
    return written.outcome


def _mark_done(articles: Sequence[Article]) -> None:
    """Flag the articles done, in one statement."""
    now = timezone.now()
    for article in articles:
        article.status, article.error = Article.Status.DONE, ""
        article.status_changed_at = article.updated_at = now
    Article.objects.filter(pk__in=[article.pk for article in articles]).update(
        status=Article.Status.DONE, error="", status_changed_at=now, updated_at=now
    )


def _writers_take_turns() -> None:
    """Wait for the other ingest writers' transactions (PostgreSQL; see INGEST_WRITE_LOCK)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [INGEST_WRITE_LOCK])


def _retryable(error: BaseException) -> bool:
    """A deadlock or a serialization failure: the same write may well succeed again."""
    return getattr(error.__cause__, "sqlstate", None) in _RETRYABLE_SQLSTATES


def _write_retrying(
    *, article: Article, attributions: Sequence[Attribution], doc: Doc | None
) -> AttributionOutcome:
    """_write_article, tried again after a deadlock or a serialization failure."""
    retries = 0
    while True:
        try:
            return _write_article(article=article, attributions=attributions, doc=doc)
        except DatabaseError as error:
            if retries == WRITE_RETRIES or not _retryable(error):
                raise
            retries += 1
            logger.warning("article %s: %s; writing it again", article.pk, _one_line(error))


@transaction.atomic
def _write_article(
    *, article: Article, attributions: Sequence[Attribution], doc: Doc | None
) -> AttributionOutcome:
    """Quotes, topics, counts, search index and the done status: all written, or none."""
    _writers_take_turns()
    changes = _Changes()
    outcome = _write_article_rows(
        article=article,
        locked=_lock_articles([article]),
        attributions=attributions,
        doc=doc,
        changes=changes,
    )
    changes.refresh()
    _mark_done([outcome.article])
    return outcome


def _attempts_begin(articles: Sequence[Article]) -> None:
    """Count the articles' runs and restart the clock that --stale reads: a live run is not
    abandoned. One statement."""
    now = timezone.now()
    Article.objects.filter(pk__in=[article.pk for article in articles]).update(
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
    counted: bool = False,
) -> AttributionOutcome:
    """Run the engine on the article (or take a batch's output and parse) and write its quotes.

    Machine quotes are replaced; quotes an editor confirmed, corrected, rejected or added stay
    as they are, and a machine quote overlapping one of them is not added. Quotes, index and
    topics are written in one transaction, then the article is done; any failure (engine,
    writer, topics, database) leaves them as they were and marks the article failed with the
    error. The engine runs outside the transaction so a slow parse holds no lock; its parse
    also gives the topics. `counted` says a batch already counted this run.
    """
    try:
        if not counted:
            _attempts_begin([article])
        if attributions is None:
            # Imported here: spaCy's import is slow and migrate, check and the views never need it.
            from quotes.attribution import extract_parsed

            ((doc, attributions),) = extract_parsed([article.body], article.language)
        return _write_retrying(article=article, attributions=_checked(attributions), doc=doc)
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

    The pipeline parses a batch first, outside any transaction; then the batch is written in
    one transaction (_write_parsed), counts, index and groups refreshed once for all of it.
    When the pipeline fails, the articles it had not handed over yet are attributed one by one,
    so only a bad article fails.
    """
    outcomes: dict[int, AttributionOutcome] = {}
    by_language: dict[str, list[int]] = {}
    for index, article in enumerate(articles):
        by_language.setdefault(article.language, []).append(index)
    for language, indices in by_language.items():
        for offset in range(0, len(indices), batch_size):
            batch = indices[offset : offset + batch_size]
            parsed = _parse_batch([articles[i].body for i in batch], language)
            ready: dict[int, tuple[Article, Doc, list[Attribution]]] = {}
            alone: list[int] = []
            for index in batch:
                if parsed is not None:
                    try:
                        doc, found = next(parsed)
                    except Exception:
                        # The pipeline is closed now: the rest of the batch goes one by one.
                        logger.warning(
                            "batched attribution failed; going on one by one", exc_info=True
                        )
                        parsed = None
                    else:
                        ready[index] = (articles[index], doc, found)
                        # Parses of long articles are big: they are written before many pile up.
                        if sum(len(a.body) for a, _, _ in ready.values()) >= WRITE_BATCH_CHARS:
                            outcomes.update(_write_parsed(ready))
                            ready = {}
                        continue
                alone.append(index)
            if parsed is not None:
                parsed.close()
            outcomes.update(_write_parsed(ready))
            for index in alone:
                outcomes[index] = article_attribute(article=articles[index])
    return [outcomes[index] for index in range(len(articles))]


def _write_parsed(
    parsed: dict[int, tuple[Article, Doc, list[Attribution]]],
) -> dict[int, AttributionOutcome]:
    """Write parsed articles in one transaction, refreshing counts, index and groups once.

    An article the writer fails on (malformed engine output, a bug) is rolled back to its
    savepoint and marked failed; the others go on. When the transaction itself fails (the
    database, the refresh), each article is written again on its own, as article_attribute
    does, so only a bad article fails. Outcomes by the keys given.

    The runs are counted first, committed on their own, so that --stale sees them live and a
    process that dies while writing still counted them.
    """
    if not parsed:
        return {}
    _attempts_begin([article for article, _, _ in parsed.values()])
    try:
        with transaction.atomic():
            _writers_take_turns()
            changes = _Changes()
            locked = _lock_articles([article for article, _, _ in parsed.values()])
            outcomes = {
                key: _write_one_of_batch(article, locked, doc, found, changes)
                for key, (article, doc, found) in parsed.items()
            }
            changes.refresh()
            _mark_done([outcome.article for outcome in outcomes.values() if not outcome.failed])
            return outcomes
    except Exception:
        logger.warning("writing the batch failed; writing its articles one by one", exc_info=True)
        if not connection.in_atomic_block:
            # A dropped connection stays unusable: closing it lets the next query open a new one.
            connection.close_if_unusable_or_obsolete()
        return {
            key: article_attribute(article=article, attributions=found, doc=doc, counted=True)
            for key, (article, doc, found) in parsed.items()
        }


def _write_one_of_batch(
    article: Article,
    locked: dict[int, tuple[Article, list[Quote]]],
    doc: Doc,
    attributions: list[Attribution],
    changes: _Changes,
) -> AttributionOutcome:
    """One article of a batch in a savepoint; a database error fails the whole batch."""
    try:
        with transaction.atomic():
            return _write_article_rows(
                article=article,
                locked=locked,
                attributions=_checked(attributions),
                doc=doc,
                changes=changes,
            )
    except DatabaseError:
        raise
    except MalformedEngineOutput as error:
        logger.warning("article %s: malformed engine output", article.pk, exc_info=True)
        return article_mark_failed(article=article, error=_one_line(error))
    except Exception as error:
        logger.exception("attribution of article %s failed", article.pk)
        return article_mark_failed(article=article, error=_one_line(error))


def _parse_batch(bodies: list[str], language: str) -> Iterator[tuple[Doc, list[Attribution]]]:
    """The engine's lazy batch; imported at the first article, inside the caller's guard."""
    from quotes.attribution import extract_parsed

    yield from extract_parsed(bodies, language)
