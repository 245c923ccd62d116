"""Editing views: inline quote corrections, speaker upkeep, history, review queue, autocomplete.

Every change answers a plain form with a redirect back (and a "Saved" message), and htmx with
the changed regions only: the tools that sent it, plus out-of-band swaps of whatever else the
page shows of the quote or speaker, and the "Saved" status in base.html's live region.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

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
from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker, SpeakerAlias, SpeakerMerge
from quotes.selectors import browse as browse_selectors
from quotes.selectors import editing as selectors
from quotes.services import editing as services
from quotes.services.gender import speaker_set_gender
from quotes.views import (
    HtmxHttpRequest,
    editor_required,
    page_or_partial,
    wants_fragment,
    without_nul_bytes,
)

QUOTE_TOOLS = "quotes/editing/quote_tools.html"
QUOTE_CHANGED = "quotes/editing/quote_changed.html"
QUOTE_PAGE = "quotes/editing/quote_edit.html"
SPEAKER_TOOLS = "quotes/editing/speaker_tools.html"
SPEAKER_CHANGED = "quotes/editing/speaker_changed.html"
SPEAKER_PAGE = "quotes/editing/speaker_edit.html"
ADD_PAGE = "quotes/editing/quote_add.html"


def _back_to(request: HtmxHttpRequest, default: str, *, anchor: str = "") -> HttpResponseRedirect:
    """Redirect to the page the plain form came from, when it is ours; else to default.

    The anchor (the changed item's tools) brings the reader back to where they were.
    """
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    if anchor and "#" not in target:
        target = f"{target}#{anchor}"
    return HttpResponseRedirect(target)


def _current_page(request: HtmxHttpRequest) -> str:
    """The path of the page an htmx request was sent from ("" for plain requests)."""
    return urlsplit(request.htmx.current_url_abs_path or "").path


def _get_quote(pk: int) -> Quote:
    return get_object_or_404(Quote.objects.select_related("article", "speaker"), pk=pk)


def _get_speaker(slug: str) -> Speaker:
    """The speaker with this slug, or the one that had it before a rename."""
    speaker = selectors.speaker_by_slug(slug)
    if speaker is None:
        raise Http404("No such speaker.")
    return speaker


def _quote_response(
    request: HtmxHttpRequest,
    quote: Quote,
    *,
    saved: str = "",
    form=None,
    error: str = "",
    stale: services.StaleVersion | None = None,
    keep_open: bool = False,
) -> HttpResponse:
    """The answer to a change of one quote: saved (`saved` says what), refused or invalid.

    htmx gets the quote's tools and, when the quote changed (saved, or changed by someone else
    meanwhile), fresh copies of what the page shows of it: the article's highlights and quote
    list, or the quote page's summary and history. Plain forms get a redirect or an error page.
    """
    if saved and not request.htmx:
        messages.success(request, saved)
        default = reverse("quote-edit", args=[quote.pk])
        return _back_to(request, default, anchor=f"quote-{quote.pk}-tools")
    if stale is not None:
        quote = stale.current
    page = _current_page(request)
    context = {
        "quote": quote,
        "failed_form": form,
        "error": error,
        "stale": stale,
        "open_tools": not saved or keep_open,
        "saved": saved,
        "next": request.htmx.current_url_abs_path or request.POST.get("next", ""),
        "history_on_page": page
        in {quote.get_absolute_url(), reverse("quote-edit", args=[quote.pk])},
    }
    # The review queue and the article page show a quote's forms only once opened (fetched then).
    context["compact"] = not context["open_tools"] and page in {
        reverse("review"),
        quote.article.get_absolute_url(),
    }
    if not request.htmx:
        context.update(_quote_page_context(quote))
        status = 409 if stale is not None else 400
        return TemplateResponse(request, QUOTE_PAGE, context, status=status)
    if not saved and stale is None:
        return TemplateResponse(request, QUOTE_TOOLS, context)
    response = TemplateResponse(request, QUOTE_CHANGED, context)
    if page == quote.article.get_absolute_url():
        # The quote may have moved to another speaker's group: the whole list is redrawn in
        # place (its scrolling box stays), and htmx gives focus back to the control by its id.
        context["article_view"] = browse_selectors.article_detail(
            pk=quote.article_id, include_rejected=True
        )
        context["edited"] = quote
        response["HX-Retarget"] = "#quote-groups"
        response["HX-Reswap"] = "outerHTML"
    elif page == quote.get_absolute_url():
        context["quote_view"] = browse_selectors.quote_detail(
            pk=quote.pk, include_rejected=True, name_editors=True
        )
    elif page == reverse("review"):
        # The queue's count, under the filters of the page the editor is on.
        query = QueryDict(urlsplit(request.htmx.current_url_abs_path).query)
        left = selectors.review_queue(**ReviewFilterForm(query).selector_arguments()).count()
        context["review_left"] = left
        context["review_shown"] = min(left, ReviewFilterForm.PAGE_SIZE)
    if saved:
        response["HX-Trigger"] = json.dumps({"quoteChanged": {"id": quote.pk}})
    return response


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


def _change_quote(
    request: HtmxHttpRequest,
    quote: Quote,
    change: Callable[[], Quote],
    *,
    saved: str | Callable[[Quote], str],
    keep_open: bool = False,
) -> HttpResponse:
    """Apply one service call to the quote and answer with its outcome."""
    try:
        changed = change()
    except services.StaleVersion as stale:
        return _quote_response(request, quote, stale=stale)
    except services.EditingError as exc:
        return _quote_response(request, quote, error=str(exc))
    message = saved(changed) if callable(saved) else saved
    return _quote_response(request, changed, saved=message, keep_open=keep_open)


def _speaker_name(quote: Quote) -> str:
    return quote.speaker.name if quote.speaker else "an unknown speaker"


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_attribution(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Reassign the quote to a speaker picked, an existing name, or a new speaker on request."""
    quote = _get_quote(pk)
    form = ReassignForm(request.POST)
    if not form.is_valid():
        return _quote_response(request, quote, form=form, keep_open=True)
    change = partial(
        services.quote_reassign,
        quote=quote,
        expected_version=form.cleaned_data["version"],
        user=request.user,
        **form.speaker_arguments(),
    )
    return _change_quote(
        request,
        quote,
        change,
        saved=lambda changed: (
            _("Saved: the quote is now attributed to %(name)s.") % {"name": _speaker_name(changed)}
        ),
        keep_open=True,
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_kind(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change the quote's kind (direct, indirect, mixed)."""
    quote = _get_quote(pk)
    form = KindForm(request.POST)
    if not form.is_valid():
        return _quote_response(request, quote, form=form)
    change = partial(
        services.quote_set_kind,
        quote=quote,
        kind=form.cleaned_data["kind"],
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_quote(
        request,
        quote,
        change,
        saved=lambda changed: (
            _("Saved: the quote is now %(kind)s.") % {"kind": changed.get_kind_display().lower()}
        ),
        keep_open=True,
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_span(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Move the quote's span: offsets, or the text selected in the article."""
    quote = _get_quote(pk)
    form = SpanForm(request.POST, body=quote.article.body)
    if not form.is_valid():
        return _quote_response(request, quote, form=form)
    change = partial(
        services.quote_set_span,
        quote=quote,
        start=form.cleaned_data["start"],
        end=form.cleaned_data["end"],
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_quote(
        request, quote, change, saved=_("Saved: the quote's span was moved."), keep_open=True
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_confirm(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Mark the quote as checked and right (this also restores a rejected one)."""
    quote = _get_quote(pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _quote_response(request, quote, form=form)
    change = partial(
        services.quote_confirm,
        quote=quote,
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_quote(request, quote, change, saved=_("Saved: the quote is confirmed."))


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_reject(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Mark the quote as not a quote."""
    quote = _get_quote(pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _quote_response(request, quote, form=form)
    change = partial(
        services.quote_reject,
        quote=quote,
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_quote(request, quote, change, saved=_("Saved: rejected as not a quote."))


@require_POST
@without_nul_bytes
@editor_required("quotes.change_quote")
def quote_revert(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Undo one recorded change of the quote."""
    quote = _get_quote(pk)
    form = RevertForm(request.POST)
    if not form.is_valid():
        return _quote_response(request, quote, form=form)
    change = partial(
        services.change_revert,
        instance=quote,
        history_id=form.cleaned_data["history_id"],
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_quote(request, quote, change, saved=_("Saved: the change was reverted."))


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
@editor_required("quotes.change_quote")
def quote_edit(request: HtmxHttpRequest, pk: int) -> TemplateResponse:
    """A quote's editing page (the no-JavaScript path); its tools with their forms for htmx."""
    quote = _get_quote(pk)
    if wants_fragment(request):
        context = {
            "quote": quote,
            "open_tools": True,
            "next": request.htmx.current_url_abs_path,
            "history_on_page": _current_page(request) == quote.get_absolute_url(),
        }
        return TemplateResponse(request, QUOTE_TOOLS, context)
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
            saved = _("Saved: quote added, attributed to %(name)s.") % {
                "name": _speaker_name(quote)
            }
            if not request.htmx:
                messages.success(request, saved)
                return _back_to(request, reverse("quote-edit", args=[quote.pk]))
            context = {"article": article, "form": None, "added": quote, "saved": saved}
            if _current_page(request) == article.get_absolute_url():
                context["article_view"] = browse_selectors.article_detail(
                    pk=article.pk, include_rejected=True
                )
            response = TemplateResponse(request, "quotes/editing/quote_added.html", context)
            event = {"id": quote.pk}
            response["HX-Trigger"] = json.dumps({"quoteAdded": event, "quoteChanged": event})
            return response
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
    saved: str = "",
    form=None,
    error: str = "",
    stale: services.StaleVersion | None = None,
    merge_to_confirm: selectors.MergePreview | None = None,
) -> HttpResponse:
    """The answer to a change of one speaker: saved (`saved` says what), refused or invalid;
    or a merge shown for confirmation.

    htmx gets the speaker's tools and, on the speaker's page, its name, description and
    aliases out of band; a rename that changed the address replaces the URL in the address
    bar with the new one. Plain forms get a redirect or an error page.
    """
    if saved and speaker.merged_into_id is not None:
        # Merged away: the page being edited now redirects, so go to the surviving speaker.
        target = speaker.merged_into.get_absolute_url()
        if request.htmx:
            return HttpResponseClientRedirect(target)
        messages.success(request, saved)
        return HttpResponseRedirect(target)
    if stale is not None:
        speaker = stale.current
    speaker = selectors.speaker_for_editing(speaker.pk)
    if saved and not request.htmx:
        messages.success(request, saved)
        # A page under the speaker's former address still finds it (the speaker page by a 301).
        return _back_to(request, speaker.get_absolute_url())
    context = {
        "speaker": speaker,
        "failed_form": form,
        "error": error,
        "stale": stale,
        "saved": saved,
        "merge_to_confirm": merge_to_confirm,
    }
    if not request.htmx:
        context["history"] = selectors.speaker_history(speaker, name_editors=True)
        status = 200 if merge_to_confirm else 409 if stale is not None else 400
        return TemplateResponse(request, SPEAKER_PAGE, context, status=status)
    if not saved and stale is None:
        return TemplateResponse(request, SPEAKER_TOOLS, context)
    page = _current_page(request)
    old_slug = request.resolver_match.kwargs["slug"]
    context["on_speaker_page"] = page in {
        reverse("speaker-detail", args=[old_slug]),
        speaker.get_absolute_url(),
    }
    response = TemplateResponse(request, SPEAKER_CHANGED, context)
    if saved:
        response["HX-Trigger"] = json.dumps({"speakerChanged": {"id": speaker.pk}})
    if context["on_speaker_page"] and page != speaker.get_absolute_url():
        response["HX-Replace-Url"] = speaker.get_absolute_url()
    return response


def _change_speaker(
    request: HtmxHttpRequest, speaker: Speaker, change: Callable[[], Speaker], *, saved: str
) -> HttpResponse:
    """Apply one service call to the speaker and answer with its outcome."""
    try:
        changed = change()
    except services.StaleVersion as stale:
        return _speaker_response(request, speaker, stale=stale)
    except services.EditingError as exc:
        return _speaker_response(request, speaker, error=str(exc))
    return _speaker_response(request, changed, saved=saved)


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_update(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Rename a speaker (its address follows the name) and set its kind and description."""
    speaker = _get_speaker(slug)
    form = SpeakerForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, form=form)
    data = form.cleaned_data
    change = partial(
        services.speaker_update,
        speaker=speaker,
        name=data["name"],
        kind=data["kind"],
        description=data["description"],
        expected_version=data["version"],
        user=request.user,
    )
    return _change_speaker(request, speaker, change, saved=_("Saved: the speaker was updated."))


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_alias_add(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Add another name under which the speaker is recognised."""
    speaker = _get_speaker(slug)
    form = AliasForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, form=form)
    name = form.cleaned_data["name"]

    def change() -> Speaker:
        return services.speaker_alias_add(
            speaker=speaker,
            name=name,
            expected_version=form.cleaned_data["version"],
            user=request.user,
        ).speaker

    return _change_speaker(
        request, speaker, change, saved=_("Saved: alias “%(name)s” added.") % {"name": name}
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_alias_remove(request: HtmxHttpRequest, slug: str, alias_pk: int) -> HttpResponse:
    """Forget one of a speaker's names."""
    speaker = _get_speaker(slug)
    alias = get_object_or_404(SpeakerAlias, pk=alias_pk, speaker=speaker)
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, error="Reload the page and try again.")
    change = partial(
        services.speaker_alias_remove,
        alias=alias,
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_speaker(
        request, speaker, change, saved=_("Saved: alias “%(name)s” removed.") % {"name": alias.name}
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_gender(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Set the speaker's gender by hand (kept over inference), or leave it to the articles."""
    speaker = _get_speaker(slug)
    form = SpeakerGenderForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, form=form)
    change = partial(
        speaker_set_gender,
        speaker=speaker,
        gender=form.cleaned_data["gender"],
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_speaker(
        request, speaker, change, saved=_("Saved: the speaker's gender was set.")
    )


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_merge(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Merge this speaker into another, once confirmed: its quotes and aliases move, its page
    redirects. The first post only shows what would move and asks for confirmation."""
    speaker = _get_speaker(slug)
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, form=form)
    target = form.cleaned_data["target"]
    if not form.cleaned_data["confirmed"]:
        return _speaker_response(
            request, speaker, merge_to_confirm=selectors.merge_preview(speaker, target)
        )

    def change() -> Speaker:
        services.speaker_merge(
            source=speaker,
            target=target,
            expected_version=form.cleaned_data["version"],
            user=request.user,
        )
        return Speaker.objects.select_related("merged_into").get(pk=speaker.pk)

    saved = _(
        "Saved: %(name)s was merged into %(target)s. "
        "To undo it, use “Undo this merge” in %(target)s's history."
    ) % {"name": speaker.name, "target": target.name}
    return _change_speaker(request, speaker, change, saved=saved)


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_merge_undo(request: HtmxHttpRequest, slug: str, merge_pk: int) -> HttpResponse:
    """Undo a merge into this speaker: the merged speaker, its aliases and quotes come back."""
    target = _get_speaker(slug)
    merge = get_object_or_404(
        SpeakerMerge.objects.select_related("source"), pk=merge_pk, target=target
    )
    form = VersionedForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, target, error="Reload the page and try again.")
    try:
        restored = services.speaker_merge_undo(
            merge=merge, expected_version=form.cleaned_data["version"], user=request.user
        )
    except services.StaleVersion as stale:
        return _speaker_response(request, target, stale=stale)
    except services.EditingError as exc:
        return _speaker_response(request, target, error=str(exc))
    # Quotes moved between two speakers' pages: go to the restored one.
    messages.success(
        request, _("Saved: the merge was undone, %(name)s is back.") % {"name": restored.name}
    )
    if request.htmx:
        return HttpResponseClientRedirect(restored.get_absolute_url())
    return HttpResponseRedirect(restored.get_absolute_url())


@require_POST
@without_nul_bytes
@editor_required("quotes.change_speaker")
def speaker_revert(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Undo one recorded change of the speaker."""
    speaker = _get_speaker(slug)
    form = RevertForm(request.POST)
    if not form.is_valid():
        return _speaker_response(request, speaker, form=form)
    change = partial(
        services.change_revert,
        instance=speaker,
        history_id=form.cleaned_data["history_id"],
        expected_version=form.cleaned_data["version"],
        user=request.user,
    )
    return _change_speaker(request, speaker, change, saved=_("Saved: the change was reverted."))


@require_safe
@without_nul_bytes
@vary_on_headers("HX-Request")
@editor_required("quotes.change_speaker")
def speaker_edit(request: HtmxHttpRequest, slug: str) -> TemplateResponse:
    """A speaker's editing page (the no-JavaScript path); its tools fragment for htmx."""
    speaker = selectors.speaker_for_editing(_get_speaker(slug).pk)
    if wants_fragment(request):
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
    speaker = _get_speaker(slug)
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
    template = page_or_partial(request, "quotes/editing/autocomplete.html", "options")
    return TemplateResponse(request, template, context)


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
    template = page_or_partial(request, "quotes/editing/review.html", "review-queue")
    return TemplateResponse(request, template, context)


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
    path(
        "speakers/<slug:slug>/merges/<int:merge_pk>/undo/",
        speaker_merge_undo,
        name="speaker-merge-undo",
    ),
    path("speakers/<slug:slug>/revert/", speaker_revert, name="speaker-revert"),
    path("speakers/<slug:slug>/history/", speaker_history, name="speaker-history"),
    path("speaker-autocomplete/", speaker_autocomplete, name="speaker-autocomplete"),
    path("review/", review, name="review"),
]
