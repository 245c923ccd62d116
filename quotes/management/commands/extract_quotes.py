"""manage.py extract_quotes PATH|- [--lang fr|en|auto]: JSON attributions, no database."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.attribution import extract_many


class Command(BaseCommand):
    help = (
        "Print the quotations of an article (text file or '-' for stdin) as JSON lines. "
        "A .jsonl input holds one article per line ({id, text, lang?}); each output line then "
        "carries the article id. Needs no database."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="article text file, .jsonl of articles, or - for stdin")
        parser.add_argument("--lang", choices=["fr", "en", "auto"], default="auto")
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args, **options):
        path: str = options["path"]
        lang = None if options["lang"] == "auto" else options["lang"]
        if path == "-":
            articles = [(None, sys.stdin.read(), lang)]
        else:
            source = Path(path)
            if not source.is_file():
                raise CommandError(f"no such file: {path}")
            content = source.read_text(encoding="utf-8")
            articles = (
                _jsonl_articles(content, lang)
                if path.endswith(".jsonl")
                else [(None, content, lang)]
            )
        by_language: dict[str | None, list[int]] = {}
        for index, (_id, _text, article_lang) in enumerate(articles):
            by_language.setdefault(article_lang, []).append(index)
        results: list[list] = [[] for _ in articles]
        for article_lang, indices in by_language.items():
            found = extract_many(
                [articles[index][1] for index in indices],
                article_lang,
                batch_size=options["batch_size"],
            )
            for index, attributions in zip(indices, found, strict=True):
                results[index] = attributions
        for (article_id, _text, _lang), attributions in zip(articles, results, strict=True):
            for attribution in attributions:
                record = attribution.to_dict()
                if article_id is not None:
                    record = {"id": article_id, **record}
                self.stdout.write(json.dumps(record, ensure_ascii=False))


def _jsonl_articles(content: str, lang: str | None) -> list[tuple[object, str, str | None]]:
    articles = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise CommandError(f"line {number}: not an article object with a text") from error
        article_lang = lang or (item.get("lang") if item.get("lang") in ("fr", "en") else None)
        articles.append((item.get("id", number), text, article_lang))
    return articles
