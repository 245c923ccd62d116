"""manage.py load_demo: the demo corpus, the seed article and a demo editor, idempotently."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.ingest import ArticleRecord, ReadError, read_paths
from quotes.ingest.records import RecordError, build_record
from quotes.management.commands.ingest import run_ingest
from quotes.models import Article, Quote, Speaker
from quotes.services.accounts import AccountError, user_make_editor

DEMO_FILES = ("demo/wikinews_fr_2012.jsonl", "demo/wikinews_en.jsonl")
SEED_FILE = "tests/fixtures/seed_reuters_fr.txt"
SEED_TITLE = "Antony Blinken à Bruxelles, où l’on craint que Washington abandonne l’Ukraine"
DEMO_EDITOR = "editor"
SERVE_URL = "http://127.0.0.1:8000"


def seed_record(base: Path) -> ArticleRecord | ReadError:
    """The Reuters seed article as a record with its outlet and a headline."""
    path = base / SEED_FILE
    try:
        text = path.read_text(encoding="utf-8")
        return build_record(
            source=str(path), text=text, title=SEED_TITLE, outlet="Reuters", lang="fr"
        )
    except (OSError, RecordError) as error:
        return ReadError(str(path), str(error))


class Command(BaseCommand):
    help = (
        "Load the demo corpus (French and English Wikinews, the Reuters seed article) and create "
        f"the demo editor account {DEMO_EDITOR!r} (its password is printed). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_EDITOR_PASSWORD"),
            help="demo editor password (default: $DEMO_EDITOR_PASSWORD, else a random one)",
        )

    def handle(self, *args, password: str | None, **options):
        base = Path(settings.BASE_DIR)

        def items() -> Iterator[ArticleRecord | ReadError]:
            yield from read_paths(base / name for name in DEMO_FILES)
            yield seed_record(base)

        report = run_ingest(self, items(), verbosity=options["verbosity"])
        try:
            # The demo account is reset on every run so the printed password always works.
            _, password_set = user_make_editor(
                username=DEMO_EDITOR, create=True, password=password or secrets.token_urlsafe(12)
            )
        except AccountError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Demo database: {Article.objects.count()} articles, "
            f"{Quote.objects.count()} quotes, {Speaker.objects.count()} speakers."
        )
        self.stdout.write(f"Demo editor: username {DEMO_EDITOR}, password {password_set}")
        self.stdout.write(f"Open {SERVE_URL}")
        if report.failed:
            sys.exit(1)
