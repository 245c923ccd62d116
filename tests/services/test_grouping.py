"""One quote across articles: which quotes are the same, and groups kept by writers and rebuilds."""

from __future__ import annotations

import datetime as dt
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.attribution import Attribution
from quotes.models import Quote, QuoteGroup
from quotes.services import editing
from quotes.services.attribution import article_attribute
from quotes.services.grouping import (
    PAIRWISE_MAX,
    find_groups,
    groups_rebuild,
    probe_words,
    quote_words,
    quotes_regroup,
    same_words,
)
from tests.factories import make_article, make_quote, make_speaker

LONG = "Nous ne céderons jamais devant la pression de Moscou sur nos frontières"
_bodies = itertools.count(1)
OTHER_LONG = "La réforme des retraites sera votée avant l'été quoi qu'en dise l'opposition"


def same(a: str, b: str) -> bool:
    return same_words(quote_words(a), quote_words(b))


@pytest.mark.parametrize(
    "copy",
    [
        "« NOUS NE CÉDERONS JAMAIS, devant la pression de Moscou sur nos frontières. »",
        "nous ne cederons jamais devant la pression de moscou sur nos frontieres",
        "Nous ne céderons jamais devant la pression de Moscou",
        "céderons jamais devant la pression de Moscou sur nos frontières",
        "Nous ne céderons jamais […] de Moscou sur nos frontières",
        "Nous ne céderons jamais... la pression de Moscou sur nos frontières",
        "Nous ne céderons jamais devant la pression de Moscou sur nos frontières (traduction)",
        "Nous ne plierons jamais devant la pression de Moscou sur nos frontières",
    ],
)
def test_small_differences_keep_the_same_words(copy):
    assert same(LONG, copy)


@pytest.mark.parametrize(
    "other",
    [
        OTHER_LONG,
        # One phrase in common, the rest different.
        "Nous ne céderons jamais sur les salaires des enseignants ni sur les postes",
        # The phrase alone, under the length where a fragment may match a longer quote.
        "Nous ne céderons jamais",
    ],
)
def test_different_words_are_not_the_same_quote(other):
    assert not same(LONG, other)


def test_short_quotes_match_only_word_for_word():
    assert same("C'est un scandale absolu", "« c’est un scandale, absolu ! »")
    assert not same("C'est un scandale absolu", "C'est un scandale")


def test_quotes_under_three_words_are_never_grouped():
    assert not same("Jamais !", "jamais")


def test_find_groups_keeps_speakers_apart():
    rows = [(1, 10, LONG), (2, 10, LONG.upper()), (3, 11, LONG), (4, 11, OTHER_LONG)]

    assert [sorted(group) for group in find_groups(rows)] == [[1, 2]]


def test_find_groups_finds_copies_among_many_quotes_of_one_speaker():
    """Past PAIRWISE_MAX quotes, candidates come from MinHash LSH; the copies are still found."""
    filler = [
        (pk, 7, f"Déclaration numéro {pk} sur le thème {pk * 7} et la question {pk * 13} du jour")
        for pk in range(100, 100 + 3 * PAIRWISE_MAX)
    ]
    copies = [
        (1, 7, LONG),
        (2, 7, LONG[:52] + "…"),
        (3, 7, OTHER_LONG),
        (4, 7, OTHER_LONG + " [sic]"),
    ]

    groups = sorted(sorted(group) for group in find_groups(sorted(copies + filler)))

    assert groups == [[1, 2], [3, 4]]


def test_probe_words_are_the_longest_plain_words_of_each_run():
    # Runs of four words; a word with an accent is never a probe, copies may drop it.
    assert probe_words(LONG) == ["jamais", "moscou", "pression"]
    assert probe_words("Élève été à Noël") == []


def quote_in(speaker, text: str, *, outlet: str = "Le Monde", day: int = 1) -> Quote:
    """A quote of text in an article of its own, published on day of January 2024."""
    body = f"Dépêche {next(_bodies)}. « {text} », a-t-il déclaré."
    article = make_article(
        body=body, outlet=outlet, published_at=dt.datetime(2024, 1, day, 9, tzinfo=dt.UTC)
    )
    start = body.index(text)
    return make_quote(article, speaker, start=start, end=start + len(text))


