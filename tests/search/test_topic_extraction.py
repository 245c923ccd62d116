"""Topic extraction from the engine's parse, and the writes that link topics to quotes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from quotes.attribution import get_nlp
from quotes.models import Topic
from quotes.services.topics import article_topics_assign
from quotes.topics.extract import extract_topics, lemma_function
from tests.factories import make_article, make_quote, make_topic

ROOT = Path(__file__).resolve().parents[2]
BUDGET = (
    "Le gouvernement a présenté mercredi son budget de la défense. "
    "« Le budget de la défense augmentera de trois milliards », a déclaré la ministre. "
    "Les sanctions économiques contre la Russie seront renforcées, selon Bruxelles. "
    "« Les sanctions économiques ne suffisent pas », a répondu l'opposition. "
    "L'OTAN a salué la hausse du budget de la défense. "
    "« La Russie doit comprendre le message », a ajouté le ministre."
)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", None),
        ("en", "The new tariffs hit European farmers. Officials said the taxes were higher."),
    ],
)
def test_topic_lemmas_are_those_of_the_model_lemmatizer(lang, text, seed_text):
    nlp = get_nlp(lang)
    text = text or seed_text
    engine_doc = nlp(text)
    full_doc = nlp.get_pipe("lemmatizer")(nlp(text))  # the whole-Doc pass, switched off

    lemma = lemma_function(nlp)

    words = [t for t in engine_doc if t.pos_ in {"NOUN", "ADJ"}]
    assert len(words) > 5
    assert [lemma(t) for t in words] == [full_doc[t.i].lemma_ for t in words]


def test_topics_come_from_the_engine_parse_without_a_second_parse_or_lemmatizer_pass(
    monkeypatch,
):
    nlp = get_nlp("fr")
    doc = nlp(BUDGET)
    parses, lemmatizer_passes = [], []
    parse, lemmatize = Language.__call__, Lemmatizer.__call__
    monkeypatch.setattr(
        Language,
        "__call__",
        lambda self, text, **kw: parses.append(text) or parse(self, text, **kw),
    )
    monkeypatch.setattr(
        Lemmatizer, "__call__", lambda self, d: lemmatizer_passes.append(d) or lemmatize(self, d)
    )

    keys = [t.key for t in extract_topics(BUDGET, "fr", nlp=nlp, limit=10, doc=doc)]

    assert parses == [] and lemmatizer_passes == []
    assert "budget" in keys
    assert "sanction economique" in keys  # a lemma: singular, as a typed topic finds it
    assert "russie" in keys
    assert not any(token.lemma_ for token in doc)  # the shared parse is left as it was


def test_topics_are_extracted_without_yake_installed():
    script = (
        "import sys; sys.modules['yake'] = None\n"
        "from quotes.attribution import get_nlp\n"
        "from quotes.topics.extract import extract_topics\n"
        f"print([t.key for t in extract_topics({BUDGET!r}, 'fr', nlp=get_nlp('fr'))])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "sanction economique" in result.stdout


def _article_with_quotes(count: int):
    article = make_article(body=BUDGET, content_hash=f"budget-{count}")
    for sentence in BUDGET.split(". ")[:count]:
        start = BUDGET.index(sentence)
        make_quote(article, start=start, end=start + len(sentence))
    return article


@pytest.mark.django_db
def test_assigning_topics_takes_as_many_queries_for_six_quotes_as_for_two():
    article_topics_assign(article=_article_with_quotes(1))  # the topics exist from now on
    few, many = _article_with_quotes(2), _article_with_quotes(6)

    with CaptureQueriesContext(connection) as for_few:
        article_topics_assign(article=few)
    with CaptureQueriesContext(connection) as for_many:
        article_topics_assign(article=many)

    assert len(for_many.captured_queries) == len(for_few.captured_queries)
    budget = Topic.objects.get(normalized="budget")
    assert many.quotes.filter(topics=budget).count() == 3
    budget.refresh_from_db()
    assert budget.quote_count == budget.quotes.count() == 1 + 2 + 3


@pytest.mark.django_db
def test_a_new_topic_whose_slug_is_taken_gets_a_numbered_slug():
    make_topic("Russie", normalized="russie federation")
    article = _article_with_quotes(2)

    article_topics_assign(article=article)

    russia = Topic.objects.get(normalized="russie")
    assert russia.slug == "russie-2"
    assert article.topics.filter(pk=russia.pk).exists()


@pytest.mark.django_db
def test_reassigning_drops_a_machine_link_to_a_topic_the_quote_does_not_mention():
    article = _article_with_quotes(2)
    stray = make_topic("Pêche")
    first = article.quotes.order_by("start").first()
    first.topics.add(stray)

    article_topics_assign(article=article)

    assert not first.topics.filter(pk=stray.pk).exists()
    assert first.topics.filter(normalized="budget").exists()
    stray.refresh_from_db()
    assert stray.quote_count == 0
