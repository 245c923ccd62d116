"""Editing views: inline quote corrections, speaker upkeep, history, review queue, autocomplete."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from quotes import editing_selectors as selectors
from quotes.forms import (
    AddQuoteForm,
    AliasForm,
    KindForm,
    MergeForm,
    ReassignForm,
    RevertForm,
    ReviewFilterForm,
    ReviewForm,
    SpanForm,
    SpeakerForm,
    SpeakerGenderForm,
    VersionedForm,
)
from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, SpeakerAlias
from quotes.services import editing as services
from quotes.services.gender import speaker_set_gender
from quotes.views import HtmxHttpRequest, editor_required, page_or_partial, without_nul_bytes

QUOTE_TOOLS = "quotes/editing/quote_tools.html"
QUOTE_PAGE = "quotes/editing/quote_edit.html"
SPEAKER_TOOLS = "quotes/editing/speaker_tools.html"
SPEAKER_PAGE = "quotes/editing/speaker_edit.html"
ADD_PAGE = "quotes/editing/quote_add.html"


def _back_to(request: HtmxHttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the page the plain form came from, when it is ours; else to default."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target)


def _quote_response(
    request: HtmxHttpRequest,
    quote: Quote,
    *,
    form=None,
    error: str = "",
    stale: services.StaleVersion | None = None,
) -> HttpResponse:
    """The quote's tools fragment for htmx, the redirect or the error page for plain forms."""
    ok = form is None and not error and stale is None
    if ok and not request.htmx:
        return _back_to(request, reverse("quote-edit", args=[quote.pk]))
    if stale is not None:
        quote = stale.current
    context = {
        "quote": quote,
        "failed_form": form,
        "error": error,
        "stale": stale,
        "open_tools": not ok,
        "next": request.htmx.current_url_abs_path or request.POST.get("next", ""),
        "history_on_page": _shows_quote_history(request, quote),
    }
    if request.htmx:
        response = TemplateResponse(request, QUOTE_TOOLS, context)
        if ok:
            response["HX-Trigger"] = json.dumps({"quoteChanged": {"id": quote.pk}})
        return response
    context.update(_quote_page_context(quote))
    status = 409 if stale is not None else 400
    return TemplateResponse(request, QUOTE_PAGE, context, status=status)


def _shows_quote_history(request: HtmxHttpRequest, quote: Quote) -> bool:
    """Whether the page the tools sit in has its own history section (quote and edit pages)."""
    page = urlsplit(request.htmx.current_url_abs_path or "").path
    return page in {quote.get_absolute_url(), reverse("quote-edit", args=[quote.pk])}


def _quote_page_context(quote: Quote, **extra) -> dict:
    """What the quote's editing page shows around its tools: the article text and history."""
    body = quote.article.body
    return {
        "quote": quote,
        "before": body[: quote.start],
        "after": body[quote.end :],
        "history": selectors.quote_history(quote, name_editors=True),
        **extra,
    }


def _quote_action(form_class: type, apply: Callable) -> Callable:
    """A POST view that validates form_class and applies one service call to the quote."""

    @require_POST
    @without_nul_bytes
    @editor_required("quotes.change_quote")
    def view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
        quote = get_object_or_404(Quote.objects.select_related("article", "speaker"), pk=pk)
        form = (
            form_class(request.POST, body=quote.article.body)
            if issubclass(form_class, SpanForm)
            else form_class(request.POST)
        )
        if not form.is_valid():
            return _quote_response(request, quote, form=form)
        try:
            quote = apply(quote=quote, data=form.cleaned_data, form=form, user=request.user)
        except services.StaleVersion as stale:
            return _quote_response(request, quote, stale=stale)
        except services.EditingError as exc:
            return _quote_response(request, quote, error=str(exc))
        return _quote_response(request, quote)

    return view


