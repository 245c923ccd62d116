"""A small published corpus for the API and the feeds: dated and undated quotes, a rejected one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from quotes.models import Article, Quote, Speaker, Topic
from quotes.services.search_index import search_index_update_article
from tests.factories import make_article, make_quote, make_speaker, make_topic, recount

DAY = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts with no requests counted against any client."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Published:
    """The corpus; quotes listed newest first as the API should list them."""

    newest_first: list[Quote]
    rejected: Quote
    undated: Quote
    trump: Speaker
    agency: Speaker
    climate: Topic
    english: Article
    pending: Article


def _sentence_quote(article: Article, speaker: Speaker | None, words: str, **fields) -> Quote:
    start = article.body.index(words)
    return make_quote(article, speaker, start=start, end=start + len(words), **fields)


@pytest.fixture
def published(db) -> Published:
    trump = make_speaker("Donald Trump", aliases=("Trump", "le futur président américain"))
    agency = make_speaker("Agence spatiale", kind="organisation")
    climate = make_topic("Climat")
    quotes: list[Quote] = []
    for n in range(5):
        article = make_article(
            title=f"Dépêche {n}",
            body=(
                f"« Le climat change vite {n} », a dit Donald Trump. "
                f"« Nous lançons {n} », dit l'agence."
            ),
            outlet="Reuters" if n % 2 else "AFP",
            published_at=DAY + dt.timedelta(days=n),
            url=f"https://news.example/{n}",
        )
        first = _sentence_quote(article, trump, f"Le climat change vite {n}", cue="a dit")
        second = _sentence_quote(
            article, agency, f"Nous lançons {n}", kind=Quote.Kind.INDIRECT, cue="dit"
        )
        first.topics.add(climate)
        quotes += [second, first] if n % 2 else [first, second]
    english = make_article(
        title="Launch day",
        body='"We are <b>ready</b> to launch," the agency said.',
        language="en",
        outlet="Example Times",
        published_at=DAY + dt.timedelta(days=10),
    )
    launch = _sentence_quote(english, agency, "We are <b>ready</b> to launch")
    launch.review_status = Quote.Review.CONFIRMED
    launch.save()
    rejected_article = make_article(
        title="Retired", body="« Une phrase rejetée », a dit Donald Trump.", published_at=DAY
    )
    rejected = _sentence_quote(rejected_article, trump, "Une phrase rejetée")
    rejected.review_status = Quote.Review.REJECTED
    rejected.save()
    undated_article = make_article(title="Sans date", body="« Pas de date ici », a dit Trump.")
    undated = _sentence_quote(undated_article, trump, "Pas de date ici")
    pending = make_article(title="Not attributed yet", status=Article.Status.PENDING)
    recount(*quotes, launch, rejected, undated)
    for article in Article.objects.all():
        search_index_update_article(article=article)
    by_date = sorted([*quotes, launch], key=lambda q: (q.published_at, q.pk), reverse=True)
    return Published(
        newest_first=[*by_date, undated],
        rejected=rejected,
        undated=undated,
        trump=trump,
        agency=agency,
        climate=climate,
        english=english,
        pending=pending,
    )


def add_climate_quotes(published: Published, count: int) -> None:
    """More dated quotes by Trump on the climate, indexed, as the services would leave them."""
    added = []
    for n in range(count):
        article = make_article(
            body=f"« Le climat encore {n} », a dit Donald Trump.",
            published_at=DAY - dt.timedelta(days=n + 1),
        )
        quote = _sentence_quote(article, published.trump, f"Le climat encore {n}")
        quote.topics.add(published.climate)
        added.append(quote)
        search_index_update_article(article=article)
    recount(*added)
