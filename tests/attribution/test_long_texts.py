"""Texts are parsed paragraph by paragraph without changing what is found, and spans are indexed."""

from __future__ import annotations

import collections

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.attribution import extract
from quotes.attribution.pipeline import (
    PARSE_PIECE_CHARS,
    _paragraphs,
    _piece_batches,
    parse_texts,
)
from quotes.attribution.spans import SpanIndex

from .conftest import find_quote

# Longer than a news article: many paragraphs, each parsed alone.
LONG_TEXT_CHARS = 4 * PARSE_PIECE_CHARS
PARAGRAPHS = [
    "« Nous rouvrirons l'usine au printemps », a déclaré la directrice, Claire Martin.",
    "Le syndicat estime que la fermeture a coûté trois cents emplois à la région.",
    "Selon le préfet du Nord, Paul Durand, les travaux commenceront en mars.",
    "« Personne ne nous a consultés », a regretté le maire de la commune, Jean Leroy.",
    "Il faisait beau ce jour-là, et la foule était nombreuse devant la mairie.",
]


def long_article() -> tuple[str, list[int]]:
    """A text longer than LONG_TEXT_CHARS, and where each of its paragraphs starts."""
    paragraphs: list[str] = []
    starts: list[int] = []
    position = 0
    while position < LONG_TEXT_CHARS + 4 * PARSE_PIECE_CHARS:
        paragraph = PARAGRAPHS[len(paragraphs) % len(PARAGRAPHS)]
        paragraphs.append(paragraph)
        starts.append(position)
        position += len(paragraph) + 2
    return "\n\n".join(paragraphs), starts


def test_a_long_text_is_parsed_in_pieces_into_one_doc_of_the_same_text(fr_nlp):
    text, _ = long_article()

    (doc,) = parse_texts(fr_nlp, [text])

    assert doc.text == text
    assert doc[0].is_sent_start


def test_a_long_text_gives_what_its_paragraphs_give_one_by_one(fr_nlp):
    text, starts = long_article()
    alone = {paragraph: extract(paragraph, "fr", nlp=fr_nlp) for paragraph in PARAGRAPHS}

    found = extract(text, "fr", nlp=fr_nlp)

    expected = [
        (item.text, item.start + start, item.speaker)
        for number, start in enumerate(starts)
        for item in alone[PARAGRAPHS[number % len(PARAGRAPHS)]]
    ]
    assert len(expected) >= len(starts) // 2
    assert [(item.text, item.start, item.speaker) for item in found] == expected


def test_a_line_longer_than_a_piece_is_cut_at_spaces_and_keeps_its_text(fr_nlp):
    text = "« " + "mot " * (LONG_TEXT_CHARS // 4 + 100) + "»"

    (doc,) = parse_texts(fr_nlp, [text])

    assert doc.text == text
    assert len(doc) > LONG_TEXT_CHARS // 4


def test_short_and_long_texts_come_back_in_their_order(fr_nlp):
    long_text, _ = long_article()
    texts = ["Premier texte.", long_text, "", "Dernier texte, sans guillemets."]

    docs = list(parse_texts(fr_nlp, texts, batch_size=2))

    assert [doc.text for doc in docs] == texts
    assert len(long_text) > PARSE_PIECE_CHARS


def test_texts_cut_after_their_title_are_batched_by_text_not_by_piece():
    texts = [f"Titre {number}\n\nLe maire a parlé {number} fois." for number in range(5)]
    cuts: collections.deque[list[str]] = collections.deque()

    batches = list(_piece_batches(texts, cuts, 2))

    assert [len(batch) for batch in batches] == [4, 4, 2]
    assert [piece for batch in batches for piece in batch] == [
        piece for cut in cuts for piece in cut
    ]


PIECEWISE_TEXTS = st.lists(
    st.lists(
        st.sampled_from(
            ["Un titre\n\n", "Une phrase finie.\n", "« Fin de citation »\n", "mot " * 1500]
        ),
        max_size=12,
    ).map("".join),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(texts=PIECEWISE_TEXTS, batch_size=st.integers(1, 4))
def test_piece_batches_keep_every_piece_in_order_and_stay_bounded(texts, batch_size):
    cuts: collections.deque[list[str]] = collections.deque()

    batches = list(_piece_batches(texts, cuts, batch_size))

    assert list(cuts) == [_paragraphs(text) for text in texts]
    pieces = [piece for batch in batches for piece in batch]
    assert pieces == [piece for text in texts for piece in _paragraphs(text)]
    assert all(batch for batch in batches)
    assert all(sum(map(len, batch)) <= batch_size * PARSE_PIECE_CHARS for batch in batches)
    # Which text each piece comes from: no batch holds pieces of more than batch_size texts.
    owners = iter([number for number, cut in enumerate(cuts) for _ in cut])
    assert all(len({next(owners) for _ in batch}) <= batch_size for batch in batches)


SPANS = st.lists(
    st.tuples(st.integers(0, 300), st.integers(1, 40)).map(lambda pair: (pair[0], sum(pair))),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(spans=SPANS, query=st.tuples(st.integers(0, 340), st.integers(1, 60)))
def test_span_index_finds_exactly_the_overlapping_spans(spans, query):
    index: SpanIndex[int] = SpanIndex()
    for number, (start, end) in enumerate(spans):
        index.add(start, end, number)
    start, end = query[0], query[0] + query[1]

    found = sorted(number for _, _, number in index.overlapping(start, end))

    assert found == [n for n, (s, e) in enumerate(spans) if s < end and start < e]


@pytest.mark.parametrize(
    "before",
    ["Bayrou renonce\n\n", "22 février 2017. –\n", "« Nous partirons »\n"],
)
def test_a_paragraph_after_one_without_a_full_stop_keeps_its_subject(fr_nlp, before):
    """After a title, a dateline or a quote ending on its mark, the next paragraph's words were
    parsed as one-word sentences, and its reports lost their speaker."""
    article = (
        before + "François Bayrou, président du Mouvement démocrate, renonce à se présenter en "
        "2017 et a annoncé que sa décision était prise depuis longtemps."
    )
    (doc,) = parse_texts(fr_nlp, [article])
    lead = next(token.sent for token in doc if token.text == "François")
    assert "renonce" in lead.text
    found = find_quote(extract(article, "fr", nlp=fr_nlp), "sa décision était prise")
    assert found.speaker == "François Bayrou"
