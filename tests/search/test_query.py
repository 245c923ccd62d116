"""Parsing web-search syntax: the word being typed, and the tsquery text PostgreSQL is given."""

from __future__ import annotations

from quotes.search.query import highlight, parse, tsquery_text


def test_only_a_bare_word_ending_the_query_is_a_prefix():
    assert parse("guerre ukrai").positive[-1].prefix
    assert not parse("guerre ukrai ").positive[-1].prefix
    assert not parse('"ukrai"').positive[-1].prefix
    assert not parse("uk").positive[-1].prefix
    assert not parse("guerre -ukrai").positive[-1].prefix
    assert parse("Trump or Bide").positive[-1].prefix


def test_tsquery_text_quotes_words_and_marks_the_prefix_and_weights():
    parsed = parse('"Corée du Sud" -Trump défense or ukrai')

    assert tsquery_text(parsed, weights="AB") == (
        "(('coree':AB <-> 'du':AB <-> 'sud':AB)) & (('defense':AB) | ('ukrai':*AB))"
        " & !(('trump':AB))"
    )
    assert tsquery_text(parse("ukrai")) == "(('ukrai':*))"


def test_highlight_marks_words_starting_with_the_prefix():
    assert highlight("L'Ukraine résiste", parse("ukrai")) == "L&#x27;<mark>Ukraine</mark> résiste"
    assert "<mark>" not in highlight("L'Ukraine résiste", parse("ukrai "))


def test_filters_as_url_parameters_repeat_a_facet_for_each_value():
    from quotes.search import SearchFilters

    filters = SearchFilters(outlet=("AFP", "Reuters"), kind="direct")

    assert filters.params() == [("kind", "direct"), ("outlet", "AFP"), ("outlet", "Reuters")]
