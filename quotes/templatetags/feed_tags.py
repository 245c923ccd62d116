"""The search feed's address for the search the page shows."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def search_feed_url(context) -> str:
    """/search/feed/ with the page's query and filters (not its page number)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return reverse("search-feed") + (f"?{query}" if query else "")
