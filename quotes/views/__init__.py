"""Views, grouped by area: browsing, editing, search; the htmx helpers they share."""

from __future__ import annotations

from django.http import HttpRequest
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
