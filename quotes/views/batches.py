"""Batch pages for editors: the progress of an ingest or re-attribution, updating itself."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from quotes.selectors import batches as selectors
from quotes.views import HtmxHttpRequest, editor_required, page_or_partial

# The same permission as the review queue: a batch page names failed articles and their errors.
EDITOR_PERMISSION = "quotes.change_quote"


@require_safe
@vary_on_headers("HX-Request")
@editor_required(EDITOR_PERMISSION)
def batch_detail(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """Done, failed and pending articles of one batch; polled by htmx while any is pending."""
    progress = selectors.batch_progress(pk=pk)
    template = page_or_partial(request, "batches/batch_detail.html", "batch-progress")
    return TemplateResponse(request, template, {"progress": progress, "batch": progress.batch})


@require_safe
@editor_required(EDITOR_PERMISSION)
def batch_list(request: HtmxHttpRequest) -> TemplateResponse:
    """The most recent batches with their counts."""
    return TemplateResponse(request, "batches/batch_list.html", {"batches": selectors.batch_list()})


urlpatterns = [
    path("batches/", batch_list, name="batch-list"),
    path("batches/<int:pk>/", batch_detail, name="batch-detail"),
]
