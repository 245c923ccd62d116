"""manage.py evaluate GOLD.jsonl [-v] [--lang fr|en|auto] [--min-f1 X] [--min-e2e Y]."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.attribution import extract_many
from quotes.attribution.evaluation import evaluate, read_gold_file, render


class Command(BaseCommand):
    help = (
        "Run the attribution engine on a gold JSONL file and print quote precision/recall/F1, "
        "direct-quote precision, speaker accuracy, end-to-end F1, recall by kind, the share of "
        "predicted speakers that are real sources and a calibration table; -v lists every miss, "
        "false positive and wrong speaker; --min-f1/--min-e2e exit with status 1 below a floor. "
        "Needs no database."
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
        parser.add_argument("--min-f1", type=float, default=None, help="floor for quote F1")
        parser.add_argument("--min-e2e", type=float, default=None, help="floor for end-to-end F1")

    def handle(self, *args, **options):
        path = Path(options["gold"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            docs = read_gold_file(path)
        except ValueError as error:
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
        floors = (
            ("quote F1", report.f1, options["min_f1"]),
            ("end-to-end F1", report.end_to_end_f1, options["min_e2e"]),
        )
        for metric, value, floor in floors:
            if floor is not None and (value is None or value < floor):
                shown = "n/a" if value is None else f"{value:.3f}"
                raise CommandError(
                    f"{path.name}: {metric} {shown} is below the floor {floor:.3f}", returncode=1
                )
