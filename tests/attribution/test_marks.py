"""Quote-mark scanning: every press style, nesting, paragraphs, stray marks."""

from __future__ import annotations

import pytest

from quotes.attribution.marks import find_quoted_spans


def contents(text: str, lang: str = "fr") -> list[str]:
    return [text[span.start : span.end] for span in find_quoted_spans(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit « nous partirons demain ».", ["nous partirons demain"]),
        ("Il a dit «\u00a0nous partirons\u00a0».", ["nous partirons"]),
        ("Il a dit «\u202fnous partirons\u202f».", ["nous partirons"]),
        ("Il a dit «nous partirons».", ["nous partirons"]),
        ("Elle a écrit “la réforme est morte”.", ["la réforme est morte"]),
        ("Er sagte „wir kommen morgen“ und ging.", ["wir kommen morgen"]),
        ('Le ministre a lancé "pas question" hier.', ["pas question"]),
    ],
)
def test_every_double_mark_style_is_found(text, expected):
    assert contents(text) == expected


def test_english_single_quotes_are_told_from_apostrophes():
    text = "He said 'we don't know' and the players' union's lawyer said 'no comment'."
    assert contents(text, "en") == ["we don't know", "no comment"]


def test_french_apostrophes_never_open_quotes():
    text = "L’Ukraine l’a dit : « c’est l’heure »."
    assert contents(text) == ["c’est l’heure"]


def test_nested_quotes_give_the_outer_passage():
    text = "Il a déclaré « le texte parle d’une “erreur grave” commise hier » devant la presse."
    assert contents(text) == ["le texte parle d’une “erreur grave” commise hier"]


def test_a_quote_reopened_at_each_paragraph_gives_one_passage_per_paragraph():
    text = "Elle a raconté : « Nous sommes arrivés tôt.\n\n« Puis tout a brûlé. »\n\nFin."
    spans = find_quoted_spans(text)
    assert [text[span.start : span.end] for span in spans] == [
        "Nous sommes arrivés tôt.",
        "Puis tout a brûlé.",
    ]
    assert spans[0].continues and not spans[1].continues


def test_a_quote_whose_reopening_mark_was_lost_still_ends_at_its_closing_mark():
    text = 'He said, "We played well.\n\nWe could have scored twice." Then he left.'
    assert contents(text, "en") == ["We played well.", "We could have scored twice."]


def test_a_stray_closing_mark_is_ignored():
    text = "“Premier passage”, dit-il. Puis rien. . rapproche-toi.” Enfin « second passage »."
    assert contents(text) == ["Premier passage", "second passage"]


def test_an_unclosed_mark_does_not_swallow_the_rest_of_the_article():
    text = "Il parle de « réforme sans fin.\n\nLe maire a dit « tout va bien » hier."
    assert contents(text) == ["tout va bien"]


def test_a_quote_inside_an_unclosed_mark_survives():
    text = "Un “titre sans fin puis il dit “oui vraiment” ce jour-là."
    assert contents(text) == ["oui vraiment"]


def test_offsets_point_inside_the_marks():
    text = "Il a dit : « bonjour » puis est parti."
    (span,) = find_quoted_spans(text)
    assert text[span.open_start] == "«"
    assert text[span.close_end - 1] == "»"
    assert text[span.start : span.end] == "bonjour"
