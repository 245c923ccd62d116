"""The DESIGN metric: overlap matching, neutral items, speaker folding, kinds."""

from __future__ import annotations

import pytest

from quotes.attribution import Attribution
from quotes.attribution.evaluation import evaluate, is_proper_name, render, speaker_matches
from quotes.attribution.names import fold

TEXT = "Le maire a dit que la ville était prête. Selon la police, trois blessés. Fin du texte."


def predicted(start: int, end: int, speaker: str | None = None, kind: str = "indirect"):
    return Attribution(
        text=TEXT[start:end],
        start=start,
        end=end,
        kind=kind,
        speaker=speaker,
        speaker_mention=None,
        speaker_start=None,
        speaker_end=None,
        speaker_kind="other",
        speaker_description="",
        cue=None,
        cue_start=None,
        cue_end=None,
        confidence=0.5,
    )


def gold_doc(*quotes):
    return {"id": "doc", "text": TEXT, "quotes": list(quotes)}


def gold(start, end, speakers=("Le maire",), required=True, kind="indirect"):
    return {
        "quote_start": start,
        "quote_end": end,
        "kind": kind,
        "speakers": list(speakers),
        "required": required,
    }


def test_a_half_overlapping_prediction_matches_and_scores_its_speaker():
    report = evaluate([gold_doc(gold(19, 39))], {"doc": [predicted(15, 39, "le maire")]})
    assert (report.true_positives, report.false_positives, report.false_negatives) == (1, 0, 0)
    assert report.speaker_accuracy == 1.0
    assert report.end_to_end_f1 == 1.0


def test_a_prediction_too_long_for_the_gold_span_is_a_miss_and_a_false_positive():
    report = evaluate([gold_doc(gold(19, 39))], {"doc": [predicted(0, 85)]})
    assert (report.true_positives, report.false_positives, report.false_negatives) == (0, 1, 1)


def test_optional_gold_and_predictions_inside_other_gold_are_neutral():
    doc = gold_doc(gold(19, 39), gold(58, 71, ("la police",), required=False))
    predictions = [predicted(19, 39, "maire"), predicted(58, 71), predicted(19, 27)]
    report = evaluate([doc], {"doc": predictions})
    assert (report.true_positives, report.false_positives, report.false_negatives) == (1, 0, 0)


def test_each_gold_quote_matches_one_prediction():
    report = evaluate([gold_doc(gold(19, 39))], {"doc": [predicted(19, 39), predicted(19, 39)]})
    assert report.true_positives == 1
    assert report.false_positives == 0  # the duplicate lies inside the gold span: neutral


@pytest.mark.parametrize(
    ("candidates", "gold_speakers", "right"),
    [
        (["Donald Trump"], ("Trump",), True),
        (["trump"], ("Donald Trump",), True),
        (["Département d’Etat"], ("le département d'État",), True),
        (["Trumpet"], ("Trump",), False),
        (["il"], ("il",), False),
        ([None, "-t-il"], ("Daniel Fried",), False),
        ([None, "Daniel Fried"], ("Fried",), True),
    ],
)
def test_speaker_matching_folds_case_accents_and_whole_words(candidates, gold_speakers, right):
    assert speaker_matches(candidates, gold_speakers) is right


def test_fold_removes_accents_case_and_punctuation():
    assert fold("L’Élysée, Paris!") == "l elysee paris"


def test_direct_only_gold_without_speakers_scores_direct_predictions_only():
    doc = gold_doc(gold(19, 39, speakers=(), kind="direct"))
    report = evaluate([doc], {"doc": [predicted(19, 39, kind="direct"), predicted(58, 71)]})
    assert report.speaker_accuracy is None
    assert report.false_positives == 0
    assert "n/a" in render(report)


def test_verbose_render_lists_misses_and_false_positives():
    report = evaluate([gold_doc(gold(19, 39))], {"doc": [predicted(73, 85)]})
    text = render(report, verbose=True)
    assert "MISSES (1)" in text and "FALSE POSITIVES (1)" in text
    assert "recall by kind: indirect 0.000 (0/1)" in text


@pytest.mark.parametrize(
    ("speaker", "is_name"),
    [
        ("Emmanuel Macron", True),
        ("Mr. Obama", True),
        ("Charles de Gaulle", True),
        ("Jean-Luc Mélenchon", True),
        ("PolitiFact", True),
        ("he", False),
        ("He", False),
        ("It", False),
        ("who", False),
        ("Le ministre", False),
        ("la police", False),
        ("L’Élysée", False),
        ("Une mobilisation", False),
        ("The report", False),
        ("A new study", False),
        ("Porte-parole américain", False),
        ("experts", False),
        ("", False),
    ],
)
def test_a_proper_name_is_capitalised_words_without_pronoun_or_determiner(speaker, is_name):
    assert is_proper_name(speaker) is is_name


def test_direct_precision_counts_only_direct_predictions_and_ignores_neutral_ones():
    doc = gold_doc(gold(19, 39, kind="direct"), gold(58, 71, ("la police",), required=False))
    predictions = [
        predicted(19, 39, "le maire", kind="direct"),
        predicted(58, 71, kind="direct"),  # on an optional gold quote: neutral
        predicted(73, 85, kind="direct"),  # outside every gold quote: a false positive
        predicted(0, 11, kind="indirect"),  # a false positive, but not a direct one
    ]
    report = evaluate([doc], {"doc": predictions})
    assert (report.direct_true_positives, report.direct_false_positives) == (1, 1)
    assert report.direct_precision == 0.5
    assert report.precision == pytest.approx(1 / 3)
    assert "direct-quote precision: 0.500" in render(report)


def test_named_speaker_accuracy_scores_only_quotes_whose_gold_speaker_is_a_name():
    text_doc = gold_doc(
        gold(19, 39, speakers=("Anne Hidalgo", "la maire")),
        gold(41, 71, speakers=("il",)),
    )
    predictions = [predicted(19, 39, "Anne Hidalgo"), predicted(41, 71, "Paul")]
    report = evaluate([text_doc], {"doc": predictions})
    assert report.speaker_accuracy == 0.5
    assert (report.named_right_speakers, report.named_matches) == (1, 1)
    assert report.named_speaker_accuracy == 1.0
    assert "where the gold speaker is a name: 1.000  (1/1)" in render(report)


def test_real_speaker_share_counts_distinct_predicted_speakers_found_among_the_gold_ones():
    doc = gold_doc(gold(19, 39, speakers=("Anne Hidalgo",)), gold(58, 71, ("la police",)))
    predictions = [
        predicted(19, 39, "Anne Hidalgo"),
        predicted(15, 39, "anne hidalgo"),  # the same speaker again
        predicted(58, 71, "Police"),
        predicted(73, 85, "Une mobilisation"),  # a fragment that is no source
    ]
    report = evaluate([doc], {"doc": predictions})
    assert (report.real_speakers, report.predicted_speakers) == (2, 3)
    assert "real sources (distinct per article): 0.667  (2/3)" in render(report)
