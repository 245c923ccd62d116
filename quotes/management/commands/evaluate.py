"""manage.py evaluate GOLD.jsonl [-v] [--lang fr|en|auto]: the DESIGN accuracy metric."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.attribution import extract_many
from quotes.attribution.evaluation import evaluate, render


class Command(BaseCommand):
    help = (
        "Run the attribution engine on a gold JSONL file and print quote precision/recall/F1, "
        "speaker accuracy, end-to-end F1 and recall by kind; -v lists every miss, false positive "
        "and wrong speaker. Needs no database."
    )
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        """Let a bare -v mean verbosity 2 (the listing), as in `evaluate GOLD.jsonl -v`."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for action in parser._actions:
            if action.dest == "verbosity":
                action.nargs = "?"
                action.const = 2
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", help="gold file: one article per line with its quotes")
        parser.add_argument(
            "--lang", choices=["fr", "en", "auto"], default=None, help="default: each line's lang"
        )

    def handle(self, *args, **options):
        path = Path(options["gold"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            docs = [
                json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()
            ]
        except json.JSONDecodeError as error:
            raise CommandError(f"{path}: not JSON lines ({error})") from error
        requested = options["lang"]
        predictions = {}
        languages: dict[str | None, list[dict]] = {}
        for doc in docs:
            lang = doc.get("lang") if requested is None else requested
            languages.setdefault(None if lang == "auto" else lang, []).append(doc)
        for lang, group in languages.items():
            found = extract_many([doc["text"] for doc in group], lang)
            for doc, attributions in zip(group, found, strict=True):
                predictions[str(doc["id"])] = attributions
        report = evaluate(docs, predictions)
        self.stdout.write(render(report, verbose=options["verbosity"] > 1))
