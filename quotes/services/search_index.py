"""Search index writers for rows written outside the services (fixtures, restored data).

The services keep the index, the counts and the quotes' groups fresh through
quotes.services.changes.quotes_changed. Each of these runs in its caller's transaction without
a savepoint of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from quotes import search
from quotes.models import Article
from quotes.services.grouping import quotes_regroup


@transaction.atomic(savepoint=False)
def search_index_update_quotes(*, quote_ids: Iterable[int]) -> None:
    """Refresh the index rows and groups of these quotes."""
    ids = list(quote_ids)
    search.index_quotes(ids)
    quotes_regroup(quote_ids=ids)


@transaction.atomic(savepoint=False)
def search_index_update_article(*, article: Article) -> None:
    """Refresh the index rows and groups of an article's quotes."""
    search.index_article(article)
    quotes_regroup(quote_ids=article.quotes.values_list("pk", flat=True))


@transaction.atomic(savepoint=False)
def search_index_rebuild() -> None:
    """Rebuild the whole index from the source tables."""
    search.rebuild_index()
