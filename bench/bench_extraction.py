"""Extraction speed: plain spaCy parsing (all components) versus full quote extraction.

Runs the same articles through `nlp.pipe` with every component of the model, then through
`extract_many` (the engine disables what it does not use and adds its rules), in one process,
and prints both rates, their ratio (target >= 0.9) and the peak resident memory (target < 1 GB).
The ratio is also given by CPU time of the process, which a loaded machine changes less.

    .venv/bin/python bench/bench_extraction.py [ARTICLES.jsonl] [--rounds N] [--lang fr]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.attribution import extract_many, get_nlp  # noqa: E402
from quotes.attribution.pipeline import PARAGRAPH_COMPONENT  # noqa: E402

DEFAULT_ARTICLES = ROOT.parent / "shared" / "data" / "wikinews_fr_2012" / "articles.jsonl"
BATCH_SIZE = 16
WARM_UP_ARTICLES = 5


def load_texts(path: Path) -> list[str]:
    """Article texts of a JSONL file ({"text": …} per line)."""
    return [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line]


def time_plain_parse(texts: list[str], lang: str) -> float:
    """Seconds to parse every text with all of the model's own components."""
    nlp = get_nlp(lang)
    disabled = list(nlp.disabled)
    for name in disabled:
        nlp.enable_pipe(name)
    try:
        with nlp.select_pipes(disable=[PARAGRAPH_COMPONENT]):
            started = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
                pass
            return time.perf_counter() - started
    finally:
        for name in disabled:
            nlp.disable_pipe(name)


def time_extraction(texts: list[str], lang: str) -> tuple[float, int]:
    """Seconds to extract quotes from every text, and how many quotes were found."""
    started = time.perf_counter()
    results = extract_many(texts, lang, batch_size=BATCH_SIZE)
    return time.perf_counter() - started, sum(len(found) for found in results)


def peak_memory_megabytes() -> float:
    """Peak resident set size of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parse_options(description: str) -> argparse.Namespace:
    """The benchmarks' shared command line: ARTICLES.jsonl, --rounds N, --lang."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--rounds", type=int, default=3, help="best of N rounds (default 3)")
    parser.add_argument("--lang", default="fr")
    return parser.parse_args()


def main() -> None:
    """Measure and print the two rates, their ratio and the peak memory."""
    options = parse_options(__doc__.splitlines()[0])
    texts = load_texts(options.articles)
    characters = sum(len(text) for text in texts)
    # Load the model and warm both paths up so neither pays for first-call costs.
    time_plain_parse(texts[:WARM_UP_ARTICLES], options.lang)
    time_extraction(texts[:WARM_UP_ARTICLES], options.lang)
    plain_times, extraction_times, plain_cpu_times, extraction_cpu_times = [], [], [], []
    quotes = 0
    for _ in range(options.rounds):
        cpu = time.process_time()
        plain_times.append(time_plain_parse(texts, options.lang))
        plain_cpu_times.append(time.process_time() - cpu)
        cpu = time.process_time()
        seconds, quotes = time_extraction(texts, options.lang)
        extraction_cpu_times.append(time.process_time() - cpu)
        extraction_times.append(seconds)
    plain, extraction = min(plain_times), min(extraction_times)
    plain_cpu, extraction_cpu = min(plain_cpu_times), min(extraction_cpu_times)
    print(f"{len(texts)} articles, {characters} characters, best of {options.rounds} rounds")
    print(
        f"plain nlp.pipe (all components): {len(texts) / plain:7.1f} articles/s  "
        f"{characters / plain:9.0f} chars/s"
    )
    print(
        f"full extraction ({quotes} quotes):  {len(texts) / extraction:7.1f} articles/s  "
        f"{characters / extraction:9.0f} chars/s"
    )
    print(f"ratio extraction / plain: {plain / extraction:.2f}  (target >= 0.90)")
    print(f"ratio by CPU time of this process: {plain_cpu / extraction_cpu:.2f}")
    print(f"peak memory: {peak_memory_megabytes():.0f} MB  (target < 1024 MB)")


if __name__ == "__main__":
    main()
