"""Print the articles chosen for fr_winer_blind4.jsonl (surface patterns only, no engine).

Usage: python bench/gold/select_fr_winer_blind4.py ../shared/data/winer_fr/articles.jsonl
       [../shared/data/gold]

Excludes every article (by id, url or first 300 characters of text) of the gold sets that
existed before fr_winer_blind4 (EARLIER, looked for in bench/gold and the extra folders given),
keeps those of 800 to 9,000 characters scoring at least 6, sorts them by id, shuffles them with
a fixed seed, takes the first 22 and adds the first sport article of the rest of the shuffled
list.
"""

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261206
TAKE = 22
EARLIER = (
    "fr_dev.jsonl",
    "fr_heldout.jsonl",
    "fr_blind2.jsonl",
    "fr_blind3.jsonl",
    "fr_winer_dev.jsonl",
    "fr_winer_blind.jsonl",
    "fr_winer_blind_next.jsonl",
)
PAST = (
    r"déclaré|indiqué|affirmé|estimé|expliqué|précisé|ajouté|annoncé|souligné|assuré|dit"
    r"|confirmé|rappelé|fait savoir"
)
PRESENT = r"déclare|indique|affirme|estime|explique|précise|ajoute|annonce|souligne|assure"
SPORT = re.compile(r"^(Tennis|Football|Rugby|Cyclisme|Athlétisme|Basket|Handball|Sport|JO|Jeux)")


def score(text):
    """Count « marks, reporting verbs, selon/d'après and inverted cues (as for fr_blind3)."""
    total = text.count("«")
    total += len(re.findall(rf"\b(?:a|ont|avait)\s+(?:\w+\s+)?(?:{PAST})\b", text))
    total += len(re.findall(rf"\b(?:{PRESENT})\b", text))
    total += 2 * len(re.findall(r"\b(?:selon|d'après|d’après)\b", text, re.IGNORECASE))
    total += 2 * len(re.findall(r"-t-(?:il|elle|ils|elles)\b", text))
    total += 2 * len(re.findall(rf", (?:a|ont) (?:{PAST}) ", text))
    total += 2 * len(re.findall(rf"\b(?:{PAST}|{PRESENT})\s+qu(?:e\b|'|’)", text))
    return total


def used_keys(folders, names=EARLIER):
    """Ids, urls and text openings of the articles of the gold files named in names."""
    ids, urls, heads = set(), set(), set()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.jsonl")):
            if path.name not in names:
                continue
            for line in path.open(encoding="utf-8"):
                record = json.loads(line)
                ids.add(record["id"].split("/", 1)[-1])
                urls.add(record.get("url"))
                heads.add(record["text"][:300])
    return ids, urls, heads


def select(articles_path, folders):
    ids, urls, heads = used_keys(folders)
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
    random.Random(SEED).shuffle(pool)
    sport = next(article for article in pool[TAKE:] if SPORT.match(article["title"]))
    return [*pool[:TAKE], sport]


if __name__ == "__main__":
    folders = [Path(__file__).parent, *sys.argv[2:]]
    for article in select(sys.argv[1], folders):
        print(article["id"], article["title"])
