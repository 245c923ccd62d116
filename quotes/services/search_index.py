"""Search index writers: call one after every change to quotes, speakers or articles.

Each runs in its caller's transaction without a savepoint of its own, which would cost two
statements per call and is never rolled back to alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from quotes import search
from quotes.models import Article, Speaker


@transaction.atomic(savepoint=False)
def search_index_update_quotes(*, quote_ids: Iterable[int]) -> None:
    """Refresh the index rows of these quotes (after a correction, rejection or topic change)."""
    search.index_quotes(quote_ids)


@transaction.atomic(savepoint=False)
def search_index_update_article(*, article: Article) -> None:
    """Refresh the index rows of every quote of an article (after ingest or re-attribution)."""
    search.index_article(article)


@transaction.atomic(savepoint=False)
def search_index_update_speaker(*, speaker: Speaker) -> None:
    """Refresh the index rows of a speaker's quotes (after a rename, a new alias or a merge)."""
    search.index_speaker(speaker)


@transaction.atomic(savepoint=False)
def search_index_rebuild() -> None:
    """Rebuild the whole index from the source tables."""
    search.rebuild_index()
