"""manage.py infer_gender: read every attributed article's gender clues again."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from quotes.services.gender import articles_speakers_gender


class Command(BaseCommand):
    help = (
        "Read the gender clues of every attributed article again and re-decide each speaker's "
        "gender (an editor's choice is kept). Attribution does this as it goes; run it once on "
        "a database made before speakers had a gender. The engine is not run again."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        count = articles_speakers_gender()
        plural = "" if count == 1 else "s"
        self.stdout.write(f"{count} article{plural} read in {time.perf_counter() - started:.1f} s.")
