"""manage.py evaluate_gender: the gender inference against bench/gold/speaker_gender.jsonl."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from quotes.attribution.evaluation import speaker_matches
from quotes.attribution.gender import MAN, WOMAN, decide, gender_clues

GOLD_DIRS = (
    Path(settings.BASE_DIR) / "bench" / "gold",
    Path(settings.BASE_DIR).parent / "shared" / "data" / "gold",
)
GENDERS = (WOMAN, MAN)


def _documents(items: list[dict], folders: tuple[Path, ...]) -> dict[str, dict]:
    """The gold documents the annotated speakers come from, by id."""
    documents: dict[str, dict] = {}
    for name in dict.fromkeys(item["set"] for item in items):
        path = next((folder / name for folder in folders if (folder / name).exists()), None)
        if path is None:
            raise FileNotFoundError(f"gold set {name} not found in {', '.join(map(str, folders))}")
        for line in path.read_text(encoding="utf-8").splitlines():
            document = json.loads(line)
            documents[document["id"]] = document
    return documents


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """The evaluation's match: the overlap covers half of each span."""
    shared = min(end, other_end) - max(start, other_start)
    return shared * 2 >= end - start and shared * 2 >= other_end - other_start and shared > 0


def _engine_view(document: dict, names: list[str], attributions: list) -> dict[str, Any]:
    """The mentions, description and kind the engine gave the quotes of one gold speaker."""
    spans = [
        (q["quote_start"], q["quote_end"])
        for q in document["quotes"]
        if set(q["speakers"]) & set(names)
    ]
    matched = [
        a
        for a in attributions
        if any(_overlaps(a.start, a.end, *s) for s in spans)
        and speaker_matches([a.speaker, a.speaker_mention], tuple(names))
    ]
    kinds = Counter(a.speaker_kind for a in matched if a.speaker)
    return {
        "mentions": [
            (a.speaker_start, a.speaker_end, a.speaker_mention)
            for a in matched
            if a.speaker_mention
        ],
        "description": next((a.speaker_description for a in matched if a.speaker_description), ""),
        "kind": kinds.most_common(1)[0][0] if kinds else "person",
    }


class Command(BaseCommand):
    help = (
        "Infer the gender of every annotated gold speaker from its article and print coverage "
        "(share of the women and men given a gender) and accuracy (share of those right). By "
        "default from the text and the gold names alone; --engine also runs the attribution "
        "engine and uses what it resolved to the speaker's quotes (pronouns, description, kind)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("gold", nargs="?", default=str(GOLD_DIRS[0] / "speaker_gender.jsonl"))
        parser.add_argument("--engine", action="store_true", help="Use the engine's mentions.")
        parser.add_argument("--misses", action="store_true", help="List every miss.")

    def handle(self, *args, **options) -> None:
        gold = Path(options["gold"])
        items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
        documents = _documents(items, (gold.parent, *GOLD_DIRS))
        by_document: dict[str, list[dict]] = {}
        for item in items:
            by_document.setdefault(item["doc_id"], []).append(item)
        outcomes: Counter[tuple[str, str]] = Counter()
        for doc_id, speakers in by_document.items():
            document = documents[doc_id]
            attributions = []
            if options["engine"]:
                from quotes.attribution import extract

                attributions = extract(document["text"], document.get("lang"))
            for item in speakers:
                view = {"mentions": [], "description": "", "kind": "person"}
                if options["engine"]:
                    view = _engine_view(document, item["speakers"], attributions)
                clues = gender_clues(
                    document["text"],
                    names=item["speakers"],
                    mentions=view["mentions"],
                    description=view["description"],
                    other_names=[n for o in speakers if o is not item for n in o["speakers"]],
                )
                predicted = decide(clues, kind=view["kind"], name=item["speakers"][0])
                outcomes[(item["gender"], predicted)] += 1
                if options["misses"] and item["gender"] in GENDERS and predicted != item["gender"]:
                    self.stdout.write(
                        f"{doc_id}\t{item['speakers'][0]}\t{item['gender']}\t{predicted}"
                    )
        self._report(len(items), outcomes)

    def _report(self, total: int, outcomes: Counter[tuple[str, str]]) -> None:
        people = sum(n for (gold, _), n in outcomes.items() if gold in GENDERS)
        covered = sum(
            n for (gold, pred), n in outcomes.items() if gold in GENDERS and pred in GENDERS
        )
        right = sum(n for (gold, pred), n in outcomes.items() if gold in GENDERS and gold == pred)
        same = sum(n for (gold, pred), n in outcomes.items() if gold == pred)
        self.stdout.write(f"gold speakers: {total}; women or men: {people}")
        self.stdout.write(f"coverage: {covered / people:.3f} ({covered}/{people} decided)")
        self.stdout.write(f"accuracy: {right / max(covered, 1):.3f} ({right}/{covered} right)")
        for gender in GENDERS:
            found = sum(n for (gold, _), n in outcomes.items() if gold == gender)
            self.stdout.write(f"  {gender}: {outcomes[(gender, gender)]}/{found} found")
        self.stdout.write(f"all four classes: {same / total:.3f} ({same}/{total} the same)")
