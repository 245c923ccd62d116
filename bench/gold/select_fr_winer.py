"""Choose the articles of a French Wikinews 2016-2018 gold set, and check a gold file.

Usage: python bench/gold/select_fr_winer.py SET ../shared/data/winer_fr/articles.jsonl
           [../shared/data/gold]
       python bench/gold/select_fr_winer.py --check GOLD.jsonl
           ../shared/data/winer_fr/articles.jsonl

The first form prints the articles chosen for SET (a name of CHOICES: fr_winer_blind4 to
fr_winer_blind20), one a line: id, length, score, title. Surface patterns only, never engine
output. Every article of the gold files that existed before SET (looked for in this
folder and the extra folders given) is excluded, by id, by url and by its first 300 characters;
the others of the set's length range (`shortest` to `longest` characters) scoring at least 6 (with
`cued`, holding at least one cue of CUED instead; with `broad`, one of BROAD) form the pool,
sorted by id, and the set's rule chooses from it with its seed.

The second form checks a gold file by hand-annotators' rules: every text identical to the
source article of the same id, every quote_text equal to text[quote_start:quote_end] (Python str
offsets) and found only once in its text, and each quote's kind, speakers, cue and required well
formed. It prints the problems and exits 1 if there are any.
"""

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PAST = (
    r"déclaré|indiqué|affirmé|estimé|expliqué|précisé|ajouté|annoncé|souligné|assuré|dit"
    r"|confirmé|rappelé|fait savoir"
)
CUED = re.compile(
    r"«|\b(?:a|ont|avait)\s+(?:\w+\s+)?(?:déclaré|indiqué|affirmé|estimé|expliqué|précisé|ajouté"
    r"|annoncé|souligné|assuré|dit|confirmé)\b|\b(?:selon|d'après|d’après)\b|-t-(?:il|elle)\b",
    re.IGNORECASE,
)
BROAD = re.compile(
    r"[«“\"]|\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:déclaré|indiqué|affirmé|estimé|expliqué"
    r"|précisé|ajouté|annoncé|souligné|assuré|dit|confirmé|rappelé|fait savoir|réagi|jugé|dénoncé"
    r"|reconnu|averti|lancé|répondu|confié|raconté|promis|demandé|qualifié|démenti|révélé|admis"
    r"|insisté|noté|évoqué|déploré|salué|regretté|critiqué|accusé|appelé)\b"
    r"|\b(?:déclare|indique|affirme|estime|explique|précise|ajoute|annonce|souligne|assure|dit"
    r"|dénonce|rappelle|juge|reconnaît|confie|raconte)\b"
    r"|\b(?:selon|d'après|d’après)\b|-t-(?:il|elle|ils|elles|on)\b",
    re.IGNORECASE,
)
PRESENT = r"déclare|indique|affirme|estime|explique|précise|ajoute|annonce|souligne|assure"
SPORT = re.compile(r"^(Tennis|Football|Rugby|Cyclisme|Athlétisme|Basket|Handball|Sport|JO|Jeux)")
INTERVIEW = re.compile(r"\b(?:interview|entretien|entrevue)\b", re.IGNORECASE)
KINDS = frozenset({"direct", "indirect", "mixed"})
FIRST_SETS = (
    "fr_dev.jsonl",
    "fr_heldout.jsonl",
    "fr_blind2.jsonl",
    "fr_blind3.jsonl",
    "fr_winer_dev.jsonl",
    "fr_winer_blind.jsonl",
    "fr_winer_blind_next.jsonl",
)


@dataclass(frozen=True)
class Choice:
    """How one set was chosen.

    rule "shuffled": the first `take` articles of the shuffled pool, then the first sport article
    after them. Rule "richest": the `take` highest scores (then more « marks, then longer), then,
    from the rest shuffled, its first sport article and its first `extra` other ones; with
    `interview`, also the first article (by id) in no earlier set whose title names an interview,
    whatever its score and length. With `any_sport`, when the pool holds no sport article, the
    sport article is the richest one (same order) of `shortest` characters or more in no earlier
    set, whatever its score. Rule "drawn": the first `take` articles of the shuffled pool, nothing
    else; with `cued`, the pool is every article of the length range holding a cue, not only those
    scoring at least 6, so that the set looks like ordinary news rather than the quote-richest.
    """

    before: tuple[str, ...]
    seed: int
    rule: str
    take: int
    extra: int = 0
    longest: int = 9000
    shortest: int = 800
    interview: bool = False
    any_sport: bool = False
    cued: bool = False
    broad: bool = False


