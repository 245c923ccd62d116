"""Export speed and memory: CSV and JSON Lines of a large base at two sizes (flat memory).

Needs the synthetic base of bench_search.py (`manage.py build_synthetic`, 1,000,000 quotes):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/quotes_synth DEBUG=true
    .venv/bin/python bench/bench_export.py

Each export runs in a process of its own, through Django's test client (the view, its queries,
the streamed response, read to the end and thrown away), so the peak resident memory reported
is that export's alone; "before" is the same process's peak once Django was set up.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = (
    ("every public quote", "/search/export.{fmt}"),
    ("dated 2025 onwards", "/search/export.{fmt}?date_from=2025-01-01"),
    ("words `guerre`", "/search/export.{fmt}?q=guerre"),
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url: str) -> dict:
    """Download one export in this process; rows, bytes, seconds and peak memory."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.test import Client

    before = _peak_mb()
    started = time.perf_counter()
    response = Client().get(url)
    size = lines = 0
    for piece in response.streaming_content:
        size += len(piece)
        lines += piece.count(b"\n")
    seconds = time.perf_counter() - started
    # The CSV's header is a line too; the synthetic quotes hold no line breaks.
    rows = lines - 1 if ".csv" in url else lines
    return {"rows": rows, "bytes": size, "seconds": seconds, "before": before, "peak": _peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    print("| export | format | rows | MB | seconds | rows/s | peak memory (MB), before → during |")
    print("|---|---|---|---|---|---|---|")
    for name, pattern in CASES:
        for fmt in ("csv", "jsonl"):
            url = pattern.format(fmt=fmt)
            child = subprocess.run(
                [sys.executable, __file__, "--measure", url],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"| {name} | {fmt} | {result['rows']:,} | {result['bytes'] / 1e6:,.0f} |"
                f" {result['seconds']:,.1f} | {result['rows'] / result['seconds']:,.0f} |"
                f" {result['before']:,.0f} → {result['peak']:,.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
