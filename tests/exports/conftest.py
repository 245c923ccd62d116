"""The search tests' corpus plus quotes with hostile content, a rejected one and undated ones."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest
from django.http import StreamingHttpResponse

from quotes.models import Article, Quote, Speaker, Topic
from quotes.services.search_index import search_index_update_article
from tests.factories import make_article, make_quote, make_speaker, make_topic
from tests.search.conftest import (
    OWN_DATE,
    Corpus,
    corpus,  # noqa: F401  (the indexed seed and own articles)
    span,
)

HOSTILE_BODY = (
    '=HYPERLINK("http://evil.example/","Click"), a écrit le rédacteur. '
    "+33 1 23 45 67 89, ajoute-t-il. "
    "-2+3 font un, selon lui. "
    "@SUM(A1:A9) encore. "
    'Une ligne\npuis une autre, avec des "guillemets", des virgules ; et\u2028un séparateur.'
)


@dataclass
class ExportCorpus:
    """The search corpus, the hostile article and its quotes, and what must never be exported."""

    corpus: Corpus
    hostile: Article
    formula: Quote
    phone: Quote
    minus: Quote
    at_sign: Quote
    multiline: Quote
    rejected: Quote
    undated: list[Quote]
    topic: Topic
    hostile_speaker: Speaker


@pytest.fixture
def exported(corpus) -> ExportCorpus:  # noqa: F811  (the fixture imported above)
    hostile = make_article(
        body=HOSTILE_BODY,
        title="@Titre, piégé",
        outlet="+Le Tableur",
        url="https://news.example/a?b=1&c=2",
        published_at=OWN_DATE,
    )
    villain = make_speaker('=cmd|" /C calc"!A0')
    quotes = {
        "formula": ('=HYPERLINK("', 'Click")'),
        "phone": ("+33", "89"),
        "minus": ("-2+3", "un"),
        "at_sign": ("@SUM", "A9)"),
        "multiline": ("Une ligne", "séparateur."),
    }
    made = {
        name: make_quote(hostile, villain, start=start, end=end)
        for name, (first, last) in quotes.items()
        for start, end in [span(HOSTILE_BODY, first, last)]
    }
    rejected = make_quote(
        hostile, villain, start=0, end=5, review_status=Quote.Review.REJECTED, kind="indirect"
    )
    undated_article = make_article(title="Sans date", published_at=None)
    undated = [make_quote(undated_article, None, start=0, end=7 + n) for n in range(3)]
    topic = make_topic("Tableurs")
    for quote in (made["formula"], made["multiline"], rejected):
        quote.topics.add(topic)
    for article in (hostile, undated_article):
        search_index_update_article(article=article)
    return ExportCorpus(
        corpus=corpus,
        hostile=hostile,
        rejected=rejected,
        undated=undated,
        topic=topic,
        hostile_speaker=villain,
        **made,
    )


def body_text(response: StreamingHttpResponse) -> str:
    """The whole streamed body, decoded."""
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response: StreamingHttpResponse) -> list[dict[str, str]]:
    """The rows of a CSV export, after checking its byte-order mark."""
    text = body_text(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def jsonl_rows(response: StreamingHttpResponse) -> list[dict]:
    """The objects of a JSON Lines export, split the way the strictest line reader splits."""
    return [json.loads(line) for line in body_text(response).splitlines()]
