"""Views, grouped by area: browsing, editing, search; the htmx helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


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
