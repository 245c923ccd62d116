"""/insights/: the share of women among people quoted and their quotes, charts and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from quotes.models import Quote
from tests.factories import make_article, make_quote, make_speaker, make_topic, recount

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    """Two outlets, two months: 2 women and 1 man quoted, plus an organisation and an unknown."""
    woman = make_speaker("Odile Kessler", gender="woman")
    other_woman = make_speaker("Noa Brun", gender="woman")
    man = make_speaker("Paul Vidal", gender="man")
    unknown = make_speaker("Sacha Roux", gender="unknown")
    union = make_speaker("Force Santé", kind="organisation", gender="not_person")
    health = make_topic("Santé")
    july = make_article(outlet="Le Quotidien", published_at=dt.datetime(2024, 7, 3, tzinfo=dt.UTC))
    august = make_article(outlet="L'Hebdo", published_at=dt.datetime(2024, 8, 9, tzinfo=dt.UTC))
    quotes = [
        make_quote(july, woman, start=0, end=5),
        make_quote(july, woman, start=6, end=10),
        make_quote(july, man, start=11, end=15),
        make_quote(july, union, start=16, end=20),
        make_quote(august, other_woman, start=0, end=5),
        make_quote(august, man, start=6, end=10),
        make_quote(august, unknown, start=11, end=15),
        make_quote(august, man, start=16, end=20, review_status=Quote.Review.REJECTED),
    ]
    for quote in quotes[:3]:
        quote.topics.add(health)
    recount(*quotes)
    return quotes


def test_the_page_shows_shares_overall_and_by_outlet_month_and_topic(client, corpus):
    html = client.get(reverse("insights")).content.decode()

    # 2 women and 1 man among people of known gender; 3 of 5 such quotes (rejected left out).
    assert "<dd>66.7%</dd>" in html and "<dd>60.0%</dd>" in html
    assert "<dd>2 / 1 / 1</dd>" in html
    assert "Le Quotidien" in html and "L&#x27;Hebdo" in html
    assert "Jul 2024" in html and "Aug 2024" in html
    assert 'href="/topics/sante/"' in html
    assert "1 quote)" in html  # the organisation's, counted apart


def test_charts_are_svg_with_a_title_and_the_values_as_text(client, corpus):
    html = client.get(reverse("insights")).content.decode()

    assert html.count('<svg class="share-chart"') == 3
    assert '<title id="chart-outlet-title">By outlet</title>' in html
    assert "Le Quotidien: 50.0% of people, 66.7% of quotes" in html


def test_a_french_reader_reads_the_shares_and_charts_the_french_way(client, corpus):
    html = client.get(reverse("insights"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "<dd>66,7\u00a0%</dd>" in html
    assert "Le Quotidien : 50,0\u00a0% des personnes, 66,7\u00a0% des citations" in html
    assert "66,7\u00a0% citations</text>" in html
    assert "of people" not in html and "women among" not in html


def test_csv_has_one_row_per_group_with_counts_and_shares(client, corpus):
    response = client.get(reverse("insights-csv"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_group = {(row["breakdown"], row["group"]): row for row in rows}
    overall = by_group[("all", "All articles")]
    assert (overall["women_people"], overall["men_people"], overall["unknown_people"]) == (
        "2",
        "1",
        "1",
    )
    assert overall["women_share_of_quotes"] == "0.6000"
    hebdo = by_group[("outlet", "L'Hebdo")]
    assert (hebdo["women_quotes"], hebdo["men_quotes"], hebdo["unknown_quotes"]) == ("1", "1", "1")
    assert by_group[("month", "Jul 2024")]["key"] == "2024-07"
    assert by_group[("topic", "Santé")]["women_share_of_people"] == "0.5000"


def test_the_query_count_does_not_grow_with_the_data(client, corpus, django_assert_num_queries):
    with django_assert_num_queries(2):
        client.get(reverse("insights"))
    make_quote(make_article(outlet="Autre"), make_speaker("Lou Bert", gender="man"))
    with django_assert_num_queries(2):
        client.get(reverse("insights"))


def test_an_empty_database_shows_dashes(client):
    html = client.get(reverse("insights")).content.decode()

    assert "<dd>—</dd>" in html
    assert "No quotes of people yet." in html


def test_the_navigation_links_to_insights(client):
    assert 'href="/insights/"' in client.get(reverse("home")).content.decode()


def test_the_tables_name_their_first_column_in_the_readers_language(client, corpus):
    html = client.get(reverse("insights"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    for column in ("Média", "Mois", "Thème"):
        assert f'<th scope="col">{column}</th>' in html
    assert '<th scope="col">Topic</th>' not in html