CHOICES = {
    "fr_winer_blind4": Choice(FIRST_SETS, seed=20261206, rule="shuffled", take=22),
    "fr_winer_blind5": Choice(
        (*FIRST_SETS, "fr_winer_blind4.jsonl"), seed=20261207, rule="richest", take=20, extra=3
    ),
    "fr_winer_blind6": Choice(
        (*FIRST_SETS, "fr_winer_blind4.jsonl", "fr_winer_blind5.jsonl"),
        seed=20261208,
        rule="richest",
        take=21,
        longest=12000,
        interview=True,
    ),
    "fr_winer_blind7": Choice(
        (*FIRST_SETS, *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6))),
        seed=20261209,
        rule="richest",
        take=20,
        longest=17000,
        any_sport=True,
    ),
    "fr_winer_blind8": Choice(
        (*FIRST_SETS, *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7))),
        seed=20261210,
        rule="richest",
        take=20,
        longest=20000,
        shortest=500,
        any_sport=True,
    ),
    "fr_winer_blind9": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
        ),
        seed=20261211,
        rule="drawn",
        take=30,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind10": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
        ),
        seed=20261213,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind11": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
            "fr_winer_blind10.jsonl",
        ),
        seed=20261214,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind12": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
            "fr_winer_blind10.jsonl",
            "fr_winer_blind11.jsonl",
        ),
        seed=20261215,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind13": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
            "fr_winer_blind10.jsonl",
            "fr_winer_blind11.jsonl",
            "fr_winer_blind12.jsonl",
        ),
        seed=20261216,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind14": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
            "fr_winer_blind10.jsonl",
            "fr_winer_blind11.jsonl",
            "fr_winer_blind12.jsonl",
            "fr_winer_blind13.jsonl",
        ),
        seed=20261217,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind15": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            "fr_winer_blind9.jsonl",
            "fr_winer_blind10.jsonl",
            "fr_winer_blind11.jsonl",
            "fr_winer_blind12.jsonl",
            "fr_winer_blind13.jsonl",
            "fr_winer_blind14.jsonl",
        ),
        seed=20261218,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind16": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            *(f"fr_winer_blind{n}.jsonl" for n in range(9, 16)),
        ),
        seed=20261219,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind17": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            *(f"fr_winer_blind{n}.jsonl" for n in range(9, 17)),
        ),
        seed=20261220,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind18": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            *(f"fr_winer_blind{n}.jsonl" for n in range(9, 18)),
        ),
        seed=20261221,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind19": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            *(f"fr_winer_blind{n}.jsonl" for n in range(9, 19)),
        ),
        seed=20261222,
        rule="drawn",
        take=40,
        longest=12000,
        shortest=400,
        cued=True,
    ),
    "fr_winer_blind20": Choice(
        (
            *FIRST_SETS,
            *(f"fr_winer_blind{n}.jsonl" for n in (4, 5, 6, 7, 8)),
            "fr_2012_blind.jsonl",
            *(f"fr_winer_blind{n}.jsonl" for n in range(9, 20)),
        ),
        seed=20261223,
        rule="drawn",
        take=80,
        longest=20000,
        shortest=200,
        broad=True,
    ),
}


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


def used_keys(folders, names):
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


