"""Would a learned ranker pick pronoun speakers' antecedents better than the rules? (Issue 10.)

Usage: .venv/bin/python bench/antecedent_ranker.py

Runs the engine on the ten French dev sets and, for every pronoun speaker of a quote that
matches a required gold quote, records the antecedents the rules chose from (every compatible
one up to SENTENCES_LOOKED_BACK sentences back) with features: how many sentences back,
subject or not, organisation, plural, gender known, already a speaker, the last speaker, in a
sentence whose subject is a pronoun, mentions of the name in the article, same paragraph,
how many compatible antecedents and subjects lie nearer, first or last in its sentence, "ce
dernier", distance, direct quote, and (a second model) the rules' own choice. A conditional
logit (softmax over each pronoun's antecedents, L2, gradient descent) is trained on nine sets and
scored on the tenth, for each set in turn; the rules are scored on the same pronouns. The
rules were tuned on these sets, so they are scored in sample; the ranker never is.
"""

from __future__ import annotations

import bisect
import math
import sys
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotes.attribution import resolution  # noqa: E402
from quotes.attribution.evaluation import gold_quotes, read_gold_file, speaker_matches  # noqa: E402
from quotes.attribution.names import LAST_NAMED, PLURAL_PRONOUNS  # noqa: E402
from quotes.attribution.pipeline import extract_parsed  # noqa: E402
from quotes.management.commands.calibrate import DEV_GOLD  # noqa: E402

# The French dev sets, as `calibrate` fits on them.
DEV_SETS = tuple(path for path in DEV_GOLD if "polnear" not in path)
L2 = 0.01
EPOCHS = 300
LEARNING_RATE = 0.5


class Recorder:
    """Wraps the rules' antecedent choice to keep each pronoun's pool and the rules' pick."""

    def __init__(self) -> None:
        self.choices: list[dict] = []
        self.text = ""
        self._speakers: list = []
        self._names = None
        self._pick = resolution._pick_antecedent
        self._resolve_one = resolution._resolve_one

    def resolve_one(self, mention, candidate, names, antecedents, speakers, starts, relayed):
        self._speakers, self._names = list(speakers), names
        return self._resolve_one(mention, candidate, names, antecedents, speakers, starts, relayed)

    def pick(self, mention, candidate, antecedents, sentence_starts, relayed):
        chosen = self._pick(mention, candidate, antecedents, sentence_starts, relayed)
        sentence = bisect.bisect_right(sentence_starts, mention.start) - 1
        pool = [
            antecedent
            for antecedent in antecedents
            if sentence - resolution.SENTENCES_LOOKED_BACK <= antecedent.sentence <= sentence
            and antecedent.position < mention.start
            and not (candidate.start <= antecedent.position < candidate.end)
            and resolution._compatible(
                mention, antecedent, same_sentence=antecedent.sentence == sentence
            )
        ]
        self.choices.append(
            {"mention": mention, "candidate": candidate, "pool": pool, "chosen": chosen,
             "sentence": sentence, "relayed": relayed, "speakers": {id(a) for a in self._speakers},
             "last": self._speakers[-1] if self._speakers else None, "names": self._names,
             "text": self.text}
        )  # fmt: skip
        return chosen


