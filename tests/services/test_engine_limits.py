"""A text over the engine's limits fails alone, quickly, with the reason; its batch goes on."""

from __future__ import annotations

import pytest

from quotes.attribution.pipeline import MAX_QUOTE_MARKS
from quotes.models import Article
from quotes.services.attribution import articles_attribute
from tests.factories import make_article

pytestmark = pytest.mark.django_db

GOOD = "« Le pont ouvrira lundi », a déclaré le maire de Lyon, Paul Durand."


def test_an_article_of_quote_marks_fails_with_the_reason_and_the_batch_goes_on():
    before = make_article(body=GOOD, status=Article.Status.PENDING)
    marks = make_article(body="Titre\n" + "« » " * MAX_QUOTE_MARKS, status=Article.Status.PENDING)
    after = make_article(body=GOOD.replace("lundi", "mardi"), status=Article.Status.PENDING)

    outcomes = articles_attribute(articles=[before, marks, after])

    assert [outcome.failed for outcome in outcomes] == [False, True, False]
    marks.refresh_from_db()
    assert marks.status == Article.Status.FAILED
    assert marks.error == (
        f"TextOverLimit: {2 * MAX_QUOTE_MARKS:,} quote marks, over the engine's limit of "
        f"{MAX_QUOTE_MARKS:,} per article (a megabyte of news holds about 2,000)"
    )
    for article in (before, after):
        article.refresh_from_db()
        assert article.status == Article.Status.DONE
        assert article.quotes.get().speaker.name == "Paul Durand"
