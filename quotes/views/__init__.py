"""Views, grouped by area: browsing, editing, search; the htmx helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in name or "\x00" in "".join(values) for name, values in data.lists())


def _without_nul(data: QueryDict) -> QueryDict:
    """A copy of data with NUL bytes removed from every name and value."""
    cleaned = QueryDict(mutable=True)
    for name, values in data.lists():
        cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned


def without_nul_bytes(view: Callable) -> Callable:
    """Drop NUL bytes from the query string and form fields before the view reads them.

    PostgreSQL can neither store nor compare a NUL, so one pasted into a URL or a field would
    otherwise be a server error.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if _has_nul(request.GET):
            request.GET = _without_nul(request.GET)
        if request.method == "POST" and _has_nul(request.POST):
            request.POST = _without_nul(request.POST)
        return view(request, *args, **kwargs)

    return wrapped


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """True for htmx swaps; boosted links and history restores need the full page."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def page_or_partial(request: HtmxHttpRequest, template: str, partial: str) -> str:
    """The named partial for htmx swaps, the full page otherwise."""
    return f"{template}#{partial}" if wants_fragment(request) else template


def editor_required(permission: str) -> Callable:
    """Anonymous users go to the login page; logged-in users without the permission get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                back = request.htmx.current_url_abs_path or request.get_full_path()
                if request.htmx:
                    # A fragment swap would put the login page inside the quote; go there instead.
                    return HttpResponseClientRedirect(
                        f"{reverse('login')}?{urlencode({'next': back})}"
                    )
                return redirect_to_login(back)
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def without_empty_parameters(view: Callable) -> Callable:
    """Redirect a plain GET whose query string holds empty parameters to the URL without them.

    A form submitted without JavaScript sends every field; the address people copy and share
    should hold only the filters that are set. htmx requests are left alone (static/js/forms.js
    drops empty fields before they are sent).
    """

    @wraps(view)
    def wrapped(request: HtmxHttpRequest, *args, **kwargs) -> HttpResponse:
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in given if value]
        if request.htmx or len(kept) == len(given):
            return view(request, *args, **kwargs)
        query = urlencode(kept)
        return HttpResponseRedirect(f"{request.path}?{query}" if query else request.path)

    return wrapped
