"""manage.py reattribute --all | --article ID | --failed: re-run the engine, keep editors' work."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.management.commands._progress import Progress
from quotes.models import Article
from quotes.services.attribution import BATCH_SIZE, articles_attribute
from quotes.tasks import attribute_article, uses_workers


class Command(BaseCommand):
    help = (
        "Re-run attribution: machine quotes are replaced; quotes an editor confirmed, corrected, "
        "rejected or added stay as they are. Exit status 1 if any article failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every article")
        which.add_argument(
            "--article", type=int, action="append", metavar="ID", help="one article (repeatable)"
        )
        which.add_argument(
            "--failed", action="store_true", help="articles whose attribution failed"
        )

    def handle(self, *args, **options):
        article: list[int] | None = options["article"]
        articles = Article.objects.order_by("pk")
        if article:
            articles = articles.filter(pk__in=article)
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        elif options["failed"]:
            articles = articles.filter(status=Article.Status.FAILED)
        if uses_workers():
            count = 0
            for pk in articles.values_list("pk", flat=True).iterator():
                attribute_article.delay(pk)
                count += 1
            self.stdout.write(f"{count} queued")
            return
        done = failures = 0
        ids = list(articles.values_list("pk", flat=True))
        with Progress(self, unit="article", total=len(ids)) as progress:
            for offset in range(0, len(ids), BATCH_SIZE):
                batch = list(Article.objects.filter(pk__in=ids[offset : offset + BATCH_SIZE]))
                for outcome in articles_attribute(articles=batch):
                    if outcome.failed:
                        failures += 1
                        progress.error(f"article {outcome.article.pk}: {outcome.error}")
                    else:
                        done += 1
                    progress.advance()
        self.stdout.write(f"{done} attributed, {failures} failed")
        if failures:
            sys.exit(1)
