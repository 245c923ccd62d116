"""Ingest batches: the articles one ingest or re-attribution covers, to follow its progress."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from quotes.models import Article, IngestBatch

SOURCE_MAX_CHARS = IngestBatch._meta.get_field("source").max_length
# Rows written per INSERT when a batch covers many articles (reattribute --all).
LINK_CHUNK = 1000


def batch_start(*, source: str, started_by: AbstractBaseUser | None = None) -> IngestBatch:
    """A new, empty batch; source says in words what started it."""
    if len(source) > SOURCE_MAX_CHARS:
        source = source[: SOURCE_MAX_CHARS - 1] + "…"
    return IngestBatch.objects.create(source=source, started_by=started_by)


@transaction.atomic
def batch_add_articles(
    *, batch: IngestBatch, article_ids: Sequence[int], restart: bool = False
) -> None:
    """Put the articles in the batch; restart marks them pending until their new run ends.

    Without restart an article already done would count as done before it ran again.
    """
    link = IngestBatch.articles.through
    for offset in range(0, len(article_ids), LINK_CHUNK):
        chunk = article_ids[offset : offset + LINK_CHUNK]
        link.objects.bulk_create(
            [link(ingestbatch_id=batch.pk, article_id=pk) for pk in chunk],
            ignore_conflicts=True,
        )
        if restart:
            now = timezone.now()
            # The clock restarts too: a queued article is not abandoned yet (reattribute --stale).
            Article.objects.filter(pk__in=chunk).update(
                status=Article.Status.PENDING, error="", status_changed_at=now, updated_at=now
            )


def batch_reattribute(
    *, article_ids: Sequence[int], source: str, started_by: AbstractBaseUser | None = None
) -> IngestBatch:
    """A batch re-attributing the articles: queued for the workers, or run here without a broker.

    Editors' quotes stay as they are, as with every re-attribution.
    """
    from quotes.tasks import attribute_article_on_commit

    with transaction.atomic():
        batch = batch_start(source=source, started_by=started_by)
        batch_add_articles(batch=batch, article_ids=article_ids, restart=True)
        # Sent when the batch commits; without a broker each task runs in-process at that point.
        for pk in article_ids:
            attribute_article_on_commit(pk, force=True)
    return batch
