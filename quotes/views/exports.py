"""CSV and JSON Lines downloads of a search, a speaker's, a topic's or an article's quotes.

Every export streams: the view picks the quotes' source and returns at once, the rows are read
and written chunk by chunk while the client downloads. Filters are the search page's, so an
export link is the page's own query string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from django.http import HttpRequest, HttpResponsePermanentRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, register_converter, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from quotes.exports import article_quote_ids, as_csv, as_jsonl, quote_rows
from quotes.models import Article, Speaker, Topic
from quotes.search import SearchFilters, matching_quote_ids
from quotes.views import without_nul_bytes

QUOTE_ID_MARKER = 987654321987654321
FORMATS = {
    "csv": ("text/csv; charset=utf-8", as_csv),
    "jsonl": ("application/jsonl; charset=utf-8", as_jsonl),
}


class ExportFormat:
    """The file extension of an export in a URL: csv or jsonl."""

    regex = "csv|jsonl"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "export")


def _download(
    request: HttpRequest, fmt: str, id_chunks: Iterable[list[int]], name: str
) -> StreamingHttpResponse:
    content_type, write = FORMATS[fmt]
    # One reverse() per row took longer than the rest of the row: reverse once, fill in ids.
    marker = str(QUOTE_ID_MARKER)
    address = request.build_absolute_uri(reverse("quote-detail", args=[marker]))
    before, after = address.split(marker)
    if request.method == "HEAD":
        # gunicorn would run the whole export only to drop the body.
        id_chunks = []
    response = StreamingHttpResponse(
        write(quote_rows(id_chunks, quote_url=lambda pk: f"{before}{pk}{after}")),
        content_type=content_type,
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}")
    # Proxies such as nginx would otherwise hold the stream back until it ends.
    response["X-Accel-Buffering"] = "no"
    return response


def _quote_ids(request: HttpRequest, **fixed: str) -> Iterator[list[int]]:
    """The quotes the search page would find with these parameters (and any fixed filter)."""
    filters = replace(SearchFilters.from_querydict(request.GET), **fixed)
    titles = request.GET.get("titles") == "1"
    return matching_quote_ids(request.GET.get("q", ""), filters, titles=titles)


@require_safe
@without_nul_bytes
def search_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """Every quote a search finds (its words and filters), newest first."""
    return _download(request, fmt, _quote_ids(request), "quotes-search")


@require_safe
@without_nul_bytes
def speaker_export(
    request: HttpRequest, slug: str, fmt: str
) -> StreamingHttpResponse | HttpResponsePermanentRedirect:
    """A speaker's quotes, narrowed by any search filters given; a merged speaker redirects."""
    speaker = get_object_or_404(Speaker.objects.select_related("merged_into"), slug=slug)
    if speaker.merged_into is not None:
        target = reverse("speaker-export", args=[speaker.merged_into.slug, fmt])
        return HttpResponsePermanentRedirect(f"{target}?{request.GET.urlencode()}".rstrip("?"))
    return _download(request, fmt, _quote_ids(request, speaker=slug), f"quotes-{slug}")


@require_safe
@without_nul_bytes
def topic_export(request: HttpRequest, slug: str, fmt: str) -> StreamingHttpResponse:
    """A topic's quotes, narrowed by any search filters given."""
    topic = get_object_or_404(Topic, slug=slug)
    chunks = _quote_ids(request, topic=topic.slug)
    return _download(request, fmt, chunks, f"quotes-topic-{topic.slug}")


@require_safe
@without_nul_bytes
def article_export(request: HttpRequest, pk: int, fmt: str) -> StreamingHttpResponse:
    """An article's quotes in the order of its text."""
    article = get_object_or_404(Article.objects.only("pk"), pk=pk)
    return _download(request, fmt, article_quote_ids(article), f"quotes-article-{article.pk}")


urlpatterns = [
    path("search/export.<export:fmt>", search_export, name="search-export"),
    path("speakers/<slug:slug>/export.<export:fmt>", speaker_export, name="speaker-export"),
    path("topics/<slug:slug>/export.<export:fmt>", topic_export, name="topic-export"),
    path("articles/<int:pk>/export.<export:fmt>", article_export, name="article-export"),
]
