"""Search views: full-text search with facets, the topic list and a topic's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from quotes.models import Quote, Topic
from quotes.search import SearchFilters, search_quotes
from quotes.selectors import browse as browse_selectors
from quotes.selectors import topics as topic_selectors
from quotes.selectors.pagination import page_number
from quotes.services.editing import StaleVersion
from quotes.services.topics import quote_topic_add, quote_topic_remove
from quotes.views import (
    HtmxHttpRequest,
    editor_required,
    page_or_partial,
    without_empty_parameters,
    without_nul_bytes,
)

SORT_LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
}


@require_safe
@without_nul_bytes
@without_empty_parameters
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> TemplateResponse:
    """Quotes matching the query and filters, with facet counts; results update as you type."""
    is_editor = request.user.has_perm("quotes.change_quote")
    results = search_quotes(
        request.GET.get("q", ""),
        SearchFilters.from_querydict(request.GET),
        page_number(request.GET.get("page")),
        include_rejected=is_editor,
        sort=request.GET.get("sort", ""),
        titles=request.GET.get("titles") == "1",
    )
    return TemplateResponse(
        request,
        page_or_partial(request, "quotes/search/search.html", "search-results"),
        {"results": results, "sorts": SORT_LABELS},
    )


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def topic_list(request: HtmxHttpRequest) -> TemplateResponse:
    """Most-quoted topics, filtered as you type."""
    query = request.GET.get("q", "")
    topics = topic_selectors.topics_most_quoted(query=query, page=request.GET.get("page", 1))
    return TemplateResponse(
        request,
        page_or_partial(request, "quotes/search/topic_list.html", "topic-results"),
        {"topics": topics, "query": query},
    )


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def topic_detail(request: HtmxHttpRequest, slug: str) -> TemplateResponse:
    """A topic's quotes, its most frequent speakers, first and latest quote, quotes over time."""
    page = topic_selectors.topic_page(slug=slug, page=request.GET.get("page", 1))
    return TemplateResponse(
        request,
        page_or_partial(request, "quotes/search/topic_detail.html", "topic-quotes"),
        {"page": page},
    )


STALE = "Someone changed this quote since you loaded it; check it and try again."


def _version(request: HttpRequest) -> int:
    """The quote version the form was rendered with; 0 (always stale) when missing."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def _topics_response(
    request: HtmxHttpRequest, quote: Quote, error: str = "", *, status: int = 400
) -> HttpResponse:
    """The topics fragment for htmx; for a plain form the quote page, showing any error."""
    if request.htmx:
        return TemplateResponse(
            request, "quotes/search/_quote_topics.html", {"quote": quote, "topic_error": error}
        )
    if not error:
        return HttpResponseRedirect(quote.get_absolute_url())
    view = browse_selectors.quote_detail(pk=quote.pk, include_rejected=True, name_editors=True)
    context = {"view": view, "quote": view.quote, "topic_error": error}
    return TemplateResponse(request, "quotes/quote_detail.html", context, status=status)


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_topic_add_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """An editor attaches a topic, typed freely, to a quote."""
    quote = get_object_or_404(Quote.objects.select_related("article"), pk=pk)
    label = request.POST.get("label", "").strip()[:200]
    try:
        quote_topic_add(
            quote=quote, label=label, expected_version=_version(request), user=request.user
        )
    except StaleVersion:
        quote.refresh_from_db()
        return _topics_response(request, quote, STALE, status=409)
    except ValueError as error:
        return _topics_response(request, quote, str(error))
    return _topics_response(request, quote)


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_topic_remove_view(request: HtmxHttpRequest, pk: int, slug: str) -> HttpResponse:
    """An editor detaches a topic from a quote."""
    quote = get_object_or_404(Quote.objects.select_related("article"), pk=pk)
    topic = get_object_or_404(Topic, slug=slug)
    try:
        quote_topic_remove(
            quote=quote, topic=topic, expected_version=_version(request), user=request.user
        )
    except StaleVersion:
        quote.refresh_from_db()
        return _topics_response(request, quote, STALE, status=409)
    return _topics_response(request, quote)


urlpatterns = [
    path("search/", search, name="search"),
    path("topics/", topic_list, name="topic-list"),
    path("topics/<slug:slug>/", topic_detail, name="topic-detail"),
    path("quotes/<int:pk>/topics/", quote_topic_add_view, name="quote-topic-add"),
    path(
        "quotes/<int:pk>/topics/<slug:slug>/remove/",
        quote_topic_remove_view,
        name="quote-topic-remove",
    ),
]
