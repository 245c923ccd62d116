"""Property tests: extraction never raises and its offsets always point at the article."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.attribution.marks import find_quoted_spans

MARKS = "«»“”„\"'‘’‹›"
PIECES = st.one_of(
    st.sampled_from(list(MARKS)),
    st.sampled_from(
        [
            " ",
            "\n\n",
            "\u00a0",
            ", a-t-il dit",
            " a déclaré que ",
            " selon le ministre, ",
            ", ajoute-t-elle",
            " said John Smith",
            " according to the police, ",
            "Marie Curie",
            "il",
            ".",
            ":",
        ]
    ),
    st.text(min_size=0, max_size=12),
)
ARTICLES = st.lists(PIECES, max_size=40).map("".join)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def check_offsets(text, found):
    for item in found:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text
        assert item.kind in ("direct", "indirect", "mixed")
        assert 0.0 <= item.confidence <= 1.0
        if item.speaker_mention is not None:
            assert text[item.speaker_start : item.speaker_end] == item.speaker_mention
        else:
            assert item.speaker_start is None and item.speaker_end is None
        if item.cue_start is not None:
            assert 0 <= item.cue_start < item.cue_end <= len(text)


@given(text=st.text(alphabet=st.sampled_from(list(MARKS + "ab .\n")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_mark_scanning_never_raises_and_spans_are_ordered(text):
    spans = find_quoted_spans(text, "en") + find_quoted_spans(text, "fr")
    for span in spans:
        assert 0 <= span.open_start < span.start < span.end <= span.close_end <= len(text)


@given(text=ARTICLES)
@PROPERTY_SETTINGS
def test_french_extraction_never_raises_and_keeps_offsets(extract_fr, text):
    check_offsets(text, extract_fr(text))


@given(text=ARTICLES)
@PROPERTY_SETTINGS
def test_english_extraction_never_raises_and_keeps_offsets(extract_en, text):
    check_offsets(text, extract_en(text))


def test_seed_offsets(extract_fr, seed_text):
    check_offsets(seed_text, extract_fr(seed_text))
