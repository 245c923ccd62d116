"""Every browsing page runs a fixed number of SQL queries, however much data there is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quotes.models import Article, Quote, Speaker
from quotes.selectors import browse as selectors
from quotes.selectors.articles import ArticleFilters, article_list
from tests.factories import make_article, make_quote, make_speaker, recount

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def populate(size: int, prefix: str = "Orateur") -> dict[str, str]:
    """`size` speakers quoted across `size` articles over several months; URLs of each page."""
    speakers = [
        make_speaker(
            f"{prefix} {n}", aliases=(f"{prefix[0]}{n}",), kind=("person", "organisation")[n % 2]
        )
        for n in range(size)
    ]
    quotes = []
    for n in range(size):
        sentences = [f"« Phrase {n}-{k} », a dit {s.name}." for k, s in enumerate(speakers[:6])]
        body = "\n".join(sentences)
        article = make_article(
            body=body,
            published_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=7 * n),
        )
        offset = 0
        for k, sentence in enumerate(sentences):
            start = offset + 2
            end = start + sentence.index(" »") - 2
            quotes.append(
                make_quote(article, speakers[(n + k) % size], start=start, end=end, cue="a dit")
            )
            offset += len(sentence) + 1
        quotes[-1].review_status = Quote.Review.REJECTED
        quotes[-1].save()
    quote = quotes[0]
    quote.review_status = Quote.Review.CONFIRMED
    quote.save()
    recount(*quotes)
    speaker = speakers[0]
    return {
        "home": reverse("home"),
        "speaker list": reverse("speaker-list") + f"?q={prefix.lower()}",
        "speaker list by kind": reverse("speaker-list") + "?kind=person&sort=latest",
        "speaker list by name": reverse("speaker-list") + "?sort=name",
        "speaker": speaker.get_absolute_url(),
        "speaker page 2": speaker.get_absolute_url() + "?page=2",
        "article": quote.article.get_absolute_url(),
        "quote": quote.get_absolute_url(),
        "article list": reverse("article-list") + "?unreviewed=1",
        "article list by quotes": reverse("article-list") + "?sort=quotes&page=2",
    }


def count_queries(client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, url
    return len(queries)


# The number each page may run, for an anonymous reader.
EXPECTED = {
    "home": 6,
    # One query: the page of speakers with their stored counts.
    "speaker list": 1,
    "speaker list by kind": 1,
    "speaker list by name": 1,
    # Profile counts, timeline and top topics, plus the page of quotes.
    "speaker": 7,
    "speaker page 2": 8,
    "article": 2,
    # The quote with its speaker and article, its topics, its history, the speakers it names.
    "quote": 4,
    # The page of articles with their stored counts, and the outlets for the filter.
    "article list": 2,
    "article list by quotes": 2,
}
EXPECTED_FRAGMENTS = {
    "speaker": 4,
    "speaker list": 1,
    "article": 2,
    "quote": 4,
    "home": 6,
    "article list": 2,
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_page_query_count_is_fixed(client, django_assert_num_queries, page):
    url = populate(8)[page]

    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("page", sorted(EXPECTED_FRAGMENTS))
def test_fragment_query_count_is_fixed(client, django_assert_num_queries, page):
    url = populate(8)[page]

    with django_assert_num_queries(EXPECTED_FRAGMENTS[page]):
        response = client.get(url, **HTMX)

    assert response.status_code == 200


def test_query_counts_do_not_grow_with_the_data(client):
    small = {page: count_queries(client, url) for page, url in populate(4).items()}
    large = {page: count_queries(client, url) for page, url in populate(30, "Locuteur").items()}

    assert large == small


def query_plan(read, nth: int = 0) -> str:
    """EXPLAIN of the nth SQL statement that `read()` runs, as the selector wrote it."""
    if connection.vendor == "postgresql":
        # On a handful of rows a sequential scan or a sort is cheaper, whatever statistics an
        # earlier test left behind: ask whether the index can serve the query in its order.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
    with CaptureQueriesContext(connection) as queries:
        read()
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + queries.captured_queries[nth]["sql"])
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def test_speaker_page_reads_quotes_in_the_order_of_the_speaker_date_index():
    populate(6)
    speaker = Speaker.objects.order_by("pk").first()

    plan = query_plan(lambda: selectors.speaker_quotes(speaker=speaker))

    assert "quote_speaker_date_idx" in plan
    assert "TEMP B-TREE" not in plan  # SQLite: no sort step
    assert "Sort" not in plan  # PostgreSQL: no sort step


def test_article_page_reads_quotes_through_the_article_index():
    populate(6)
    article = Article.objects.order_by("pk").first()

    plan = query_plan(lambda: selectors.article_detail(pk=article.pk), nth=1)

    assert "quote_article_start_idx" in plan


def article_with(n_quotes: int) -> str:
    speakers = [make_speaker(f"Voix {n_quotes}-{k}") for k in range(n_quotes)]
    sentences = [f"« Mot {k} », a dit {s.name}." for k, s in enumerate(speakers)]
    article = make_article(body="\n".join(sentences))
    offset = 0
    for sentence, speaker in zip(sentences, speakers, strict=True):
        make_quote(article, speaker, start=offset + 2, end=offset + sentence.index(" »"))
        offset += len(sentence) + 1
    return article.get_absolute_url()


def test_article_page_query_count_does_not_grow_with_its_quotes_for_readers_and_editors(
    editor_client,
):
    short, long = article_with(2), article_with(25)
    reader = Client()

    assert count_queries(reader, long) == count_queries(reader, short)
    assert count_queries(editor_client, long) == count_queries(editor_client, short)


@pytest.mark.parametrize(
    ("sort", "unreviewed", "index"),
    [
        ("quotes", False, "article_count_idx"),
        ("newest", True, "article_unreviewed_idx"),
    ],
)
def test_article_list_walks_an_index_in_its_order(sort, unreviewed, index):
    populate(6)

    plan = query_plan(
        lambda: article_list(filters=ArticleFilters(unreviewed=unreviewed), sort=sort)
    )

    assert index in plan
    assert "TEMP B-TREE" not in plan  # SQLite: no sort step
    assert "Sort" not in plan  # PostgreSQL: no sort step


def test_article_list_newest_first_walks_the_date_index():
    populate(6)

    plan = query_plan(lambda: article_list(sort="newest"))

    expected = (
        "article_newest_idx" if connection.vendor == "postgresql" else "article_published_idx"
    )
    assert expected in plan
    assert "TEMP B-TREE" not in plan
    assert "Sort" not in plan


def test_speaker_list_walks_the_stored_count_index_most_quoted_first():
    populate(6)
    if connection.vendor == "sqlite":
        # Statistics tell SQLite that "not merged" matches every speaker, as in a newsroom.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    plan = query_plan(lambda: selectors.speaker_list(sort="count"))

    assert "speaker_count_idx" in plan
    assert "TEMP B-TREE" not in plan  # SQLite: no sort step
    assert "Sort" not in plan  # PostgreSQL: no sort step
