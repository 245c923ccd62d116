"""Print the articles chosen for fr_winer_blind5.jsonl (surface patterns only, no engine).

Usage: python bench/gold/select_fr_winer_blind5.py ../shared/data/winer_fr/articles.jsonl
       [../shared/data/gold]

Excludes every article (by id, url or first 300 characters of text) of the gold sets that
existed before fr_winer_blind5 (those of select_fr_winer_blind4.py and fr_winer_blind4 itself,
looked for in bench/gold and the extra folders given), keeps those of 800 to 9,000 characters
scoring at least 6 (the score of select_fr_winer_blind4.py), takes the 20 richest (score, then
« marks, then length), then shuffles the rest (sorted by id) with a fixed seed and adds its
first sport article and the first three others.
"""

import json
import random
import sys
from pathlib import Path

from select_fr_winer_blind4 import EARLIER, SPORT, score, used_keys

SEED = 20261207
TOP = 20
EXTRA = 3


def select(articles_path, folders):
    ids, urls, heads = used_keys(folders, (*EARLIER, "fr_winer_blind4.jsonl"))
    with open(articles_path, encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle]
    pool = [
        article
        for article in articles
        if article["id"] not in ids
        and article["url"] not in urls
        and article["text"][:300] not in heads
        and 800 <= len(article["text"]) <= 9000
        and score(article["text"]) >= 6
    ]
    pool.sort(key=lambda article: article["id"])
    richest = sorted(
        pool,
        key=lambda article: (
            -score(article["text"]),
            -article["text"].count("«"),
            -len(article["text"]),
            article["id"],
        ),
    )[:TOP]
    rest = [article for article in pool if article not in richest]
    random.Random(SEED).shuffle(rest)
    sport = next(article for article in rest if SPORT.match(article["title"]))
    others = [article for article in rest if article is not sport][:EXTRA]
    return [*richest, sport, *others]


if __name__ == "__main__":
    folders = [Path(__file__).parent, *sys.argv[2:]]
    for article in select(sys.argv[1], folders):
        print(article["id"], len(article["text"]), score(article["text"]), article["title"])
