"""Gender inference cost: reading every speaker's clues after extraction, against extraction.

Extracts quotes from the articles (as ingestion does), groups them by speaker as the
attribution service does (one speaker per name), then reads each speaker's clues with
`quotes.attribution.gender.gender_clues` and decides; prints both times and their ratio.
The database writes of quotes/services/gender.py (two UPDATEs per speaker of an article) are
not in it.

    .venv/bin/python bench/bench_gender.py [ARTICLES.jsonl] [--limit N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.attribution import extract_many  # noqa: E402
from quotes.attribution.gender import decide, gender_clues  # noqa: E402

DEFAULT_ARTICLES = ROOT / "demo" / "wikinews_fr_2012.jsonl"


def speakers_of(attributions: list) -> dict[str, dict]:
    """Attributions grouped by speaker name: mentions, description and kind."""
    speakers: dict[str, dict] = {}
    for attribution in attributions:
        if not attribution.speaker:
            continue
        speaker = speakers.setdefault(
            attribution.speaker,
            {"mentions": [], "description": "", "kind": attribution.speaker_kind},
        )
        if attribution.speaker_mention:
            speaker["mentions"].append(
                (attribution.speaker_start, attribution.speaker_end, attribution.speaker_mention)
            )
        speaker["description"] = speaker["description"] or attribution.speaker_description
    return speakers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=20, help="Gender passes to average.")
    args = parser.parse_args()
    lines = args.articles.read_text("utf-8").splitlines()[: args.limit]
    texts = [json.loads(line)["text"] for line in lines if line]

    started = time.perf_counter()
    results = extract_many(texts, "fr")
    extraction = time.perf_counter() - started

    grouped = [(text, speakers_of(found)) for text, found in zip(texts, results, strict=True)]
    started = time.perf_counter()
    decided = 0
    for _ in range(args.rounds):
        for text, speakers in grouped:
            for name, speaker in speakers.items():
                others = [other for other in speakers if other != name]
                clues = gender_clues(
                    text,
                    names=[name],
                    mentions=speaker["mentions"],
                    description=speaker["description"],
                    other_names=others,
                )
                decide(clues, kind=speaker["kind"], name=name)
                decided += 1
    gender = (time.perf_counter() - started) / args.rounds
    print(f"articles: {len(texts)}; speakers read: {decided // args.rounds}")
    print(f"extraction: {extraction:.2f} s; gender clues: {gender * 1000:.1f} ms")
    print(f"gender / extraction: {gender / extraction:.4f}")


if __name__ == "__main__":
    main()
