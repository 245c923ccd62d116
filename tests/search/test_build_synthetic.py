"""The synthetic database builder: real offsets, long-tail speakers, topics and a fresh index."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max

from quotes.models import Article, Quote, Speaker, Topic
from quotes.search import search_quotes

pytestmark = pytest.mark.django_db


def test_build_synthetic_fills_an_empty_database_consistently():
    call_command("build_synthetic", quotes=120, speakers=15, articles=40, seed=7, sources=12)
    assert (Article.objects.count(), Speaker.objects.count(), Quote.objects.count()) == (
        40,
        15,
        120,
    )
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text
    assert Topic.objects.filter(quotes__isnull=False).exists()
    public = Quote.objects.exclude(review_status="rejected")
    for speaker in Speaker.objects.all():
        stats = public.filter(speaker=speaker).aggregate(n=Count("id"), latest=Max("published_at"))
        assert (speaker.quote_count, speaker.latest_quote_at) == (stats["n"], stats["latest"])
    for topic in Topic.objects.all():
        assert topic.quote_count == public.filter(topics=topic).count()
    results = search_quotes("", None)
    assert results.total == Quote.objects.exclude(review_status="rejected").count()
    word = Quote.objects.first().text.split()[-2]
    assert search_quotes(word, None).total >= 1
    new = Speaker.objects.create(name="After the build", slug="after-the-build")
    assert new.pk == 16


def test_build_synthetic_refuses_a_database_with_data():
    Speaker.objects.create(name="Someone", slug="someone")
    with pytest.raises(CommandError, match="already has data"):
        call_command("build_synthetic", quotes=10, speakers=2, articles=5)
