"""/insights/ reads stored counts: after every kind of change they equal a count from scratch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse

from quotes.models import PUBLIC_QUOTES, InsightCount, Quote, Speaker
from quotes.search import search_quotes
from quotes.services.attribution import article_attribute, articles_attribute
from quotes.services.editing import quote_reassign, quote_reject, speaker_merge
from quotes.services.gender import speaker_set_gender
from quotes.services.insights import insight_counts_rebuild, month_key
from tests.factories import make_article, make_quote, make_speaker, make_topic, make_user, recount
from tests.services.test_gender import BODY, kessler_attributions

pytestmark = pytest.mark.django_db


def counted_from_scratch() -> dict[tuple[str, str, str], tuple[int, int]]:
    """People and quotes per group and gender, counted from the quotes as the page once did."""
    quotes = Quote.objects.filter(PUBLIC_QUOTES).exclude(speaker=None).order_by()
    groups = {
        "total": (quotes, None, lambda value: ""),
        "outlet": (quotes, "article__outlet", lambda value: value),
        "month": (quotes.annotate(month=TruncMonth("published_at")), "month", month_key),
        "topic": (quotes.filter(topics__isnull=False), "topics", str),
    }
    found = {}
    for dimension, (queryset, field, key) in groups.items():
        fields = [field] if field else []
        rows = queryset.values(*fields, "speaker__gender").annotate(
            people=Count("speaker", distinct=True), n=Count("pk")
        )
        for row in rows:
            group = (dimension, key(row[field]) if field else "", row["speaker__gender"])
            found[group] = (row["people"], row["n"])
    return found


def stored() -> dict[tuple[str, str, str], tuple[int, int]]:
    rows = InsightCount.objects.filter(people__gt=0)
    return {(r.dimension, r.key, r.gender): (r.people, r.quotes) for r in rows}


def assert_page_equals_a_recount(client) -> None:
    assert stored() == counted_from_scratch()
    page = client.get(reverse("insights-csv")).content
    insight_counts_rebuild()
    assert client.get(reverse("insights-csv")).content == page


def test_counts_follow_attribution_edits_gender_merges_and_rejections(client):
    editor = make_user("editor", editor=True)
    july = make_article(
        body=BODY, outlet="Le Quotidien", published_at=dt.datetime(2024, 7, 3, tzinfo=dt.UTC)
    )
    article_attribute(article=july, attributions=kessler_attributions())
    assert_page_equals_a_recount(client)
    kessler = Speaker.objects.get(name="Odile Kessler")
    assert stored()["outlet", "Le Quotidien", "woman"] == (1, 1)

    august = make_article(outlet="L'Hebdo", published_at=dt.datetime(2024, 8, 9, tzinfo=dt.UTC))
    vidal = make_speaker("Paul Vidal", gender="man")
    double = make_speaker("O. Kessler", gender="unknown")
    health = make_topic("Hôpital public")
    quotes = [make_quote(august, speaker, start=i * 6, end=i * 6 + 5) for i, speaker in
              enumerate([vidal, vidal, double, kessler])]  # fmt: skip
    for quote in quotes:
        quote.topics.add(health)
    recount(*quotes)
    quote_reassign(quote=quotes[0], speaker=kessler, expected_version=1, user=editor)
    assert_page_equals_a_recount(client)

    speaker_set_gender(speaker=vidal, gender="woman", expected_version=1, user=editor)
    assert stored()["total", "", "woman"] == (2, 4)
    assert_page_equals_a_recount(client)

    kessler.refresh_from_db()
    speaker_merge(source=double, target=kessler, expected_version=1, user=editor)
    assert_page_equals_a_recount(client)
    assert ("total", "", "unknown") not in stored()

    quote_reject(quote=Quote.objects.get(pk=quotes[3].pk), expected_version=1, user=editor)
    assert_page_equals_a_recount(client)
    assert stored()["month", "2024-08", "woman"] == (2, 3)


def test_a_batch_of_articles_is_counted_indexed_and_grouped_when_the_ingest_returns(client):
    said = "« Nous rouvrirons la ligne de tramway du centre dès le mois de septembre »"
    bodies = [
        f"{said}, a déclaré Odile Kessler, maire de la ville, devant le conseil.",
        f"{said}, a répété jeudi Odile Kessler devant les habitants du quartier.",
    ]
    articles = [
        make_article(body=body, outlet=outlet, language="fr")
        for body, outlet in zip(bodies, ["Le Quotidien", "L'Hebdo"], strict=True)
    ]

    # One batch: written in one transaction, counts, index and groups refreshed once at its end.
    outcomes = articles_attribute(articles=articles)

    assert [outcome.created for outcome in outcomes] == [1, 1]
    kessler = Speaker.objects.get(name="Odile Kessler")
    assert kessler.quote_count == 2
    quotes = list(kessler.quotes.order_by("pk"))
    assert quotes[0].group_id is not None and quotes[0].group_id == quotes[1].group_id
    assert {hit.quote for hit in search_quotes("tramway").hits} == set(quotes)
    assert stored()["total", "", kessler.gender] == (1, 2)
    assert_page_equals_a_recount(client)
