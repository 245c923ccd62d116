"""Quote grouping benchmark: a synthetic base with planted near-duplicates, grouped from scratch.

Runs the grouping that `manage.py group_quotes` runs (quotes.services.grouping.find_groups) on
rows generated in speaker order, as the command reads them from the database; the database's
own reading and writing are not part of the time. Speakers' quote counts follow a Zipf law, so
a few speakers have thousands of quotes (compared through MinHash LSH) and most have a handful
(compared pair by pair).

Planted in the base: copies of earlier quotes of the same speaker, changed as newspapers change
them (case and accents, punctuation and quotation marks, a cut at either end down to half the
words, an ellipsis in the middle, a translation mark, one word replaced; one or two of them),
and decoys that share a five-word phrase with an earlier quote but say something else.
Reported: time, peak memory (the process's maximum resident set), the share of planted copies
found in their original's group, and false merges (quotes grouped with a quote they were not
planted from).

    DEBUG=true .venv/bin/python bench/bench_grouping.py --quotes 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from quotes.services.grouping import LONG_WORDS, MIN_WORDS, find_groups  # noqa: E402

SYLLABLES = "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo".split()  # noqa: E501, SIM905
ACCENTED = str.maketrans("aeiou", "àéîôù")
MARKS = ("(traduction)", "[traduit de l'anglais]", "(translated)", "[sic]")
COPY_SHARE = 0.12
DECOY_SHARE = 0.02
ZIPF = 1.0
LARGEST_SPEAKER = 30_000


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def speaker_sizes(total: int) -> list[int]:
    """Quote counts per speaker, Zipf-distributed, summing to total."""
    sizes: list[int] = []
    rank = 1
    scale = total / 12
    while sum(sizes) < total:
        sizes.append(max(1, min(LARGEST_SPEAKER, int(scale / rank**ZIPF))))
        rank += 1
    sizes[-1] -= sum(sizes) - total
    return [size for size in sizes if size > 0]


def changed(rng: random.Random, words: list[str], vocab: list[str]) -> str:
    """A copy of a quote as another newspaper prints it: one or two changes."""
    words = list(words)
    changes = ("case", "punctuation")
    if len(words) >= LONG_WORDS + 4:
        changes += ("cut", "ellipsis", "mark", "word")
    chosen = set(rng.sample(changes, rng.choice((1, 1, 2))))
    if "cut" in chosen:
        keep = rng.randint(max(LONG_WORDS, len(words) // 2), len(words) - 1)
        words = words[:keep] if rng.random() < 0.5 else words[-keep:]
    if "ellipsis" in chosen and len(words) >= LONG_WORDS + 4:
        at = rng.randint(2, len(words) - 5)
        words = [*words[:at], "…", *words[at + rng.randint(1, 3) :]]
    if "word" in chosen:
        words[rng.randrange(len(words))] = rng.choice(vocab)
    text = " ".join(words)
    if "case" in chosen:
        text = text.upper().translate(ACCENTED) if rng.random() < 0.5 else text.capitalize()
    if "punctuation" in chosen:
        text = f"« {text.replace(' ', ', ', 1)}. »"
    if "mark" in chosen:
        text = f"{text} {rng.choice(MARKS)}"
    return text


def generate(total: int, seed: int, origins: array) -> Iterator[tuple[int, int, str]]:
    """(id, speaker, text) rows in speaker order; origins[id] is the id of the planted original."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    quote_id = 0
    for speaker, size in enumerate(speaker_sizes(total)):
        originals: list[tuple[int, list[str]]] = []
        for _ in range(size):
            roll = rng.random()
            if originals and roll < COPY_SHARE:
                origin, words = rng.choice(originals)
                text = changed(rng, words, vocab)
            else:
                origin = quote_id
                length = rng.choice(
                    (rng.randint(MIN_WORDS, LONG_WORDS - 1), rng.randint(LONG_WORDS, 45))
                )
                words = [rng.choice(vocab) for _ in range(length)]
                decoy = [w for _, w in originals[-1:]]
                if (
                    decoy
                    and roll < COPY_SHARE + DECOY_SHARE
                    and len(decoy[0]) >= 5
                    and length >= LONG_WORDS
                ):
                    at = rng.randrange(len(decoy[0]) - 4)
                    words[:5] = decoy[0][at : at + 5]
                originals.append((quote_id, words))
                text = " ".join(words)
            origins.append(origin)
            yield quote_id, speaker, text
            quote_id += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    origins = array("l")
    started = time.perf_counter()
    cpu_started = time.process_time()
    groups = list(find_groups(generate(args.quotes, args.seed, origins)))
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    group_of: dict[int, int] = {}
    false_merges = 0
    for index, members in enumerate(groups):
        counts: dict[int, int] = {}
        for pk in members:
            group_of[pk] = index
            counts[origins[pk]] = counts.get(origins[pk], 0) + 1
        false_merges += len(members) - max(counts.values())
    planted = found = 0
    for pk, origin in enumerate(origins):
        if origin != pk:
            planted += 1
            found += pk in group_of and group_of.get(origin) == group_of[pk]
    grouped = sum(len(members) for members in groups)
    print(f"quotes: {args.quotes:,}  planted copies: {planted:,}")
    print(f"groups: {len(groups):,}  grouped quotes: {grouped:,}")
    print(f"time: {wall:.1f} s wall, {cpu:.1f} s CPU  peak memory: {peak_mb:.0f} MB (max RSS)")
    print(f"planted copies found in their original's group: {found / max(planted, 1):.1%}")
    print(f"false merges (quotes grouped with a quote they were not copied from): {false_merges:,}")


if __name__ == "__main__":
    main()