def load(articles_path):
    with open(articles_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def shuffled(pool, choice, unused):
    pool = list(pool)
    random.Random(choice.seed).shuffle(pool)
    sport = next(article for article in pool[choice.take :] if SPORT.match(article["title"]))
    return [*pool[: choice.take], sport]


def by_richness(articles):
    return sorted(
        articles,
        key=lambda article: (
            -score(article["text"]),
            -article["text"].count("«"),
            -len(article["text"]),
            article["id"],
        ),
    )


def richest(pool, choice, unused):
    top = by_richness(pool)[: choice.take]
    rest = [article for article in pool if article not in top]
    random.Random(choice.seed).shuffle(rest)
    sport = next((article for article in rest if SPORT.match(article["title"])), None)
    if sport is None and choice.any_sport:
        sport = next(
            article
            for article in by_richness(unused)
            if len(article["text"]) >= choice.shortest and SPORT.match(article["title"])
        )
    others = [article for article in rest if article is not sport][: choice.extra]
    return [*top, sport, *others]


def drawn(pool, choice, unused):
    pool = list(pool)
    random.Random(choice.seed).shuffle(pool)
    return pool[: choice.take]


RULES = {"shuffled": shuffled, "richest": richest, "drawn": drawn}


def holds_cue(text, choice):
    if choice.broad:
        return BROAD.search(text)
    if choice.cued:
        return CUED.search(text)
    return score(text) >= 6


def select(name, articles_path, folders):
    choice = CHOICES[name]
    ids, urls, heads = used_keys(folders, choice.before)
    unused = [
        article
        for article in load(articles_path)
        if article["id"] not in ids
        and article["url"] not in urls
        and article["text"][:300] not in heads
    ]
    pool = sorted(
        (
            article
            for article in unused
            if choice.shortest <= len(article["text"]) <= choice.longest
            and holds_cue(article["text"], choice)
        ),
        key=lambda article: article["id"],
    )
    chosen = RULES[choice.rule](pool, choice, unused)
    if choice.interview:
        chosen += [
            article
            for article in sorted(unused, key=lambda article: article["id"])
            if article not in chosen and INTERVIEW.search(article["title"])
        ][:1]
    return chosen


def check(gold_path, articles_path):
    """Problems of a gold file: texts changed, offsets wrong, spans repeated, fields malformed."""
    source = {article["id"]: article for article in load(articles_path)}
    problems = []
    for number, record in enumerate(load(gold_path), 1):
        key = record["id"].split("/", 1)[-1]
        where = f"line {number} ({key})"
        article = source.get(key)
        if article is None:
            problems.append(f"{where}: no source article of this id")
        elif any(record.get(field) != article[field] for field in ("text", "url", "date")):
            problems.append(f"{where}: text, url or date differs from the source")
        text = record["text"]
        for quote in record["quotes"]:
            span = quote["quote_text"]
            said = f"{where} {span[:40]!r}"
            if text[quote["quote_start"] : quote["quote_end"]] != span:
                problems.append(f"{said}: offsets do not give quote_text")
            if text.count(span) != 1:
                problems.append(f"{said}: found {text.count(span)} times in the text")
            if span != span.strip() or not span:
                problems.append(f"{said}: empty or with surrounding spaces")
            if quote["kind"] not in KINDS:
                problems.append(f"{said}: kind {quote['kind']!r}")
            speakers = quote["speakers"]
            if not speakers or not all(isinstance(name, str) and name for name in speakers):
                problems.append(f"{said}: speakers must be a list of names")
            if not quote.get("cue") or not isinstance(quote.get("required"), bool):
                problems.append(f"{said}: cue and required (true/false) are needed")
    return problems


def main(argv):
    parser = argparse.ArgumentParser(
        description="Choose a winer gold set's articles, or check a gold file."
    )
    parser.add_argument("--check", metavar="GOLD", help="check this gold file instead of choosing")
    parser.add_argument("set", nargs="?", choices=sorted(CHOICES), help="the set to choose")
    parser.add_argument("articles", help="../shared/data/winer_fr/articles.jsonl")
    parser.add_argument("folders", nargs="*", help="more folders of earlier gold sets")
    args = parser.parse_args(argv)
    if args.check:
        found = check(args.check, args.articles)
        print("\n".join(found) or "ok")
        return 1 if found else 0
    if args.set is None:
        parser.error("name the set to choose, or give --check GOLD")
    for article in select(args.set, args.articles, [Path(__file__).parent, *args.folders]):
        print(article["id"], len(article["text"]), score(article["text"]), article["title"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
