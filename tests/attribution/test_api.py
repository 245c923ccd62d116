"""Public API: language detection, batching, records, lexicons."""

from __future__ import annotations

import dataclasses

import pytest

from quotes.attribution import Attribution, detect_language, extract_many, get_nlp
from quotes.attribution.cues import load_lexicon

DESIGN_KEYS = {
    "text", "start", "end", "kind", "speaker", "speaker_mention", "speaker_start",
    "speaker_end", "speaker_kind", "cue", "cue_start", "cue_end", "confidence",
    "speaker_description",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le ministre a déclaré que la réforme serait votée avant la fin de l’année.", "fr"),
        ("The minister said that the reform would be passed before the end of the year.", "en"),
        ("", "fr"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_extract_many_keeps_order_and_detects_each_language(fr_nlp, en_nlp):
    texts = [
        '"We are ready," said the coach, Tom Hardy.',
        "« Nous sommes prêts », a déclaré l’entraîneur Paul Henri.",
        "Nothing is quoted here at all.",
    ]
    english, french, nothing = extract_many(texts)
    assert english[0].text == "We are ready"
    assert french[0].text == "Nous sommes prêts"
    assert nothing == []


def test_attribution_is_frozen_and_serialises_to_the_design_keys():
    (found,) = extract_many(["« Tout va bien », a dit Jean Valjean."], "fr")[0]
    assert isinstance(found, Attribution)
    assert set(found.to_dict()) == DESIGN_KEYS
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.start = 0  # type: ignore[misc]


def test_get_nlp_is_loaded_once_without_unused_components(fr_nlp):
    assert get_nlp("fr") is fr_nlp
    assert "lemmatizer" not in fr_nlp.pipe_names
    assert "parser" in fr_nlp.pipe_names and "ner" in fr_nlp.pipe_names


def test_get_nlp_rejects_unknown_languages():
    with pytest.raises(ValueError):
        get_nlp("xx")


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("déclare", "déclarer"),
        ("annonça", "annoncer"),
        ("jugeait", "juger"),
        ("rappelle", "rappeler"),
        ("révèle", "révéler"),
        ("appuie", "appuyer"),
        ("dit", "dire"),
        ("reconnaît", "reconnaître"),
        ("promis", "promettre"),
        ("prévient", "prévenir"),
        ("avertit", "avertir"),
        ("poursuit", "poursuivre"),
    ],
)
def test_french_lexicon_inflects_regular_and_irregular_verbs(form, lemma):
    assert lemma in [entry.lemma for entry in load_lexicon("fr").forms[form]]


def test_french_lexicon_has_several_hundred_verbs_and_locutions():
    lemmas = {entry.lemma for entries in load_lexicon("fr").forms.values() for entry in entries}
    assert len(lemmas) >= 250
    assert {"faire savoir", "mettre en garde", "démentir", "souligner"} <= lemmas


@pytest.mark.parametrize(("form", "lemma"), [("said", "say"), ("denied", "deny"), ("told", "tell")])
def test_english_lexicon(form, lemma):
    assert lemma in [entry.lemma for entry in load_lexicon("en").forms[form]]
