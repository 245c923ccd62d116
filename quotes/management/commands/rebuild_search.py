"""manage.py rebuild_search: rebuild the full-text search index from the quotes."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from quotes.services.search_index import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from quotes, speakers, aliases and articles. The services keep "
        "it fresh; run this after changing data outside them (SQL, a restored backup)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        search_index_rebuild()
        self.stdout.write(f"Search index rebuilt in {time.perf_counter() - started:.1f} s.")
