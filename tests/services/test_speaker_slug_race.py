"""A slug another worker takes between choosing it and inserting it does not fail the article."""

from __future__ import annotations

import pytest

from quotes.models import Article, Speaker
from quotes.services import speakers as speaker_service
from quotes.services.attribution import article_attribute
from tests.factories import make_article

pytestmark = pytest.mark.django_db

BODY = "« Nous fermerons l'usine en mars », a annoncé l'entreprise dans un communiqué."


def test_a_slug_taken_meanwhile_gives_the_next_number(monkeypatch):
    Speaker.objects.create(name="Another worker's speaker", slug="taken-meanwhile")
    article = make_article(body=BODY, status=Article.Status.PENDING)
    free_slugs = speaker_service.speaker_unique_slugs
    answers = iter([["taken-meanwhile"]])

    def racing(names: list[str]) -> list[str]:
        """The first answer is the slug a concurrent worker inserted after it was chosen."""
        return next(answers, None) or free_slugs(names)

    monkeypatch.setattr("quotes.services.attribution.speaker_unique_slugs", racing)

    outcome = article_attribute(article=article)

    assert not outcome.failed, outcome.error
    assert next(answers, None) is None
    quote = article.quotes.get()
    assert quote.speaker.slug != "taken-meanwhile"
    assert "entreprise" in quote.speaker.slug
    assert Speaker.objects.count() == 2
