"""manage.py fit_antecedents [GOLD.jsonl ...] [--output PATH]: refit the pronoun ranker."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.attribution import antecedents
from quotes.attribution.evaluation import (
    gold_quotes,
    is_judgeable,
    spans_match,
    speaker_matches,
)
from quotes.management.commands._gold import attributed, dev_gold_paths, read_gold

# One choice to fit on: the antecedents' feature rows, which of them the gold names, and where
# they stand in the text.
Labelled = tuple[list[list[float]], list[bool], list[int]]


class Command(BaseCommand):
    help = (
        "Run the engine on the dev gold, label the possible antecedents of each pronoun or "
        "implicit speaker with the gold speaker of its quote, fit the ranker's weights, print "
        "how often it is right with each gold set held out, and write the weights the engine "
        "loads."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", nargs="*", help="dev gold files (default: the dev sets)")
        parser.add_argument(
            "--output",
            type=Path,
            default=antecedents.RANKER_FILE,
            help="where to write the weights",
        )

    def handle(self, *args, **options):
        paths = dev_gold_paths(options["gold"])
        current = self._weights_to_choose_with()
        by_set = {path.name: _labelled(path, read_gold(path), current) for path in paths}
        everything = [choice for choices in by_set.values() for choice in choices]
        try:
            weights = antecedents.fit(_rows_and_labels(everything))
        except ValueError as error:
            raise CommandError(f"nothing to fit: {error}") from error
        total = len(everything)
        right = sum(_right(weights, choice) for choice in everything)
        if len(by_set) > 1:
            held_right = held_total = 0
            for name, choices in by_set.items():
                others = [
                    item for other, found in by_set.items() if other != name for item in found
                ]
                try:
                    held_weights = antecedents.fit(_rows_and_labels(others))
                except ValueError:
                    continue  # the other sets have no pronoun to learn from
                held = sum(_right(held_weights, choice) for choice in choices)
                held_right += held
                held_total += len(choices)
                self.stdout.write(f"{name}: {held}/{len(choices)} right, held out")
            self.stdout.write(f"all sets: {held_right}/{held_total} right held out by set")
        self.stdout.write(f"in sample: {right}/{total} right")
        about: dict[str, Any] = {
            "fitted_on": sorted(by_set),
            "fitted_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "pronouns": total,
        }
        try:
            options["output"].write_text(antecedents.model_json(weights, **about), encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {options['output']}: {error.strerror}") from error
        self.stdout.write(f"wrote {options['output']}")

    def _weights_to_choose_with(self) -> np.ndarray:
        """The committed weights, or none (the nearest mention wins) when the file cannot be
        read: new features make it stale, and this command is what refits it."""
        try:
            return antecedents.load_weights()
        except (OSError, ValueError, KeyError) as error:
            self.stderr.write(f"{error}: labelling with no weights (the nearest mention wins)")
            return np.zeros(len(antecedents.FEATURES))


def _labelled(path: Path, docs: list[dict[str, Any]], weights: np.ndarray) -> list[Labelled]:
    """Each pronoun choice whose quote matches a gold quote naming its speaker, labelled; the
    engine chooses with these weights meanwhile (its choices are later pronouns' antecedents)."""
    labelled = []
    for doc, _attributions, choices in attributed(
        path, docs, lambda: antecedents.observing(weights)
    ):
        gold = [
            quote for quote in gold_quotes(doc) if quote.required and is_judgeable(quote.speakers)
        ]
        for choice in choices:
            matched = [
                quote for quote in gold if spans_match(quote, choice.quote_start, choice.quote_end)
            ]
            if not matched:
                continue
            names = [item.antecedent.name for item in choice.reachable]
            labels = [speaker_matches([name], matched[0].speakers) for name in names]
            positions = [item.antecedent.position for item in choice.reachable]
            labelled.append((choice.rows, labels, positions))
    return labelled


def _right(weights: np.ndarray, choice: Labelled) -> bool:
    """Whether these weights pick an antecedent the gold names."""
    rows, labels, positions = choice
    return bool(rows) and labels[antecedents.best(rows, positions, weights)]


def _rows_and_labels(choices: list[Labelled]) -> list[tuple[list[list[float]], list[bool]]]:
    return [(rows, labels) for rows, labels, _positions in choices]