def group_of(quote: Quote) -> int | None:
    return Quote.objects.get(pk=quote.pk).group_id


@pytest.mark.django_db
def test_regroup_puts_the_same_words_of_one_speaker_together():
    speaker, other_speaker = make_speaker("Anne Martin"), make_speaker("Paul Durand")
    first = quote_in(speaker, LONG, day=1)
    cut = quote_in(speaker, LONG[:52], outlet="Libération", day=2)
    elsewhere = quote_in(other_speaker, LONG, day=3)
    different = quote_in(speaker, OTHER_LONG, day=4)

    quotes_regroup(quote_ids=[first.pk, cut.pk, elsewhere.pk, different.pk])

    assert group_of(first) is not None
    assert group_of(first) == group_of(cut)
    assert group_of(elsewhere) is None
    assert group_of(different) is None
    assert QuoteGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_batch_with_more_probe_words_than_one_query_holds_is_regrouped():
    # A batch of articles regroups its quotes at once: 130 quotes of 8 probe words each,
    # more than SQLite takes in one expression, and the copy of the last one still found.
    speaker = make_speaker("Anne Martin")
    words = [f"{''.join(letters)}mot" for letters in itertools.product("bcdfghjklmnp", repeat=3)]
    texts = [" ".join(f"{word} un de la" for word in words[i * 8 : i * 8 + 8]) for i in range(130)]
    quotes = [quote_in(speaker, text, day=1 + i % 28) for i, text in enumerate(texts)]
    copy = quote_in(speaker, texts[-1], day=28)

    quotes_regroup(quote_ids=[quote.pk for quote in [*quotes, copy]])

    assert len({word for text in texts for word in probe_words(text)}) == 1040
    assert group_of(copy) is not None and group_of(copy) == group_of(quotes[-1])
    assert QuoteGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_new_quote_joins_the_group_of_its_match():
    speaker = make_speaker("Anne Martin")
    first, second = quote_in(speaker, LONG), quote_in(speaker, LONG.upper(), day=2)
    quotes_regroup(quote_ids=[first.pk, second.pk])
    third = quote_in(speaker, LONG + " (traduction)", day=3)

    quotes_regroup(quote_ids=[third.pk])

    assert group_of(third) == group_of(first) == group_of(second)
    assert QuoteGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_quote_matching_two_groups_merges_them():
    speaker = make_speaker("Anne Martin")
    head = quote_in(speaker, LONG[:52])
    tail = quote_in(speaker, LONG[22:], day=2)
    head_copy, tail_copy = quote_in(speaker, LONG[:52], day=3), quote_in(speaker, LONG[22:], day=4)
    quotes_regroup(quote_ids=[head.pk, tail.pk, head_copy.pk, tail_copy.pk])
    assert group_of(head) != group_of(tail)

    whole = quote_in(speaker, LONG, day=5)
    quotes_regroup(quote_ids=[whole.pk])

    assert len({group_of(q) for q in (head, tail, head_copy, tail_copy, whole)}) == 1
    assert QuoteGroup.objects.count() == 1


@pytest.mark.django_db
def test_a_long_quote_finds_an_earlier_short_cut_of_its_middle():
    speaker = make_speaker("Anne Martin")
    whole = f"{OTHER_LONG}, et {LONG.lower()}, puis nous verrons bien ce que diront les électeurs"
    middle = quote_in(speaker, LONG[14:], day=1)
    quotes_regroup(quote_ids=[middle.pk])
    later = quote_in(speaker, whole, day=2)

    quotes_regroup(quote_ids=[later.pk])

    assert group_of(later) == group_of(middle) is not None


@pytest.mark.django_db
def test_a_rejected_quote_leaves_its_group_and_a_lone_quote_is_ungrouped():
    speaker = make_speaker("Anne Martin")
    first, second = quote_in(speaker, LONG), quote_in(speaker, LONG, day=2)
    quotes_regroup(quote_ids=[first.pk, second.pk])

    Quote.objects.filter(pk=second.pk).update(review_status=Quote.Review.REJECTED)
    quotes_regroup(quote_ids=[second.pk])

    assert group_of(first) is None and group_of(second) is None
    assert not QuoteGroup.objects.exists()


