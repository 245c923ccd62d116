"""Fixtures shared by the page tests."""

from __future__ import annotations

import pytest

from tests.factories import make_article, make_quote, make_speaker, make_topic


@pytest.fixture
def page_urls(db) -> dict[str, str]:
    """The addresses behind the {speaker}, {article} and {quote} placeholders of page lists."""
    speaker = make_speaker("Jeanne Tête")
    article = make_article()
    quote = make_quote(article, speaker)
    quote.topics.add(make_topic("Budget"))
    return {
        "{speaker}": speaker.get_absolute_url(),
        "{article}": article.get_absolute_url(),
        "{quote}": quote.get_absolute_url(),
    }
