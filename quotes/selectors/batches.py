"""Reads for the batch pages: each batch's progress, counted from its articles' statuses."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from quotes.models import Article, IngestBatch

RECENT_BATCHES = 50
# A batch of thousands can fail wholesale (a broken model); the page lists the first ones.
FAILURES_SHOWN = 100


def _with_counts(batches: QuerySet[IngestBatch]) -> QuerySet[IngestBatch]:
    """Batches annotated with total, done, failed and pending: one aggregate query."""
    status = "articles__status"
    return batches.select_related("started_by").annotate(
        total=Count("articles"),
        done=Count("articles", filter=Q(**{status: Article.Status.DONE})),
        failed=Count("articles", filter=Q(**{status: Article.Status.FAILED})),
        pending=Count("articles", filter=Q(**{status: Article.Status.PENDING})),
    )


@dataclass(frozen=True)
class BatchProgress:
    """A batch with its counts and its first failed articles (with their errors)."""

    batch: IngestBatch
    failures: list[Article]

    @property
    def finished(self) -> int:
        return self.batch.done + self.batch.failed

    @property
    def failures_not_shown(self) -> int:
        return self.batch.failed - len(self.failures)


def batch_progress(*, pk: int) -> BatchProgress:
    """The batch's live counts and failures; 404 when there is no such batch."""
    batch = get_object_or_404(_with_counts(IngestBatch.objects.all()), pk=pk)
    failures = []
    if batch.failed:
        failures = list(
            batch.articles.filter(status=Article.Status.FAILED)
            .only("pk", "title", "error")
            .order_by("pk")[:FAILURES_SHOWN]
        )
    return BatchProgress(batch=batch, failures=failures)


def batch_list() -> list[IngestBatch]:
    """The most recent batches, newest first, with their counts."""
    return list(_with_counts(IngestBatch.objects.order_by("-created_at", "-id"))[:RECENT_BATCHES])
