"""manage.py group_quotes: regroup every public quote reported in several articles."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from quotes.services.grouping import groups_rebuild


class Command(BaseCommand):
    help = (
        "Group the same quote (same speaker, same words give or take a cut, punctuation or a "
        "translation mark) across articles, from scratch. Writers keep groups up to date; run "
        "this after a bulk load, a speaker merge, or to split groups that edits left joined."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        verbose = options["verbosity"] > 1
        outcome = groups_rebuild(
            progress=(lambda seen: self.stdout.write(f"{seen:,} quotes read")) if verbose else None
        )
        self.stdout.write(
            f"{outcome.quotes:,} quotes read, {outcome.grouped_quotes:,} of them in "
            f"{outcome.groups:,} groups, in {time.perf_counter() - started:.1f} s."
        )
