"""Storing articles read by quotes.ingest: one transaction each; duplicates create nothing."""

from __future__ import annotations

import enum
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q

from quotes.ingest import ArticleRecord, ReadError
from quotes.ingest.records import RecordError, unsupported_language_message
from quotes.models import Article, IngestBatch
from quotes.services.attribution import (
    BATCH_SIZE,
    article_attribute,
    articles_attribute,
    needs_attribution,
)
from quotes.services.batches import batch_add_articles
from quotes.services.changes import quotes_changed

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "fr"


class IngestStatus(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class IngestResult:
    """What happened to one record: the article it created or matched, and a one-line message."""

    status: IngestStatus
    article: Article | None = None
    message: str = ""


def content_hash(text: str) -> str:
    """sha256 of the body with whitespace runs collapsed, so re-wrapped copies are duplicates."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def detect_language(text: str) -> str:
    """The engine's offline guess, or French (the main corpus) when the engine cannot answer.

    Raises RecordError for a text in another language: the French rules must not run on it.
    (The readers settle every record's language first; this guards other callers.)
    """
    # Imported late because spaCy is slow to import; storing must not depend on the engine's
    # health either, since attribution reports its own failure.
    try:
        from quotes.attribution.language import guess_language

        guess = guess_language(text, DEFAULT_LANGUAGE)
    except Exception:
        logger.info("language detection failed; storing as %s", DEFAULT_LANGUAGE, exc_info=True)
        return DEFAULT_LANGUAGE
    if not guess.supported:
        raise RecordError(unsupported_language_message(guess.describe()))
    return guess.code


def _find_duplicate(*, digest: str, url: str | None) -> Article | None:
    match = Q(content_hash=digest)
    if url:
        match |= Q(url=url)
    return Article.objects.filter(match).order_by("pk").first()


def _duplicate(article: Article) -> IngestResult:
    return IngestResult(
        IngestStatus.DUPLICATE, article, f"duplicate of article {article.pk} ({article.title[:60]})"
    )


@transaction.atomic
def article_store(*, record: ArticleRecord, language: str | None = None) -> IngestResult:
    """Store the record as a pending article unless its content or URL is already known."""
    digest = content_hash(record.text)
    existing = _find_duplicate(digest=digest, url=record.url)
    if existing is not None:
        return _duplicate(existing)
    try:
        # A savepoint: a concurrent ingest of the same article loses the race cleanly.
        with transaction.atomic():
            article = Article.objects.create(
                title=record.title,
                body=record.text,
                url=record.url,
                outlet=record.outlet,
                byline=record.byline,
                published_at=record.published_at,
                language=language or record.lang or detect_language(record.text),
                content_hash=digest,
                status=Article.Status.PENDING,
            )
    except IntegrityError:
        existing = _find_duplicate(digest=digest, url=record.url)
        if existing is None:
            raise
        return _duplicate(existing)
    return IngestResult(IngestStatus.NEW, article)


@transaction.atomic
def article_metadata_refresh(*, article: Article) -> None:
    """After an article's date, title or outlet changed: its quotes, counts and index follow."""
    quotes = article.quotes.all()
    quotes.update(published_at=article.published_at)
    quotes_changed(quote_ids=quotes.values_list("pk", flat=True))


def article_ingest(
    *, record: ArticleRecord, language: str | None = None, attribute: bool = True
) -> IngestResult:
    """Store one article in its own transaction, then attribute its quotes (unless deferred).

    Not atomic as a whole on purpose: the article must stay stored when attribution fails.
    """
    result = article_store(record=record, language=language)
    if result.status is not IngestStatus.NEW or not attribute:
        return result
    outcome = article_attribute(article=result.article)
    if outcome.failed:
        return IngestResult(
            IngestStatus.FAILED,
            result.article,
            f"stored as article {result.article.pk} but attribution failed: {outcome.error} "
            "(retry with: manage.py reattribute --failed)",
        )
    return result


@dataclass
class IngestReport:
    """Counts for the summary line, and the one-line message of every failure."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed"


def articles_ingest(
    *,
    items: Iterable[ArticleRecord | ReadError],
    language: str | None = None,
    on_result: Callable[[IngestStatus, str], None] | None = None,
    batch: IngestBatch | None = None,
) -> IngestReport:
    """Store every record (one transaction each), then attribute the new ones in batches.

    With a broker the new articles are queued for the workers instead; read errors and
    attribution failures are counted as failed and their messages kept. A duplicate whose
    attribution failed or was abandoned (pending past ATTRIBUTION_STALE_AFTER) is attributed
    again, and counted as a duplicate unless it fails again. Every article attributed is put
    in the batch, when given, as soon as it is stored.
    """
    from quotes.tasks import attribute_article_on_commit, uses_workers

    report = IngestReport()
    notify = on_result or (lambda status, message: None)
    pending: list[tuple[str, IngestResult]] = []

    def fail(message: str) -> None:
        report.failed += 1
        report.errors.append(message)
        notify(IngestStatus.FAILED, message)

    def attribute_pending() -> None:
        outcomes = articles_attribute(articles=[result.article for _, result in pending])
        for (source, result), outcome in zip(pending, outcomes, strict=True):
            article = result.article
            if outcome.failed:
                fail(
                    f"{source}: stored as article {article.pk} but attribution failed: "
                    f"{outcome.error} (retry with: manage.py reattribute --failed)"
                )
            elif result.status is IngestStatus.DUPLICATE:
                report.duplicate += 1
                notify(IngestStatus.DUPLICATE, f"{source}: {result.message}, attributed again")
            else:
                report.new += 1
                report.articles.append(article)
                notify(IngestStatus.NEW, f"{source}: article {article.pk}")
        pending.clear()

    for item in items:
        if isinstance(item, ReadError):
            fail(str(item))
            continue
        try:
            result = article_store(record=item, language=language)
        except DatabaseError as error:
            fail(f"{item.source}: could not be stored ({' '.join(str(error).split())})")
            continue
        duplicate = result.status is IngestStatus.DUPLICATE
        if duplicate and not needs_attribution(result.article):
            report.duplicate += 1
            notify(IngestStatus.DUPLICATE, f"{item.source}: {result.message}")
            continue
        if batch is not None:
            batch_add_articles(batch=batch, article_ids=[result.article.pk], restart=duplicate)
        if uses_workers():
            attribute_article_on_commit(result.article.pk)
            if duplicate:
                report.duplicate += 1
                notify(IngestStatus.DUPLICATE, f"{item.source}: {result.message}, queued again")
            else:
                report.new += 1
                report.articles.append(result.article)
                notify(IngestStatus.NEW, f"{item.source}: article {result.article.pk} (queued)")
        else:
            pending.append((item.source, result))
            if len(pending) >= BATCH_SIZE:
                attribute_pending()
    if pending:
        attribute_pending()
    return report
