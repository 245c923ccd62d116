"""Cost per article as texts grow: extraction time and peak memory, 10 KB to 1 MB.

Each text is extracted in a process of its own, so its peak resident memory is its own. Three
kinds of text: ordinary prose (French Wikinews 2016-2018 run together), one short quote per
paragraph, and nothing but quote marks. Prints seconds, seconds per 100,000 characters (flat
when the cost is linear), the quotes found and the peak memory (target < 1.5 GB at 1 MB); a
text over the engine's quote-mark limit is refused at once, which the table shows too.

    .venv/bin/python bench/bench_long_texts.py [--sizes 10000,100000,300000,1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "winer_fr" / "articles.jsonl"
KINDS = ("prose", "quote per paragraph", "quote marks")


def make_text(kind: str, size: int) -> str:
    """A French text of about size characters."""
    if kind == "prose":
        articles = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()]
        text = "\n\n".join(articles)
        while len(text) < size:
            text += "\n\n" + text
        return text[:size]
    unit = "Le maire a déclaré : « Un. »\n\n" if kind == "quote per paragraph" else "« » "
    return (unit * (size // len(unit) + 1))[:size]


def measure_one(kind: str, size: int) -> dict:
    """Extract one text in this process: seconds, quotes or refusal, peak memory."""
    sys.path.insert(0, str(ROOT))
    from quotes.attribution import extract_parsed, get_nlp
    from quotes.attribution.pipeline import TextOverLimit

    get_nlp("fr")("Chauffe.")
    text = make_text(kind, size)
    started = time.perf_counter()
    try:
        ((_doc, found),) = extract_parsed([text], "fr")
        outcome = f"{len(found)} quotes"
    except TextOverLimit as error:
        outcome = "refused: " + str(error).split(" per article")[0]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "outcome": outcome, "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,300000,1000000")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure_one(options.one[0], int(options.one[1]))))
        return
    sizes = [int(size) for size in options.sizes.split(",")]
    print(f"{'text':<22}{'chars':>10}{'seconds':>10}{'s/100k':>9}{'peak MB':>9}  outcome")
    for kind in KINDS:
        for size in sizes:
            run = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(size)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(run.stdout.splitlines()[-1])
            per_100k = result["seconds"] * 100_000 / size
            print(
                f"{kind:<22}{size:>10,}{result['seconds']:>10.1f}{per_100k:>9.1f}"
                f"{result['peak_mb']:>9.0f}  {result['outcome']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
