"""The article list: every article with its outlet, date, source and quote counts."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from quotes.models import Article, Language
from quotes.selectors.articles import ArticleFilters, article_list
from quotes.views import (
    HtmxHttpRequest,
    page_or_partial,
    without_empty_parameters,
    without_nul_bytes,
)

SORT_LABELS = {"newest": _("Newest first"), "oldest": _("Oldest first"), "quotes": _("Most quotes")}


@require_safe
@without_nul_bytes
@without_empty_parameters
@vary_on_headers("HX-Request")
def article_list_view(request: HtmxHttpRequest) -> TemplateResponse:
    """Articles filtered by outlet, language, date, status and unreviewed quotes, and sorted."""
    listing = article_list(
        filters=ArticleFilters.from_querydict(request.GET),
        sort=request.GET.get("sort", ""),
        page=request.GET.get("page", 1),
    )
    return TemplateResponse(
        request,
        page_or_partial(request, "quotes/article_list.html", "article-results"),
        {
            "listing": listing,
            "languages": Language.choices,
            "statuses": Article.Status.choices,
            "sorts": SORT_LABELS,
        },
    )


urlpatterns = [path("articles/", article_list_view, name="article-list")]
