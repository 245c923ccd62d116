"""manage.py export_gold PATH: the newsroom's reviewed quotes as a gold JSONL evaluation set.

One line per article that has at least one reviewed quote, in the format of
../shared/data/gold/*.jsonl (id, lang, title, text, quotes with quote_text, quote_start,
quote_end, kind, speakers, cue, required), so `evaluate PATH` scores the engine on it:

- confirmed, corrected and editor-added quotes are gold items with "required": true;
- the article's still unreviewed machine quotes are listed with "required": false, so a
  prediction there is neutral (nobody has checked it yet) rather than a false positive;
- rejected quotes are NOT in "quotes": they are the negatives, listed in an extra
  "negatives" field (same item shape) that `evaluate` ignores; a prediction on a rejected
  span is then counted as a false positive, which is what a rejection means.

"speakers" holds the speaker's name then its aliases; "cue" is the reporting words as found in
the text (not a lemma); "review_status" and "origin" are kept on each item for reference.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from quotes.models import Language
from quotes.selectors.editing import gold_documents


class Command(BaseCommand):
    help = "Write reviewed quotes as gold JSONL (rejected ones as negatives); PATH or - for stdout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="output file, or - for standard output")
        parser.add_argument(
            "--lang", choices=Language.values, default="", help="only articles in this language"
        )

    def handle(self, *args, **options) -> None:
        path = options["path"]
        to_stdout = path == "-"
        out = self.stdout if to_stdout else open(path, "w", encoding="utf-8")  # noqa: SIM115
        articles = quotes = negatives = 0
        try:
            for document in gold_documents(language=options["lang"]):
                line = json.dumps(document, ensure_ascii=False)
                # The command's stdout wrapper ends each write with a newline itself.
                out.write(line if to_stdout else line + "\n")
                articles += 1
                quotes += sum(item["required"] for item in document["quotes"])
                negatives += len(document["negatives"])
        finally:
            if not to_stdout:
                out.close()
        summary = f"{articles} articles, {quotes} gold quotes, {negatives} rejected (negatives)"
        self.stderr.write(summary)
