"""manage.py rebuild_counts: recount every speaker's and topic's public quotes."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from quotes.services.counts import counts_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the stored quote counts and latest quote dates of every speaker and topic. "
        "The services keep them exact; run this after changing quotes outside them (admin, SQL)."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts_rebuild()
        self.stdout.write(f"Counts rebuilt in {time.perf_counter() - started:.1f} s.")
