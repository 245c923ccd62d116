"""The rules the database itself enforces, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from quotes.models import Article, Quote, SpeakerAlias
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    """True when the database raises IntegrityError for the write (the test goes on after it)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_two_articles_with_the_same_content_hash_are_refused():
    first = make_article()

    assert refused(lambda: make_article(body="Autre texte.", content_hash=first.content_hash))
    assert Article.objects.count() == 1


def test_two_articles_with_the_same_url_are_refused_but_many_without_url_are_fine():
    make_article(url="https://example.org/a")
    make_article(url=None)
    make_article(url=None)

    assert refused(lambda: make_article(url="https://example.org/a"))
    assert Article.objects.count() == 3


def test_an_article_with_an_empty_body_is_refused():
    assert refused(lambda: make_article(body=""))


def test_an_alias_normalised_key_belongs_to_one_speaker():
    make_speaker("Donald Trump", aliases=("Trump",))
    other = make_speaker("Melania Trump")

    assert refused(
        lambda: SpeakerAlias.objects.create(speaker=other, name="TRUMP", normalized="trump")
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (8, 3), (-1, 4)],
    ids=["empty span", "start after end", "negative start"],
)
def test_a_quote_span_must_be_ordered_and_non_negative(start, end):
    article = make_article()

    assert refused(lambda: make_quote(article, start=start, end=end, text="x"))
    assert not Quote.objects.exists()


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_confidence_stays_between_zero_and_one(confidence):
    assert refused(lambda: make_quote(confidence=confidence))


def test_a_quote_kind_outside_the_three_kinds_is_refused():
    assert refused(lambda: make_quote(kind="rumour"))


def test_a_speaker_cannot_be_merged_into_itself():
    speaker = make_speaker("Anne-Marie Slaughter")
    speaker.merged_into = speaker

    assert refused(speaker.save)
