"""Topic extraction benchmark: P/R/F1@10 on the French Wikinews keyphrase corpus.

Runs yake, pytextrank (TopicRank) and ours (YAKE's statistics computed on the engine's parse,
held to topic parts of speech, plus named entities) on the same 100 articles. A predicted keyphrase
matches a reference when both have the same Snowball-stemmed, accent-folded words: the usual
stemmed exact match of keyphrase evaluations, applied alike to every system.

    .venv/bin/python bench/bench_topics.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytextrank  # noqa: E402, F401  (registers the "topicrank" spaCy factory)
import spacy  # noqa: E402
import Stemmer  # noqa: E402
import yake  # noqa: E402

from quotes.attribution import get_nlp  # noqa: E402
from quotes.text import fold  # noqa: E402
from quotes.topics.extract import extract_topics  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wikinews_fr_2012"
K = 10
OURS = "ours (YAKE statistics on the parse + POS + NER)"
_STEMMER = Stemmer.Stemmer("french")
_WORD = re.compile(r"\w+")


def match_key(phrase: str) -> str:
    return " ".join(_STEMMER.stemWords(_WORD.findall(fold(phrase))))


def load() -> tuple[list[dict], dict[str, set[str]]]:
    articles = [json.loads(line) for line in (DATA / "articles.jsonl").open(encoding="utf-8")]
    references = {}
    for line in (DATA / "keyphrases.tsv").open(encoding="utf-8"):
        name, phrases = line.rstrip("\n").split("\t")
        references[name.removesuffix(".html")] = {match_key(p) for p in phrases.split(";") if p}
    return articles, references


def top_k(phrases: list[str]) -> list[str]:
    """The first K distinct keys, so that no system is credited twice for one phrase."""
    keys: list[str] = []
    for phrase in phrases:
        key = match_key(phrase)
        if key and key not in keys:
            keys.append(key)
    return keys[:K]


def score(predictions: dict[str, list[str]], references: dict[str, set[str]]) -> dict:
    precision = recall = 0.0
    for name, wanted in references.items():
        got = predictions.get(name, [])
        hits = len(set(got) & wanted)
        precision += hits / len(got) if got else 0.0
        recall += hits / len(wanted) if wanted else 0.0
    n = len(references)
    p, r = precision / n, recall / n
    return {"P@10": p, "R@10": r, "F1@10": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> None:
    articles, references = load()
    systems = {}
    keyword_extractor = yake.KeywordExtractor(lan="fr", n=3, top=30)
    topicrank = spacy.load("fr_core_news_md")
    topicrank.add_pipe("topicrank")
    ours_nlp = get_nlp("fr")
    runners = {
        "yake (n=3)": lambda text: [k for k, _ in keyword_extractor.extract_keywords(text)],
        "pytextrank TopicRank": lambda text: [p.text for p in topicrank(text)._.phrases[:30]],
        OURS: lambda text: [t.label for t in extract_topics(text, "fr", nlp=ours_nlp, limit=20)],
    }
    for name, run in runners.items():
        started = time.perf_counter()
        predictions = {
            article["id"].split("/")[-1]: top_k(run(article["text"])) for article in articles
        }
        elapsed = time.perf_counter() - started
        systems[name] = {**score(predictions, references), "seconds": elapsed}
    print(f"Topic extraction on {len(articles)} French Wikinews articles (stemmed exact match)\n")
    print("| system | P@10 | R@10 | F1@10 | time (s) |")
    print("|---|---|---|---|---|")
    for name, result in systems.items():
        print(
            f"| {name} | {result['P@10']:.3f} | {result['R@10']:.3f} | "
            f"{result['F1@10']:.3f} | {result['seconds']:.1f} |"
        )
    best_other = max(v["F1@10"] for k, v in systems.items() if k != OURS)
    ours = systems[OURS]["F1@10"]
    print(f"\nours - best library = {ours - best_other:+.3f} F1@10")


if __name__ == "__main__":
    main()
