"""The citations a quote's "Cite" box offers, with the absolute address of the quote's page."""

from __future__ import annotations

from django import template

from quotes.citations import Citation, quote_citations
from quotes.models import Article, Quote

register = template.Library()


@register.simple_tag(takes_context=True)
def citations(context: template.Context, quote: Quote, article: Article) -> list[Citation]:
    """The quote's citations, its own language first; the article is passed to save a query."""
    url = context["request"].build_absolute_uri(quote.get_absolute_url())
    return quote_citations(quote, article, url)
