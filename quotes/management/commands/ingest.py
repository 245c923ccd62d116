"""manage.py ingest PATH [PATH ...] [--url URL] [--lang fr|en]: store and attribute articles."""

from __future__ import annotations

import sys
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.ingest import ArticleRecord, ReadError, fetch_url, read_paths
from quotes.management.commands._progress import Progress
from quotes.services.ingest import IngestReport, IngestStatus, articles_ingest


def run_ingest(
    command: BaseCommand, items: Iterator[ArticleRecord | ReadError], **kw
) -> IngestReport:
    """Ingest with a progress bar on a terminal, failures on stderr and the summary on stdout."""
    verbosity = kw.pop("verbosity", 1)
    with Progress(command, unit="article") as progress:

        def on_result(status: IngestStatus, message: str) -> None:
            if status is IngestStatus.FAILED:
                progress.error(message)
            elif verbosity >= 2:
                progress.info(f"{status}: {message}")
            progress.advance()

        report = articles_ingest(items=items, on_result=on_result, **kw)
    command.stdout.write(report.summary())
    return report


class Command(BaseCommand):
    help = (
        "Store articles from .txt (title = first line), .json/.jsonl, .html files, folders "
        "(recursively) and URLs, then attribute their quotes. Exit status 1 if anything failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--url", action="append", default=[], metavar="URL", help="fetch a web page"
        )
        parser.add_argument(
            "--lang", choices=["fr", "en"], help="language of every article (default: detect)"
        )

    def handle(self, *args, paths: list[str], url: list[str], lang: str | None, **options):
        if not paths and not url:
            raise CommandError("give at least one PATH or --url URL")

        def items() -> Iterator[ArticleRecord | ReadError]:
            yield from read_paths(paths)
            for address in url:
                yield fetch_url(address)

        report = run_ingest(self, items(), language=lang, verbosity=options["verbosity"])
        if report.failed:
            sys.exit(1)
