"""manage.py ingest PATH [PATH ...] [--url URL] [--lang fr|en]: store and attribute articles."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.ingest import ArticleRecord, ReadError, fetch_url, read_paths
from quotes.management.commands._progress import Progress, engine_progress
from quotes.services.batches import batch_start
from quotes.services.ingest import IngestReport, IngestStatus, articles_ingest

# The shell's convention for a process stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED_EXIT_STATUS = 130


def run_ingest(
    command: BaseCommand, items: Iterator[ArticleRecord | ReadError], **kw
) -> IngestReport:
    """Ingest with a progress bar on a terminal, failures on stderr and the summary on stdout.

    Interrupted by Ctrl-C or stopped by an error that is no one item's, the command still
    prints what it did so far, then exits non-zero.
    """
    verbosity = kw.pop("verbosity", 1)
    seen: Counter[IngestStatus] = Counter()
    try:
        with Progress(command, unit="article") as progress:

            def on_result(status: IngestStatus, message: str) -> None:
                seen[status] += 1
                if status is IngestStatus.FAILED:
                    progress.error(message)
                elif verbosity >= 2:
                    progress.info(f"{status}: {message}")
                progress.advance()

            with engine_progress(progress, verbose=verbosity >= 2):
                report = articles_ingest(items=items, on_result=on_result, **kw)
    except KeyboardInterrupt:
        _stopped(command, seen, "interrupted")
        sys.exit(INTERRUPTED_EXIT_STATUS)
    except Exception:
        _stopped(command, seen, "stopped by an error")
        raise
    command.stdout.write(report.summary())
    return report


def _stopped(command: BaseCommand, seen: Counter[IngestStatus], reason: str) -> None:
    command.stderr.write(
        f"ingest {reason}: later inputs were not read; articles stored but not yet attributed "
        "stay pending until manage.py reattribute --stale"
    )
    so_far = IngestReport(
        new=seen[IngestStatus.NEW],
        duplicate=seen[IngestStatus.DUPLICATE],
        failed=seen[IngestStatus.FAILED],
    )
    command.stdout.write(f"{so_far.summary()} ({reason})")


def _source(paths: list[str], urls: list[str]) -> str:
    """The command line as the batch page shows it."""
    return " ".join(["manage.py ingest", *paths, *(f"--url {address}" for address in urls)])


class Command(BaseCommand):
    help = (
        "Store articles from .txt (title = first line), .json/.jsonl, .html files, folders "
        "(recursively) and URLs, then attribute their quotes. Exit status 1 if anything failed "
        f"or nothing was found, {INTERRUPTED_EXIT_STATUS} if interrupted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--url", action="append", default=[], metavar="URL", help="fetch a web page"
        )
        parser.add_argument(
            "--lang",
            choices=["fr", "en"],
            help="language of every article (default: detect; other languages are refused)",
        )

    def handle(self, *args, paths: list[str], url: list[str], lang: str | None, **options):
        if not paths and not url:
            raise CommandError("give at least one PATH or --url URL")

        def items() -> Iterator[ArticleRecord | ReadError]:
            yield from read_paths(paths, lang=lang)
            for address in url:
                yield fetch_url(address, lang=lang)

        batch = batch_start(source=_source(paths, url))
        self.stdout.write(f"batch {batch.pk}: {batch.get_absolute_url()}")
        report = run_ingest(
            self, items(), language=lang, verbosity=options["verbosity"], batch=batch
        )
        if report.failed:
            sys.exit(1)
