"""Search views: full-text search with facets, the topic list and a topic's page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from quotes.models import Language, Quote, Speaker
from quotes.search import SearchFilters, search_quotes
from quotes.topics import selectors as topic_selectors


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _template(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The named partial for htmx swaps; the full page otherwise (and on history restores)."""
    htmx = request.htmx
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


@require_GET
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> TemplateResponse:
    """Quotes matching the query and filters, with facet counts; results update as you type."""
    is_editor = request.user.has_perm("quotes.change_quote")
    results = search_quotes(
        request.GET.get("q", ""),
        SearchFilters.from_querydict(request.GET),
        _page_number(request),
        include_rejected=is_editor,
    )
    review_choices = [
        choice for choice in Quote.Review.choices if is_editor or choice[0] != "rejected"
    ]
    return TemplateResponse(
        request,
        _template(request, "quotes/search/search.html", "search-results"),
        {
            "results": results,
            "choices": {
                "speaker_kind": Speaker.Kind.choices,
                "kind": Quote.Kind.choices,
                "language": Language.choices,
                "review_status": review_choices,
            },
        },
    )


@require_GET
@vary_on_headers("HX-Request")
def topic_list(request: HtmxHttpRequest) -> TemplateResponse:
    """Most-quoted topics, filtered as you type."""
    query = request.GET.get("q", "")
    topics = topic_selectors.topics_most_quoted(query=query, page=request.GET.get("page", 1))
    return TemplateResponse(
        request,
        _template(request, "quotes/search/topic_list.html", "topic-results"),
        {"topics": topics, "query": query},
    )


@require_GET
@vary_on_headers("HX-Request")
def topic_detail(request: HtmxHttpRequest, slug: str) -> TemplateResponse:
    """A topic's quotes, its most frequent speakers, first and latest quote, quotes over time."""
    page = topic_selectors.topic_page(slug=slug, page=request.GET.get("page", 1))
    return TemplateResponse(
        request,
        _template(request, "quotes/search/topic_detail.html", "topic-quotes"),
        {"page": page},
    )


urlpatterns = [
    path("search/", search, name="search"),
    path("topics/", topic_list, name="topic-list"),
    path("topics/<slug:slug>/", topic_detail, name="topic-detail"),
]