def features(choice: dict, antecedent, with_rules: bool) -> np.ndarray:
    mention, pool = choice["mention"], choice["pool"]
    back = choice["sentence"] - antecedent.sentence
    same_sentence = [other for other in pool if other.sentence == antecedent.sentence]
    counts = choice["names"].counts
    count = counts.get(antecedent.name, 0)
    last = choice["last"]
    values = [
        1.0,
        back == 0, back == 1, back == 2, back >= 3,
        antecedent.is_subject, antecedent.is_subject and back == 0,
        antecedent.kind == "organisation", antecedent.plural,
        antecedent.plural and mention.text.lower() in PLURAL_PRONOUNS,
        antecedent.gender is not None,
        id(antecedent) in choice["speakers"],
        last is not None and antecedent.name == last.name,
        antecedent.sentence in choice["relayed"],
        math.log1p(count), count == max(counts.values(), default=0),
        "\n" not in choice["text"][antecedent.position : mention.start],
        min(sum(other.position > antecedent.position for other in pool), 6) / 6,
        min(sum(o.position > antecedent.position and o.is_subject for o in pool), 4) / 4,
        antecedent is same_sentence[-1], antecedent is same_sentence[0],
        tuple(mention.text.lower().split()) in LAST_NAMED and antecedent is pool[-1],
        math.log1p(mention.start - antecedent.position) / 8,
        choice["candidate"].kind == "direct",
    ]  # fmt: skip
    if with_rules:
        values.append(antecedent is choice["chosen"])
    return np.array(values, dtype=float)


def pronoun_cases(path: str, recorder: Recorder, with_rules: bool) -> list[tuple]:
    """(features per antecedent, right per antecedent, rules right) of each judged pronoun."""
    docs = read_gold_file(ROOT / path)
    cases = []
    parsed = extract_parsed((doc["text"] for doc in docs), "fr")
    for doc in docs:
        recorder.text = doc["text"]
        before = len(recorder.choices)
        next(parsed)
        required = [quote for quote in gold_quotes(doc) if quote.required and quote.speakers]
        for choice in recorder.choices[before:]:
            candidate, pool = choice["candidate"], choice["pool"]
            gold = next(
                (
                    quote
                    for quote in required
                    if 2 * max(0, min(quote.end, candidate.end) - max(quote.start, candidate.start))
                    >= max(quote.end - quote.start, candidate.end - candidate.start)
                ),
                None,
            )
            if gold is None or not pool:
                continue
            right = np.array([speaker_matches([a.name], gold.speakers) for a in pool])
            chosen = choice["chosen"]
            rules = chosen is not None and speaker_matches([chosen.name], gold.speakers)
            cases.append((np.stack([features(choice, a, with_rules) for a in pool]), right, rules))
    return cases


def fit(cases: list[tuple]) -> np.ndarray:
    learnable = [(x, y) for x, y, _rules in cases if y.any()]
    weights = np.zeros(learnable[0][0].shape[1])
    for _ in range(EPOCHS):
        gradient = L2 * weights
        for x, y in learnable:
            scores = x @ weights
            probabilities = np.exp(scores - scores.max())
            probabilities /= probabilities.sum()
            gradient -= x.T @ (y / y.sum() - probabilities) / len(learnable)
        weights -= LEARNING_RATE * gradient
    return weights


def main() -> None:
    for with_rules in (False, True):
        recorder = Recorder()
        with (
            mock.patch.object(resolution, "_pick_antecedent", recorder.pick),
            mock.patch.object(resolution, "_resolve_one", recorder.resolve_one),
        ):
            by_set = {
                Path(path).stem: pronoun_cases(path, recorder, with_rules) for path in DEV_SETS
            }
        label = "ranker with the rules' choice as a feature" if with_rules else "ranker"
        print(f"{label}, each set held out (pronouns: rules right / ranker right / oracle):")
        totals = np.zeros(4, dtype=int)
        for held, cases in by_set.items():
            weights = fit([case for name, rest in by_set.items() if name != held for case in rest])
            ranker = sum(bool(y[int(np.argmax(x @ weights))]) for x, y, _rules in cases)
            row = np.array([len(cases), sum(r for *_, r in cases), ranker,
                            sum(bool(y.any()) for _x, y, _r in cases)])  # fmt: skip
            totals += row
            print(f"  {held:22s} {_counts(row)}")
        print(f"  {'all':22s} {_counts(totals)}")


def _counts(row: np.ndarray) -> str:
    return f"{row[0]:3d} pronouns: {row[1]:3d} / {row[2]:3d} / {row[3]:3d}"


if __name__ == "__main__":
    main()
