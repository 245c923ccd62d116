"""Browsing views: home, speakers, a speaker's quotes, an article with its quotes, one quote."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from quotes.selectors import browse as selectors
from quotes.views import (
    HtmxHttpRequest,
    page_or_partial,
    wants_fragment,
    without_empty_parameters,
    without_nul_bytes,
)

SORT_LABELS = {"count": _("Most quoted"), "name": _("Name"), "latest": _("Latest quote")}


def _can_see_rejected(request: HttpRequest) -> bool:
    return request.user.has_perm("quotes.change_quote")


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> TemplateResponse:
    """Search box, latest quotes, most-quoted speakers over 7 and 30 days, totals."""
    template = page_or_partial(request, "quotes/home.html", "home-content")
    return TemplateResponse(request, template, {"summary": selectors.home_summary()})


@require_safe
@without_nul_bytes
@without_empty_parameters
@vary_on_headers("HX-Request")
def speaker_list(request: HtmxHttpRequest) -> TemplateResponse:
    """Speakers with counts; filter by name and kind, sort, paginate; the results swap alone."""
    listing = selectors.speaker_list(
        query=request.GET.get("q", ""),
        kind=request.GET.get("kind", ""),
        sort=request.GET.get("sort", "count"),
        page=request.GET.get("page", 1),
    )
    template = page_or_partial(request, "quotes/speaker_list.html", "speaker-results")
    return TemplateResponse(
        request,
        template,
        {"listing": listing, "kinds": selectors.SPEAKER_KINDS, "sorts": SORT_LABELS},
    )


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def speaker_detail(
    request: HtmxHttpRequest, slug: str
) -> TemplateResponse | HttpResponsePermanentRedirect:
    """A speaker's profile and quotes, newest first; "load more" fetches the next page alone."""
    fragment = wants_fragment(request)
    one_per_group = request.GET.get("one_per_group") == "1"
    view = selectors.speaker_page(
        slug=slug,
        page=request.GET.get("page", 1),
        with_profile=not fragment,
        one_per_group=one_per_group,
    )
    if view.moved_to is not None:
        return HttpResponsePermanentRedirect(view.moved_to.get_absolute_url())
    template = "quotes/speaker_detail.html"
    if fragment:
        template += "#speaker-quotes-page"
    context = {
        "speaker": view.speaker,
        "profile": view.profile,
        "quotes": view.quotes,
        "one_per_group": one_per_group,
    }
    return TemplateResponse(request, template, context)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def article_detail(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """The article text with its quotes highlighted, and its quotes by speaker."""
    view = selectors.article_detail(pk=pk, include_rejected=_can_see_rejected(request))
    template = page_or_partial(request, "quotes/article_detail.html", "article-content")
    return TemplateResponse(request, template, {"view": view})


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def quote_detail(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """One quote in its paragraph, with speaker, article, review status and history."""
    is_editor = _can_see_rejected(request)
    view = selectors.quote_detail(pk=pk, include_rejected=is_editor, name_editors=is_editor)
    template = page_or_partial(request, "quotes/quote_detail.html", "quote-content")
    return TemplateResponse(request, template, {"view": view, "quote": view.quote})


urlpatterns = [
    path("", home, name="home"),
    path("speakers/", speaker_list, name="speaker-list"),
    path("speakers/<slug:slug>/", speaker_detail, name="speaker-detail"),
    path("articles/<int:pk>/", article_detail, name="article-detail"),
    path("quotes/<int:pk>/", quote_detail, name="quote-detail"),
]
