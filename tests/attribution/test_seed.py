"""The Reuters French-service seed article: every quote with its right speaker."""

from __future__ import annotations

import pytest

from tests.attribution.conftest import find_quote


@pytest.fixture(scope="module")
def seed_quotes(seed_text, extract_fr):
    return extract_fr(seed_text)


@pytest.mark.parametrize(
    ("fragment", "kind", "speaker_words"),
    [
        ("le soutien à l’Ukraine dans sa défense", "direct", "département d’Etat"),
        ("Nous travaillons dur pour laisser l’Ukraine", "direct", "Porte-parole américain"),
        ("Le travail le plus important", "direct", "Anne-Marie Slaughter"),
        ("(Blinken) devrait pouvoir faire les choses", "direct", "Anne-Marie Slaughter"),
        ("rappelant aux Européens", "direct", "Anne-Marie Slaughter"),
        ("Si les équipes de Biden tentent", "direct", "Daniel Fried"),
        ("environ 11 000 soldats nord-coréens", "indirect", "Ukraine"),
        ("une telle réunion ait eu lieu", "indirect", "Kremlin"),
        ("L’administration Biden n’a plus de cartes", "indirect", "Daniel Fried"),
        ("Il pourrait tenter avec ses alliés", "indirect", "Daniel Fried"),
        ("il mettrait fin à la guerre", "indirect", "Donald Trump"),
        ("Cela concerne non seulement", "indirect", "responsable"),
    ],
)
def test_seed_quote_and_speaker(seed_quotes, fragment, kind, speaker_words):
    found = find_quote(seed_quotes, fragment)
    assert found.kind == kind
    assert speaker_words in (found.speaker or "")


def test_seed_anonymous_sources(seed_quotes):
    official = find_quote(seed_quotes, "Nous travaillons dur")
    assert official.speaker_kind == "anonymous"
    source = find_quote(seed_quotes, "entretien téléphonique avec Vladimir Poutine")
    assert source.speaker_kind == "anonymous"
    assert source.cue == "selon"


def test_seed_speakers_are_clean_names_not_fragments(seed_quotes):
    """What the app stores: a name, with the words after it as the description."""
    official = find_quote(seed_quotes, "Nous travaillons dur")
    assert official.speaker == "Porte-parole américain"
    assert official.speaker_description == "fonctionnaire qui a demandé l’anonymat"
    source = find_quote(seed_quotes, "entretien téléphonique avec Vladimir Poutine")
    assert source.speaker == "source proche de cette conversation"


def test_seed_stray_mark_swallows_nothing(seed_quotes, seed_text):
    last = find_quote(seed_quotes, "Si les équipes de Biden")
    assert last.end < len(seed_text)
    assert not any("rapproche-toi" in item.text for item in seed_quotes)


def test_seed_names_are_normalised(seed_quotes):
    for item in seed_quotes:
        if item.speaker:
            assert not item.speaker.startswith(("L’", "l’", "L'", "l'"))
            assert item.speaker == item.speaker.strip(" ,.;:")
