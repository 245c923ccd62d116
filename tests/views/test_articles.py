"""The article list: outlet, date and source of every article, filters, sorts and clean URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from quotes.models import Article, Quote
from tests.factories import make_article, make_quote, recount

pytestmark = pytest.mark.django_db

JANUARY = dt.datetime(2024, 1, 15, 9, tzinfo=dt.UTC)
MARCH = dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC)
MAY = dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC)
URL = reverse("article-list")


@pytest.fixture
def articles() -> dict[str, Article]:
    """Four articles: dated, undated, failed, English; quotes in various review states."""
    budget = make_article(
        title="Le budget voté",
        outlet="Le Quotidien",
        published_at=MARCH,
        url="https://example.org/budget",
    )
    for start in (0, 12, 24):
        make_quote(budget, None, start=start, end=start + 8)
    reviewed = make_article(title="Une grève annoncée", outlet="Reuters", published_at=JANUARY)
    confirmed = make_quote(reviewed, None)
    confirmed.review_status = Quote.Review.CONFIRMED
    confirmed.save()
    recount(confirmed)
    undated = make_article(title="Sans date", outlet="Reuters", url="javascript:alert(1)")
    make_quote(undated, None)
    failed = make_article(
        title="Trade figures",
        language="en",
        outlet="Example Times",
        published_at=MAY,
        status=Article.Status.FAILED,
    )
    return {"budget": budget, "reviewed": reviewed, "undated": undated, "failed": failed}


def titles(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [article.title for article in response.context["listing"].page]


def test_each_article_shows_its_outlet_date_counts_and_source(client, articles):
    html = client.get(URL).content.decode()

    assert f'<a class="article-title" href="{articles["budget"].get_absolute_url()}"' in html
    assert "Le Quotidien" in html
    assert '<time datetime="2024-03-02T09:00:00+00:00">2 Mar 2024</time>' in html
    assert '<span class="count">3</span> quotes (<span class="count">3</span> unreviewed)' in html
    assert 'href="https://example.org/budget"' in html
    assert "No date" in html
    assert "Extraction failed" in html


def test_only_web_addresses_become_source_links(client, articles):
    html = client.get(URL).content.decode()

    assert "javascript:" not in html
    assert articles["undated"].web_url == ""
    assert make_article(url="HTTP://example.org/x").web_url == "HTTP://example.org/x"
    assert make_article(url="ftp://example.org/x").web_url == ""
    assert make_article(url="https:example.org").web_url == ""


def test_newest_and_oldest_first_put_undated_articles_last(client, articles):
    assert titles(client) == ["Trade figures", "Le budget voté", "Une grève annoncée", "Sans date"]
    assert titles(client, sort="oldest") == [
        "Une grève annoncée",
        "Le budget voté",
        "Trade figures",
        "Sans date",
    ]


def test_most_quotes_first(client, articles):
    assert titles(client, sort="quotes")[:1] == ["Le budget voté"]
    assert titles(client, sort="quotes")[-1] == "Trade figures"


def test_filters_by_outlet_language_status_date_and_unreviewed_quotes(client, articles):
    assert titles(client, outlet="Reuters") == ["Une grève annoncée", "Sans date"]
    assert titles(client, language="en") == ["Trade figures"]
    assert titles(client, status="failed") == ["Trade figures"]
    assert titles(client, date_from="2024-01-15", date_to="2024-03-02") == [
        "Le budget voté",
        "Une grève annoncée",
    ]
    assert titles(client, unreviewed="1") == ["Le budget voté", "Sans date"]


def test_the_outlet_filter_offers_every_outlet_once(client, articles):
    listing = client.get(URL).context["listing"]

    assert listing.outlets == ["Example Times", "Le Quotidien", "Reuters"]


def test_unknown_filter_values_are_ignored(client, articles):
    assert len(titles(client, status="alien", language="xx", sort="nonsense")) == 4


def test_empty_parameters_are_dropped_from_the_address(client, articles):
    response = client.get(URL, {"outlet": "", "language": "en", "date_from": "", "sort": ""})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?language=en"
    assert client.get(URL, {"outlet": ""})["Location"] == URL


def test_htmx_gets_the_results_fragment_without_a_redirect(client, articles):
    response = client.get(URL, {"outlet": "", "language": "en"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert '<div id="article-results"' in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_pages_hold_thirty_articles(client):
    for n in range(31):
        make_article(title=f"Article du jour {n:02d}", published_at=JANUARY + dt.timedelta(n))

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()

    assert "Articles 1–30" in first and 'rel="next"' in first
    assert "Article du jour 00" in second and 'rel="prev"' in second


def test_the_site_navigation_links_to_the_article_list(client):
    assert f'<a href="{URL}">Articles</a>' in client.get(reverse("home")).content.decode()