quote_attribution = _quote_action(
    ReassignForm,
    lambda *, quote, data, form, user: services.quote_reassign(
        quote=quote, expected_version=data["version"], user=user, **form.speaker_arguments()
    ),
)
quote_kind = _quote_action(
    KindForm,
    lambda *, quote, data, form, user: services.quote_set_kind(
        quote=quote, kind=data["kind"], expected_version=data["version"], user=user
    ),
)
quote_span = _quote_action(
    SpanForm,
    lambda *, quote, data, form, user: services.quote_set_span(
        quote=quote,
        start=data["start"],
        end=data["end"],
        expected_version=data["version"],
        user=user,
    ),
)
quote_confirm = _quote_action(
    ReviewForm,
    lambda *, quote, data, form, user: services.quote_confirm(
        quote=quote, expected_version=data["version"], user=user
    ),
)
quote_reject = _quote_action(
    ReviewForm,
    lambda *, quote, data, form, user: services.quote_reject(
        quote=quote, expected_version=data["version"], user=user
    ),
)
quote_revert = _quote_action(
    RevertForm,
    lambda *, quote, data, form, user: services.change_revert(
        instance=quote,
        history_id=data["history_id"],
        expected_version=data["version"],
        user=user,
    ),
)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
@editor_required("quotes.change_quote")
def quote_edit(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """A quote's editing page (the no-JavaScript path); its tools fragment for htmx."""
    quote = get_object_or_404(Quote.objects.select_related("article", "speaker"), pk=pk)
    if request.htmx:
        return TemplateResponse(request, QUOTE_TOOLS, {"quote": quote, "open_tools": True})
    return TemplateResponse(request, QUOTE_PAGE, _quote_page_context(quote, open_tools=True))


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def quote_history(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """Who changed the quote, when, and what; readers see it too, only editors can revert.

    A rejected quote's history is the editors' alone, as the quote itself is.
    """
    quotes = Quote.objects.select_related("article", "speaker")
    is_editor = request.user.has_perm("quotes.change_quote")
    if not is_editor:
        quotes = quotes.filter(PUBLIC_QUOTES)
    quote = get_object_or_404(quotes, pk=pk)
    context = {"quote": quote, "history": selectors.quote_history(quote, name_editors=is_editor)}
    template = "quotes/editing/quote_history.html"
    return TemplateResponse(request, page_or_partial(request, template, "history"), context)


@require_http_methods(["GET", "HEAD", "POST"])
@without_nul_bytes
@editor_required("quotes.add_quote")
def quote_add(request: HtmxHttpRequest, article_pk: int) -> HttpResponse:
    """Add a missed quote to an article, by offsets (filled in by selecting text with JS)."""
    article = get_object_or_404(Article, pk=article_pk)
    form = AddQuoteForm(
        request.POST if request.method == "POST" else None,
        initial=request.GET.dict(),
        body=article.body,
    )
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            quote = services.quote_add(
                article=article,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                kind=form.cleaned_data["kind"],
                user=request.user,
                **form.speaker_arguments(),
            )
        except services.EditingError as exc:
            error = str(exc)
        else:
            if request.htmx:
                context = {"article": article, "form": None, "added": quote}
                response = TemplateResponse(request, f"{ADD_PAGE}#add-quote-form", context)
                event = {"id": quote.pk}
                response["HX-Trigger"] = json.dumps({"quoteAdded": event, "quoteChanged": event})
                return response
            return _back_to(request, reverse("quote-edit", args=[quote.pk]))
    context = {"article": article, "form": form, "error": error}
    if request.htmx:
        # htmx swaps only 2xx answers, and the form with its errors must replace the old one.
        return TemplateResponse(request, f"{ADD_PAGE}#add-quote-form", context)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, ADD_PAGE, context, status=status)


def _speaker_response(
    request: HtmxHttpRequest,
    speaker: Speaker,
    *,
    form=None,
    error: str = "",
    stale: services.StaleVersion | None = None,
) -> HttpResponse:
    """The speaker's tools fragment for htmx, the redirect or the error page for plain forms."""
    ok = form is None and not error and stale is None
    if ok and speaker.merged_into_id is not None:
        # Merged away: the page being edited now redirects, so go to the surviving speaker.
        target = speaker.merged_into.get_absolute_url()
        if request.htmx:
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)
    if ok and not request.htmx:
        return _back_to(request, speaker.get_absolute_url())
    if stale is not None:
        speaker = stale.current
    speaker = selectors.speaker_for_editing(speaker.slug)
    context = {"speaker": speaker, "failed_form": form, "error": error, "stale": stale}
    if request.htmx:
        response = TemplateResponse(request, SPEAKER_TOOLS, context)
        if ok:
            response["HX-Trigger"] = json.dumps({"speakerChanged": {"id": speaker.pk}})
            # The speaker's name and aliases head the whole page: reload it to show them.
            response["HX-Refresh"] = "true"
        return response
    context["history"] = selectors.speaker_history(speaker, name_editors=True)
    status = 409 if stale is not None else 400
    return TemplateResponse(request, SPEAKER_PAGE, context, status=status)


