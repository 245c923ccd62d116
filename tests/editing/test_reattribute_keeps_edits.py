"""With the real engine: `reattribute --all` replaces machine output and keeps editors' work."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from quotes.models import Quote, Speaker
from quotes.services import editing
from quotes.services.attribution import article_attribute
from tests.factories import make_article


@pytest.fixture
def article(db, seed_text):
    """The seed article, attributed once by the engine."""
    article = make_article(body=seed_text, title="Ukraine : Washington accélère l'aide")
    article_attribute(article=article)
    assert article.quotes.count() >= 5, "the engine should find the seed article's quotes"
    return article


def _machine_quotes(article) -> list[Quote]:
    return list(article.quotes.filter(origin="machine").order_by("start"))


def _reattribute_all() -> None:
    call_command("reattribute", "--all", stdout=StringIO(), stderr=StringIO())


def _overlaps(a: Quote, b: Quote) -> bool:
    return a.start < b.end and b.start < a.end


def test_reassigned_speaker_survives_reattribute(article, editor):
    quote = _machine_quotes(article)[0]
    editing.quote_reassign(
        quote=quote,
        new_speaker_name="Porte-parole du département d'État",
        new_speaker_kind="organisation",
        expected_version=quote.version,
        user=editor,
    )

    _reattribute_all()

    kept = Quote.objects.get(pk=quote.pk)
    assert kept.speaker.name == "Porte-parole du département d'État"
    assert (kept.start, kept.end, kept.text) == (quote.start, quote.end, quote.text)
    assert kept.review_status == Quote.Review.CORRECTED
    same_span = article.quotes.filter(start__lt=quote.end, end__gt=quote.start)
    assert list(same_span) == [kept]


def test_rejected_quote_stays_rejected_and_does_not_come_back(article, editor):
    quote = _machine_quotes(article)[1]
    editing.quote_reject(quote=quote, expected_version=quote.version, user=editor)

    _reattribute_all()

    assert Quote.objects.get(pk=quote.pk).review_status == Quote.Review.REJECTED
    overlapping = [q for q in article.quotes.exclude(pk=quote.pk) if _overlaps(q, quote)]
    assert overlapping == []


def test_added_quote_stays_and_machine_quotes_are_not_added_over_it(article, editor):
    machine = _machine_quotes(article)
    covered = machine[2]
    # The editor's quote covers a machine quote's span and a little more.
    added = editing.quote_add(
        article=article,
        start=covered.start,
        end=min(len(article.body), covered.end + 5),
        kind="direct",
        new_speaker_name="Une source diplomatique",
        new_speaker_kind="anonymous",
        user=editor,
    )

    _reattribute_all()

    kept = Quote.objects.get(pk=added.pk)
    assert (kept.start, kept.end, kept.speaker.name) == (
        added.start,
        added.end,
        "Une source diplomatique",
    )
    machine_after = _machine_quotes(article)
    assert not any(q.origin == "machine" and _overlaps(q, kept) for q in machine_after)
    # The other machine quotes came back, one per span.
    spans = Counter((q.start, q.end) for q in machine_after)
    assert spans and max(spans.values()) == 1


def test_confirmed_quote_is_untouched_by_reattribute(article, editor):
    quote = _machine_quotes(article)[3]
    editing.quote_confirm(quote=quote, expected_version=quote.version, user=editor)
    history = quote.history.count()

    _reattribute_all()

    kept = Quote.objects.get(pk=quote.pk)
    assert kept.review_status == Quote.Review.CONFIRMED
    assert kept.history.count() == history


def test_reattribute_maps_a_merged_speakers_names_to_the_survivor(article, editor):
    counts = Counter(q.speaker_id for q in _machine_quotes(article) if q.speaker_id is not None)
    source = Speaker.objects.get(pk=counts.most_common(1)[0][0])
    target = Speaker.objects.create(name="Survivor of a merge", slug="survivor")
    editing.speaker_merge(source=source, target=target, expected_version=1, user=editor)

    _reattribute_all()

    assert not article.quotes.filter(speaker=source).exists()
    assert article.quotes.filter(speaker=target).count() >= counts[source.pk]
