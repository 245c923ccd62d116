"""manage.py evaluate_gender: the gender inference against bench/gold/speaker_gender.jsonl."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from quotes.attribution.gender import MAN, WOMAN, decide, gender_clues

GOLD_DIRS = (
    Path(settings.BASE_DIR) / "bench" / "gold",
    Path(settings.BASE_DIR).parent / "shared" / "data" / "gold",
)


class Command(BaseCommand):
    help = (
        "Infer the gender of every gold speaker from its article's text and its gold names "
        "(no engine run, so resolved pronouns are not used) and print coverage and accuracy "
        "over the speakers annotated woman or man."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("gold", nargs="?", default=str(GOLD_DIRS[0] / "speaker_gender.jsonl"))
        parser.add_argument("--misses", action="store_true", help="List every miss.")

    def handle(self, *args, **options) -> None:
        items = [json.loads(line) for line in Path(options["gold"]).read_text().splitlines()]
        texts = {}
        folders = (Path(options["gold"]).parent, *GOLD_DIRS)
        for item in items:
            if item["doc_id"] in texts:
                continue
            for folder in folders:
                path = folder / item["set"]
                if path.exists():
                    for line in path.read_text(encoding="utf-8").splitlines():
                        doc = json.loads(line)
                        texts[doc["id"]] = doc["text"]
                    break
        by_doc: dict[str, list[dict]] = {}
        for item in items:
            by_doc.setdefault(item["doc_id"], []).append(item)
        outcomes: Counter[tuple[str, str]] = Counter()
        for doc_id, speakers in by_doc.items():
            for item in speakers:
                others = [n for o in speakers if o is not item for n in o["speakers"]]
                clues = gender_clues(texts[doc_id], names=item["speakers"], other_names=others)
                predicted = decide(clues, kind="person")
                outcomes[(item["gender"], predicted)] += 1
                wrong = item["gender"] in (WOMAN, MAN) and predicted != item["gender"]
                if options["misses"] and wrong:
                    self.stdout.write(
                        f"{doc_id}\t{item['speakers'][0]}\t{item['gender']}\t{predicted}"
                    )
        people = sum(n for (gold, _), n in outcomes.items() if gold in (WOMAN, MAN))
        covered = sum(
            n
            for (gold, pred), n in outcomes.items()
            if gold in (WOMAN, MAN) and pred in (WOMAN, MAN)
        )
        right = sum(
            n for (gold, pred), n in outcomes.items() if gold in (WOMAN, MAN) and gold == pred
        )
        self.stdout.write(f"gold speakers: {len(items)}; women or men: {people}")
        self.stdout.write(f"coverage: {covered / people:.3f} ({covered}/{people} decided)")
        self.stdout.write(f"accuracy: {right / covered:.3f} ({right}/{covered} right)")
        for gender in (WOMAN, MAN):
            total = sum(n for (gold, _), n in outcomes.items() if gold == gender)
            hits = outcomes[(gender, gender)]
            self.stdout.write(f"  {gender}: {hits}/{total} found")
