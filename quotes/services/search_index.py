"""Search index writers: call one after every change to quotes, speakers or articles.

The quotes' groups (the same quote across articles) are derived from the same changes, so the
writers of quotes regroup them here too.

Each runs in its caller's transaction without a savepoint of its own, which would cost two
statements per call and is never rolled back to alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from quotes import search
from quotes.models import Article, Speaker
from quotes.services.grouping import quotes_regroup


@transaction.atomic(savepoint=False)
def search_index_update_quotes(*, quote_ids: Iterable[int]) -> None:
    """Refresh the index rows and groups of these quotes (after a correction or rejection)."""
    ids = list(quote_ids)
    search.index_quotes(ids)
    quotes_regroup(quote_ids=ids)


@transaction.atomic(savepoint=False)
def search_index_update_article(*, article: Article) -> None:
    """Refresh the index rows and groups of an article's quotes (after ingest or attribution)."""
    search.index_article(article)
    quotes_regroup(quote_ids=article.quotes.values_list("pk", flat=True))


@transaction.atomic(savepoint=False)
def search_index_update_speaker(*, speaker: Speaker) -> None:
    """Refresh the index rows of a speaker's quotes (after a rename, a new alias or a merge)."""
    search.index_speaker(speaker)


@transaction.atomic(savepoint=False)
def search_index_rebuild() -> None:
    """Rebuild the whole index from the source tables."""
    search.rebuild_index()
