"""manage.py reattribute --all | --article ID | --failed | --stale: re-run the engine."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q, QuerySet

from quotes.management.commands._progress import Progress
from quotes.models import Article
from quotes.services.attribution import BATCH_SIZE, articles_attribute, articles_stale
from quotes.services.batches import batch_add_articles, batch_start
from quotes.tasks import attribute_article_on_commit, uses_workers


def _state(article: Article) -> str:
    """One line on why the article is being run again: its error, or since when it waits."""
    if article.status == Article.Status.FAILED:
        return f"article {article.pk} failed: {article.error}"
    since = article.status_changed_at.strftime("%Y-%m-%d %H:%M:%S %Z")
    tries = f"{article.attempts} attempt{'s' * (article.attempts != 1)}"
    return f"article {article.pk} pending since {since} ({tries})"


def _which(options: dict) -> str:
    """The option that chose the articles, as typed."""
    if options["article"]:
        return " ".join(f"--article {pk}" for pk in options["article"])
    return next(f"--{name}" for name in ("all", "failed", "stale") if options[name])


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
            "--failed",
            action="store_true",
            help="articles whose attribution failed, and abandoned pending ones (as --stale)",
        )
        which.add_argument(
            "--stale",
            action="store_true",
            help="articles left pending for ATTRIBUTION_STALE_AFTER seconds "
            f"(now {settings.ATTRIBUTION_STALE_AFTER}) by a crash, a killed worker or a "
            "dropped connection",
        )

    def handle(self, *args, **options):
        article: list[int] | None = options["article"]
        articles: QuerySet[Article] = Article.objects.order_by("pk")
        # A run asked for by id or for all re-runs done articles; the others retry unfinished work.
        force = not (options["failed"] or options["stale"])
        if article:
            articles = articles.filter(pk__in=article)
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, missing))}")
        elif options["stale"]:
            articles = articles_stale().order_by("pk")
        elif options["failed"]:
            stale = articles_stale().values("pk")
            articles = articles.filter(Q(status=Article.Status.FAILED) | Q(pk__in=stale))
        if not force:
            for retried in articles:
                self.stdout.write(_state(retried))
        # Read before the batch marks them pending, which --failed would no longer match.
        ids = list(articles.values_list("pk", flat=True))
        ingest_batch = batch_start(source=f"manage.py reattribute {_which(options)}")
        batch_add_articles(batch=ingest_batch, article_ids=ids, restart=True)
        self.stdout.write(f"batch {ingest_batch.pk}: {ingest_batch.get_absolute_url()}")
        if uses_workers():
            for pk in ids:
                attribute_article_on_commit(pk, force=force)
            self.stdout.write(f"{len(ids)} queued")
            return
        done = failures = 0
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