def _speaker_action(form_class: type, apply: Callable) -> Callable:
    """A POST view that validates form_class and applies one service call to the speaker."""

    @require_POST
    @without_nul_bytes
    @editor_required("quotes.change_speaker")
    def view(request: HtmxHttpRequest, slug: str, **kwargs) -> HttpResponse:
        speaker = get_object_or_404(Speaker, slug=slug)
        form = form_class(request.POST)
        if not form.is_valid():
            return _speaker_response(request, speaker, form=form)
        try:
            speaker = apply(speaker=speaker, data=form.cleaned_data, user=request.user, **kwargs)
        except services.StaleVersion as stale:
            return _speaker_response(request, speaker, stale=stale)
        except services.EditingError as exc:
            return _speaker_response(request, speaker, error=str(exc))
        return _speaker_response(request, speaker)

    return view


speaker_update = _speaker_action(
    SpeakerForm,
    lambda *, speaker, data, user: services.speaker_update(
        speaker=speaker,
        name=data["name"],
        kind=data["kind"],
        description=data["description"],
        expected_version=data["version"],
        user=user,
    ),
)
speaker_alias_add = _speaker_action(
    AliasForm,
    lambda *, speaker, data, user: (
        services.speaker_alias_add(
            speaker=speaker, name=data["name"], expected_version=data["version"], user=user
        ).speaker
    ),
)
speaker_gender = _speaker_action(
    SpeakerGenderForm,
    lambda *, speaker, data, user: speaker_set_gender(
        speaker=speaker, gender=data["gender"], expected_version=data["version"], user=user
    ),
)
speaker_merge = _speaker_action(
    MergeForm,
    lambda *, speaker, data, user: services.speaker_merge(
        source=speaker, target=data["target"], expected_version=data["version"], user=user
    ).merged_speakers.get(pk=speaker.pk),
)
speaker_revert = _speaker_action(
    RevertForm,
    lambda *, speaker, data, user: services.change_revert(
        instance=speaker,
        history_id=data["history_id"],
        expected_version=data["version"],
        user=user,
    ),
)


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_alias_remove(request: HtmxHttpRequest, slug: str, alias_pk: int) -> HttpResponse:
    """Forget one of a speaker's names."""
    alias = get_object_or_404(SpeakerAlias.objects.select_related("speaker"), pk=alias_pk)
    if alias.speaker.slug != slug:
        raise Http404("No such alias for this speaker.")
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, alias.speaker, error="Reload the page and try again.")
    try:
        speaker = services.speaker_alias_remove(
            alias=alias, expected_version=form.cleaned_data["version"], user=request.user
        )
    except services.StaleVersion as stale:
        return _speaker_response(request, alias.speaker, stale=stale)
    except services.EditingError as exc:
        return _speaker_response(request, alias.speaker, error=str(exc))
    return _speaker_response(request, speaker)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
