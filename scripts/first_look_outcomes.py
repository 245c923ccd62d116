"""Record how right the engine was on each French gold set the first time it saw it.

Usage: .venv/bin/python scripts/first_look_outcomes.py [--output FILE]
       (default: bench/gold/first_look_outcomes.jsonl)

Every fr_winer set after the first was scored blind once, by the engine of the round before it
was looked into (FIRST_LOOKS: the set and that commit). The first, fr_winer_blind, was scored at
565948a, before the engine could report the evidence behind a confidence, so it is left out.
This script extracts each of those commits into a temporary folder (`git archive`), runs its
engine on the set (with this checkout's Python and spaCy models), judges the output with this
checkout's scorer and writes one line per judged prediction: set, document, calibration key
(language, evidence, kind, speaker route), raw score and whether it was right end to end.
`manage.py calibrate` fits French confidence on these lines beside the dev outcomes: they tell
how often the engine is right on articles it was not tuned on, which the dev sets, tuned on
since, overstate. They come from older engines than the one calibrated: each was one round
past its tuning when it met its set, as the current engine is when it meets new articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.attribution.evaluation import evaluate, read_gold_file  # noqa: E402
from quotes.attribution.records import Attribution  # noqa: E402

OUTPUT = ROOT / "bench" / "gold" / "first_look_outcomes.jsonl"
# (gold set, the commit whose engine scored it blind, once): the README's blind scores.
FIRST_LOOKS = (
    ("fr_winer_blind_next", "22e8aefbd1d33f07c28c5d618fae1b98adc5384c"),
    ("fr_winer_blind4", "994fd0f6b0e456f1ac81fccf0a23840c835746b7"),
    ("fr_winer_blind5", "6999dd22b848252908ad6625ddd895ce4f6fcca7"),
    ("fr_winer_blind6", "303a272086707c20c299636131e476a0bb9498b4"),
    ("fr_winer_blind7", "1212d9bd882a6bbac78b9db177d6e6c3a6e3c6d9"),
    ("fr_winer_blind8", "67d53dd1cea260d4eece68a491ac8672ab72991e"),
    ("fr_2012_blind", "67d53dd1cea260d4eece68a491ac8672ab72991e"),
    ("fr_winer_blind9", "ee3aaf2495a50b6d3b18f8a8cbd76e559666a417"),
    ("fr_winer_blind10", "ee3aaf2495a50b6d3b18f8a8cbd76e559666a417"),
    ("fr_winer_blind11", "1234dc1dbcb856ca7c38e05a1c54e327b439e736"),
    ("fr_winer_blind12", "81a48d9389a67ea445b6e37ef0b7a6d5fd4a93a2"),
    ("fr_winer_blind13", "ac1a115a772e0477e6776848ee45cdc89a245edf"),
    ("fr_winer_blind14", "60d2f6192cce247749ec219cc4d2a00050d64bfc"),
    ("fr_winer_blind15", "2db955bb24127de55e0f1d3004f95a934cfc626d"),
    ("fr_winer_blind16", "4b5a39d10ab4d28991d2eb536f115695b39331dd"),
    ("fr_winer_blind17", "9fda79799c7734a74bdb8c41f10831fac7aedda2"),
    ("fr_winer_blind18", "a373bc1e83b6f69bbf3a87a40595153688b99c85"),
    ("fr_winer_blind19", "3397b0026d3dd915d395bbac6eba3199030d0a61"),
    ("fr_winer_blind20", "9a385cfbe62874ad7320271011c47f3694542e28"),
)
# Run inside the old checkout: its engine on the gold texts, one JSON line per document with
# its attributions and the calibration key and raw score behind each one's confidence.
CHILD = """
import dataclasses, json, sys
sys.path.insert(0, ".")
from quotes.attribution.confidence import observing
from quotes.attribution.pipeline import extract_parsed
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
with observing() as observations:
    found = extract_parsed((doc["text"] for doc in docs), "fr")
    for doc in docs:
        before = len(observations)
        _parsed, attributions = next(found)
        seen = observations[before:]
        if len(seen) != len(attributions):
            sys.exit(f"{doc['id']}: a confidence computed off the output")
        print(json.dumps({"id": str(doc["id"]), "found": [
            {**dataclasses.asdict(item), "key": dataclasses.asdict(observation.features),
             "raw": observation.raw}
            for item, observation in zip(attributions, seen)
        ]}, ensure_ascii=False))
"""


def outcomes(name: str, commit: str) -> list[dict]:
    """The judged predictions of `commit`'s engine on gold set `name`."""
    gold_path = ROOT / "bench" / "gold" / f"{name}.jsonl"
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        run = subprocess.run(
            [sys.executable, "-c", CHILD, str(gold_path)],
            cwd=folder,
            capture_output=True,
            text=True,
        )
    if run.returncode != 0:
        sys.exit(f"{name}: the engine of {commit[:7]} failed:\n{run.stderr}")
    predictions: dict[str, list[Attribution]] = {}
    keys: dict[int, tuple[dict, float]] = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        found = []
        for item in record["found"]:
            key, raw = item.pop("key"), item.pop("raw")
            attribution = Attribution(**item)
            keys[id(attribution)] = (key, raw)
            found.append(attribution)
        predictions[record["id"]] = found
    docs = read_gold_file(gold_path)
    report = evaluate(docs, predictions)
    doc_of = {id(item): doc_id for doc_id, found in predictions.items() for item in found}
    lines = []
    for item, right in report.judged:
        key, raw = keys[id(item)]
        lines.append(
            {"set": name, "commit": commit[:7], "doc_id": doc_of[id(item)], **key, "raw": raw,
             "right": right}
        )  # fmt: skip
    print(
        f"{name} at {commit[:7]}: {len(lines)} judged, {sum(line['right'] for line in lines)} "
        f"right, end-to-end F1 {report.end_to_end_f1:.3f}",
        file=sys.stderr,
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    options = parser.parse_args()
    lines = [line for name, commit in FIRST_LOOKS for line in outcomes(name, commit)]
    options.output.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    print(f"wrote {len(lines)} lines to {options.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