@pytest.mark.django_db
def test_rebuild_regroups_everything_from_scratch():
    speaker = make_speaker("Anne Martin")
    quotes = [quote_in(speaker, LONG, day=1), quote_in(speaker, LONG[:52], day=2)]
    stray = quote_in(speaker, OTHER_LONG, day=3)
    # A stale group, as left by writes that bypassed the services.
    Quote.objects.filter(pk=stray.pk).update(group=QuoteGroup.objects.create())

    outcome = groups_rebuild()

    assert (outcome.quotes, outcome.groups, outcome.grouped_quotes) == (3, 1, 2)
    assert group_of(quotes[0]) == group_of(quotes[1]) is not None
    assert group_of(stray) is None
    assert QuoteGroup.objects.count() == 1


@pytest.mark.django_db
def test_group_quotes_command_reports_its_groups():
    speaker = make_speaker("Anne Martin")
    for day in (1, 2, 3):
        quote_in(speaker, LONG, day=day)
    out = StringIO()

    call_command("group_quotes", stdout=out)

    assert "3 quotes read, 3 of them in 1 groups" in out.getvalue()


@pytest.mark.django_db
def test_regroup_runs_the_same_statements_for_few_or_many_quotes():
    def statements(speakers: int) -> int:
        quotes = []
        for n in range(speakers):
            speaker = make_speaker(f"Orateur {n} {speakers}")
            quotes += [quote_in(speaker, LONG, day=1), quote_in(speaker, LONG.upper(), day=2)]
        with CaptureQueriesContext(connection) as queries:
            quotes_regroup(quote_ids=[quote.pk for quote in quotes])
        assert len({group_of(quote) for quote in quotes}) == speakers
        return len(queries)

    assert statements(2) == statements(12)


def attribution(body: str, text: str, speaker: str) -> Attribution:
    """An engine record of text, said by speaker, in body."""
    start, mention = body.index(text), body.index(speaker)
    return Attribution(
        text=text,
        start=start,
        end=start + len(text),
        kind="direct",
        speaker=speaker,
        speaker_mention=speaker,
        speaker_start=mention,
        speaker_end=mention + len(speaker),
        speaker_kind="person",
        speaker_description="",
        cue="déclarer",
        cue_start=None,
        cue_end=None,
        confidence=0.9,
    )


def attributed(text: str, *, outlet: str, day: int) -> Quote:
    """An article quoting Anne Martin, written through the attribution service."""
    body = f"« {text} », a déclaré Anne Martin à {outlet}."
    article = make_article(
        body=body, outlet=outlet, published_at=dt.datetime(2024, 1, day, 9, tzinfo=dt.UTC)
    )
    article_attribute(article=article, attributions=[attribution(body, text, "Anne Martin")])
    return article.quotes.get()


@pytest.mark.django_db
def test_attribution_groups_a_quote_reported_again(editor):
    first = attributed(LONG, outlet="AFP", day=1)
    again = attributed(LONG[:52] + " (traduction)", outlet="Le Monde", day=2)

    assert group_of(first) == group_of(again) is not None

    editing.quote_reject(quote=again, expected_version=again.version, user=editor)

    assert group_of(first) is None
    assert not QuoteGroup.objects.exists()


@pytest.mark.django_db
def test_merging_two_speakers_groups_their_same_words(editor):
    martin, double = make_speaker("Anne Martin"), make_speaker("A. Martin")
    first = quote_in(martin, LONG, day=1)
    again = quote_in(double, LONG, outlet="AFP", day=2)
    quotes_regroup(quote_ids=[first.pk, again.pk])
    assert group_of(first) is None  # two speakers: not the same quote yet

    editing.speaker_merge(source=double, target=martin, expected_version=1, user=editor)

    assert group_of(first) == group_of(again) is not None