@editor_required("quotes.change_speaker")
def speaker_edit(request: HtmxHttpRequest, slug: str) -> TemplateResponse:
    """A speaker's editing page (the no-JavaScript path); its tools fragment for htmx."""
    speaker = get_object_or_404(Speaker.objects.prefetch_related("aliases"), slug=slug)
    if request.htmx:
        return TemplateResponse(request, SPEAKER_TOOLS, {"speaker": speaker, "open_tools": True})
    context = {
        "speaker": speaker,
        "history": selectors.speaker_history(speaker, name_editors=True),
        "open_tools": True,
    }
    return TemplateResponse(request, SPEAKER_PAGE, context)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def speaker_history(request: HtmxHttpRequest, slug: str) -> TemplateResponse:
    """Who changed the speaker, when, and what."""
    speaker = get_object_or_404(Speaker, slug=slug)
    name_editors = request.user.has_perm("quotes.change_speaker")
    context = {
        "speaker": speaker,
        "history": selectors.speaker_history(speaker, name_editors=name_editors),
    }
    template = "quotes/editing/speaker_history.html"
    return TemplateResponse(request, page_or_partial(request, template, "history"), context)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
def speaker_autocomplete(request: HtmxHttpRequest) -> TemplateResponse:
    """Speakers matching what was typed; htmx gets <option>s for a datalist."""
    # The typing field's own name is sent by htmx, so accept the fields that use this endpoint.
    query = next(
        (request.GET[k] for k in ("q", "speaker", "target") if request.GET.get(k, "").strip()),
        "",
    )
    context = {"query": query, "matches": selectors.speaker_autocomplete(query)}
    template = "quotes/editing/autocomplete.html"
    return TemplateResponse(request, f"{template}#options" if request.htmx else template, context)


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
@editor_required("quotes.change_quote")
def review(request: HtmxHttpRequest) -> TemplateResponse:
    """Unreviewed quotes, least confident first, with keyboard shortcuts."""
    filters = ReviewFilterForm(request.GET)
    queue = selectors.review_queue(**filters.selector_arguments())
    context = {
        "filters": filters,
        "quotes": queue[: ReviewFilterForm.PAGE_SIZE],
        "left": queue.count(),
    }
    template = "quotes/editing/review.html"
    use_partial = request.htmx and not request.htmx.history_restore_request
    return TemplateResponse(
        request, f"{template}#review-queue" if use_partial else template, context
    )


urlpatterns = [
    path("quotes/<int:pk>/attribution/", quote_attribution, name="quote-attribution"),
    path("quotes/<int:pk>/kind/", quote_kind, name="quote-kind"),
    path("quotes/<int:pk>/span/", quote_span, name="quote-span"),
    path("quotes/<int:pk>/confirm/", quote_confirm, name="quote-confirm"),
    path("quotes/<int:pk>/reject/", quote_reject, name="quote-reject"),
    path("quotes/<int:pk>/revert/", quote_revert, name="quote-revert"),
    path("quotes/<int:pk>/edit/", quote_edit, name="quote-edit"),
    path("quotes/<int:pk>/history/", quote_history, name="quote-history"),
    path("articles/<int:article_pk>/quotes/add/", quote_add, name="quote-add"),
    path("speakers/<slug:slug>/edit/", speaker_edit, name="speaker-edit"),
    path("speakers/<slug:slug>/update/", speaker_update, name="speaker-update"),
    path("speakers/<slug:slug>/aliases/", speaker_alias_add, name="speaker-alias-add"),
    path(
        "speakers/<slug:slug>/aliases/<int:alias_pk>/remove/",
        speaker_alias_remove,
        name="speaker-alias-remove",
    ),
    path("speakers/<slug:slug>/gender/", speaker_gender, name="speaker-gender"),
    path("speakers/<slug:slug>/merge/", speaker_merge, name="speaker-merge"),
    path("speakers/<slug:slug>/revert/", speaker_revert, name="speaker-revert"),
    path("speakers/<slug:slug>/history/", speaker_history, name="speaker-history"),
    path("speaker-autocomplete/", speaker_autocomplete, name="speaker-autocomplete"),
    path("review/", review, name="review"),
]
