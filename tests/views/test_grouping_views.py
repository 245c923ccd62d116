"""A quote reported in several articles: its page names the others, lists can count it once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from quotes.models import Quote
from quotes.services.grouping import quotes_regroup
from quotes.services.search_index import search_index_update_quotes
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.django_db

WORDS = "Nous ne céderons jamais devant la pression de Moscou sur nos frontières"
OTHER = "La réforme des retraites sera votée avant l'été quoi qu'en dise l'opposition"


def squeeze(html: str) -> str:
    return " ".join(html.split())


def report(speaker, text: str, *, outlet: str, day: int, title: str) -> Quote:
    body = f"{title}. « {text} », a déclaré {speaker.name}."
    article = make_article(
        body=body,
        title=title,
        outlet=outlet,
        published_at=dt.datetime(2024, 1, day, 9, tzinfo=dt.UTC),
    )
    start = body.index(text)
    return make_quote(article, speaker, start=start, end=start + len(text))


@pytest.fixture
def reports():
    """One quote reported by three outlets (one cut it), and another quote said once."""
    speaker = make_speaker("Anne Martin")
    quotes = {
        "lemonde": report(speaker, WORDS, outlet="Le Monde", day=3, title="Frontières"),
        "afp": report(speaker, WORDS + " (traduction)", outlet="AFP", day=1, title="Dépêche"),
        "liberation": report(speaker, WORDS[:52] + "…", outlet="Libération", day=5, title="Revue"),
        "alone": report(speaker, OTHER, outlet="Le Monde", day=4, title="Retraites"),
    }
    quotes_regroup(quote_ids=[q.pk for q in quotes.values()])
    search_index_update_quotes(quote_ids=[q.pk for q in quotes.values()])
    return quotes


def test_quote_page_names_the_other_articles_and_the_first_report(client, reports):
    quote = reports["lemonde"]

    html = squeeze(client.get(quote.get_absolute_url()).content.decode())

    assert "Also reported in 2 other articles, first on" in html
    assert "1 Jan 2024</time> by AFP" in html
    assert f'href="{reports["afp"].get_absolute_url()}"' in html
    assert f'href="{reports["liberation"].get_absolute_url()}"' in html


def test_first_report_says_so(client, reports):
    html = squeeze(client.get(reports["afp"].get_absolute_url()).content.decode())

    assert "Also reported in 2 other articles, first on" in html
    assert "by AFP (this report)" in html


def test_a_quote_said_once_has_no_other_reports(client, reports):
    html = client.get(reports["alone"].get_absolute_url()).content.decode()

    assert "Also reported" not in html


def test_grouped_quote_page_adds_two_queries(client, django_assert_num_queries, reports):
    # The quote page's four queries, plus the group's article count and its reports.
    with django_assert_num_queries(6):
        client.get(reports["lemonde"].get_absolute_url())


def test_speaker_page_can_count_a_grouped_quote_once(client, reports):
    url = reports["alone"].speaker.get_absolute_url()

    every = squeeze(client.get(url).content.decode())
    once = squeeze(client.get(url, {"one_per_group": "1"}).content.decode())

    assert "<dt>Quotes</dt><dd>4</dd>" in every
    assert "<dt>Distinct quotes</dt><dd>2</dd>" in once
    assert every.count('class="quote-item') == 4
    assert once.count('class="quote-item') == 2
    assert "Show every report" in once


def test_search_can_count_a_grouped_quote_once(client, reports):
    every = client.get(reverse("search"), {"q": "Moscou"}).content.decode()
    once = client.get(reverse("search"), {"q": "Moscou", "one_per_group": "1"}).content.decode()

    assert "of 3 quotes" in every
    assert "of 1 quote" in once
    assert 'name="one_per_group" value="1" checked' in once


def test_admin_shows_a_quote_group_without_offering_every_group(client, reports):
    client.force_login(User.objects.create_superuser("admin", password="pass-word-123"))

    html = client.get(reverse("admin:quotes_quote_change", args=[reports["afp"].pk])).content
    html = html.decode()

    assert f"quote group {Quote.objects.get(pk=reports['afp'].pk).group_id}" in html
    assert 'name="group"' not in html
