"""Calibrated confidence: the table, its lookup, the engine's use of it, the commands."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from quotes.attribution.confidence import (
    ConfidenceFeatures,
    calibrated,
    fit_table,
    load_calibration,
    observing,
)
from quotes.attribution.evaluation import (
    brier_score,
    calibration_bins,
    expected_calibration_error,
)

INCISE_NAMED = ConfidenceFeatures("fr", "incise", "direct", "named")
BARE_NONE = ConfidenceFeatures("fr", "bare", "direct", "none")


def samples(features: ConfidenceFeatures, right: int, wrong: int):
    return [(features, True)] * right + [(features, False)] * wrong


def test_a_well_observed_group_gets_about_its_share_right():
    table = fit_table(samples(INCISE_NAMED, 180, 20) + samples(BARE_NONE, 30, 70))
    assert calibrated(INCISE_NAMED, 0.95, table) == pytest.approx(0.9, abs=0.01)
    assert calibrated(BARE_NONE, 0.2, table) == pytest.approx(0.3, abs=0.02)


def test_a_small_group_leans_on_its_broader_group():
    rare = ConfidenceFeatures("fr", "colon", "mixed", "named")
    table = fit_table(samples(INCISE_NAMED, 90, 10) + samples(rare, 0, 1))
    # One wrong colon quote does not drag its group to zero: the named route says 0.9.
    assert 0.6 < calibrated(rare, 0.8, table) < 0.9


def test_a_language_without_a_table_keeps_the_raw_score():
    table = fit_table(samples(INCISE_NAMED, 5, 5))
    english = ConfidenceFeatures("en", "incise", "direct", "named")
    assert calibrated(english, 0.83, table) == 0.83
    assert calibrated(english, 0.83, {}) == 0.83


def test_fit_counts_right_and_judged_quotes_per_group():
    table = fit_table(samples(INCISE_NAMED, 3, 1) + samples(BARE_NONE, 0, 2))
    counts = table["languages"]["fr"]
    assert counts["*"] == [3, 6]
    assert counts["named"] == [3, 4]
    assert counts["incise|named"] == [3, 4]
    assert counts["bare|direct|none"] == [0, 2]


def test_calibration_bins_and_expected_error():
    outcomes = [(0.95, True)] * 9 + [(0.95, False)] + [(0.31, True)] + [(0.35, False)] * 3
    bins = calibration_bins(outcomes)
    assert [(round(b.low, 1), b.count, b.share_right) for b in bins] == [
        (0.3, 4, 0.25),
        (0.9, 10, 0.9),
    ]
    assert bins[0].mean_confidence == pytest.approx(0.34)
    # (4 * |0.34 - 0.25| + 10 * |0.95 - 0.9|) / 14
    assert expected_calibration_error(outcomes) == pytest.approx((0.36 + 0.5) / 14)
    assert brier_score([(0.9, True), (0.2, False)]) == pytest.approx((0.01 + 0.04) / 2)


def test_engine_confidence_comes_from_the_committed_table(extract_fr):
    text = (
        "« Nous tiendrons la digue jusqu'au bout », a déclaré Marc Blanc, le maire.\n\n"
        "« La situation est sous contrôle et les secours sont prêts à intervenir cette nuit. »"
    )
    with observing() as observations:
        found = extract_fr(text)
    assert len(observations) == len(found) == 2
    table = load_calibration()
    assert "fr" in table["languages"]
    for attribution, observation in zip(found, observations, strict=True):
        assert attribution.confidence == calibrated(observation.features, observation.raw, table)
    named, carried_over = found
    assert observation.features.lang == "fr"
    assert named.speaker == carried_over.speaker == "Marc Blanc"
    # The review queue shows the least confident first: a speaker carried over from the
    # previous quote is wrong more often than one named in the incise.
    assert carried_over.confidence < named.confidence


def gold_file(tmp_path, name="gold.jsonl"):
    text = "« Tout est prêt », a déclaré Jean Dupuis. Il fait beau."
    start = text.index("Tout")
    quote = {
        "quote_start": start,
        "quote_end": start + len("Tout est prêt"),
        "kind": "direct",
        "speakers": ["Jean Dupuis"],
        "required": True,
    }
    path = tmp_path / name
    path.write_text(json.dumps({"id": "g1", "lang": "fr", "text": text, "quotes": [quote]}))
    return path


def first_look_file(tmp_path, outcomes: list[bool]):
    """First-look outcomes of the incise-named group on a set called "earlier"."""
    path = tmp_path / "first_looks.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"set": "earlier", "doc_id": f"d{index}", "lang": "fr", "evidence": "incise",
                 "kind": "direct", "speaker_route": "named", "raw": 0.95, "right": right}
            ) + "\n"
            for index, right in enumerate(outcomes)
        )
    )  # fmt: skip
    return path


def calibrate(tmp_path, *options):
    output = tmp_path / "calibration.json"
    out = io.StringIO()
    call_command(
        "calibrate", str(gold_file(tmp_path)), "--output", str(output), *options, stdout=out
    )
    return json.loads(output.read_text()), out.getvalue()


def test_calibrate_writes_a_table_and_prints_errors_before_and_after(tmp_path):
    table, printed = calibrate(tmp_path, "--no-first-look")
    assert table["languages"]["fr"]["incise|direct|named"] == [1, 1]
    assert "first_looks" not in table
    assert table["fitted_on"] == ["gold.jsonl"]
    assert "gold.jsonl: " in printed and "held out" in printed


def test_first_looks_pull_a_group_toward_what_unseen_articles_gave(tmp_path):
    """Right on its dev quote, wrong on its four first-look quotes: the group's confidence
    follows the first looks, each worth four dev outcomes, and their hold-out is printed."""
    looks = first_look_file(tmp_path, [False] * 4)
    table, printed = calibrate(tmp_path, "--first-look", str(looks))
    assert table["languages"]["fr"]["incise|direct|named"] == [1, 1]
    assert table["first_looks"]["fr"]["incise|direct|named"] == [0, 4]
    assert table["first_look_sets"] == ["earlier"]
    assert "earlier: ECE" in printed
    without = calibrate(tmp_path, "--no-first-look")[0]
    assert calibrated(INCISE_NAMED, 0.95, table) < 0.5 < calibrated(INCISE_NAMED, 0.95, without)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"set": "earlier", "lang": "fr"}', r"first_looks\.jsonl, line 1: not a first-look"),
        (
            '{"set": "earlier", "doc_id": "d", "lang": "fr", "evidence": "incise", "kind": '
            '"direct", "speaker_route": "named", "raw": 0.9, "right": "false"}',
            "not true or false",
        ),
        (
            '{"set": "fr_written_blind21", "doc_id": "d", "lang": "fr", "evidence": "incise", '
            '"kind": "direct", "speaker_route": "named", "raw": 0.9, "right": false}',
            "fr_written_blind21 is a blind set",
        ),
    ],
)
def test_calibrate_names_a_broken_first_look_line(tmp_path, line, message):
    path = tmp_path / "first_looks.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(CommandError, match=message):
        calibrate(tmp_path, "--first-look", str(path))


def test_calibrate_says_how_to_make_missing_first_looks(tmp_path):
    with pytest.raises(CommandError, match=r"scripts/first_look_outcomes\.py"):
        calibrate(tmp_path, "--first-look", str(tmp_path / "missing.jsonl"))


@pytest.mark.parametrize("name", ["fr_written_blind21.jsonl"])
def test_calibrate_refuses_a_blind_set(tmp_path, name):
    blind = gold_file(tmp_path, name)
    with pytest.raises(CommandError, match="blind set"):
        call_command("calibrate", str(blind), "--output", str(tmp_path / "out.json"))


def test_evaluate_prints_a_calibration_table(tmp_path):
    out = io.StringIO()
    call_command("evaluate", str(gold_file(tmp_path)), stdout=out)
    report = out.getvalue()
    assert "confidence   count  mean conf  share right" in report
    assert "expected calibration error: " in report


def test_evaluate_fails_below_a_floor_naming_the_set_and_the_number(tmp_path):
    path = gold_file(tmp_path)
    with open(path, "a", encoding="utf-8") as extra:
        text = "Le ciel est bleu. Rien ne bouge."
        missed = {"quote_start": 0, "quote_end": 16, "kind": "indirect", "speakers": ["X"]}
        extra.write("\n" + json.dumps({"id": "g2", "lang": "fr", "text": text, "quotes": [missed]}))
    call_command("evaluate", str(path), "--min-f1", "0.6", "--min-e2e", "0.6", stdout=io.StringIO())
    with pytest.raises(CommandError) as failure:
        call_command("evaluate", str(path), "--min-e2e", "0.7", stdout=io.StringIO())
    assert failure.value.returncode == 1
    assert str(failure.value) == "gold.jsonl: end-to-end F1 0.667 is below the floor 0.700"


@pytest.mark.parametrize(
    ("line", "message"),
    [("{not json", "not JSON lines"), ('{"id": "g1"}', "not a gold document")],
)
def test_calibrate_refuses_a_bad_gold_file_in_one_line(tmp_path, line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(CommandError, match=message):
        call_command("calibrate", str(path), "--output", str(tmp_path / "out.json"))
