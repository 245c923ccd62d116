"""Storing articles read by quotes.ingest: one transaction each; duplicates create nothing."""

from __future__ import annotations

import enum
import hashlib
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from quotes.ingest import ArticleRecord
from quotes.models import Article
from quotes.services.attribution import article_attribute

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
    """The engine's offline guess, or French (the main corpus) when the engine cannot answer."""
    # Storing must not depend on the engine's health: attribution reports its own failure.
    try:
        from quotes.attribution import detect_language as engine_detect

        language = engine_detect(text)
    except Exception:
        logger.warning("language detection failed; storing as %s", DEFAULT_LANGUAGE, exc_info=True)
        return DEFAULT_LANGUAGE
    return language if language in ("fr", "en") else DEFAULT_LANGUAGE


def _find_duplicate(*, digest: str, url: str | None) -> Article | None:
    match = Q(content_hash=digest)
    if url:
        match |= Q(url=url)
    return Article.objects.filter(match).order_by("pk").first()


def _duplicate(article: Article) -> IngestResult:
    return IngestResult(
        IngestStatus.DUPLICATE, article, f"duplicate of article {article.pk} ({article.title})"
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
