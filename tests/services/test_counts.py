"""Stored speaker, topic and article counts stay exact through every writer: ingest, editors."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from quotes.attribution import Attribution
from quotes.models import Article, Quote, Speaker, Topic
from quotes.services import editing
from quotes.services.attribution import article_attribute
from quotes.services.counts import counts_rebuild, speaker_counts_refresh, topic_counts_refresh
from quotes.services.topics import quote_topic_add, quote_topic_remove
from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC)
FRIDAY = dt.datetime(2024, 3, 8, 9, tzinfo=dt.UTC)
BODY = (
    "« Nous tiendrons bon », a déclaré Marie Durand. « Rien n'est signé », a ajouté Paul Lenoir. "
    "« Le calendrier sera tenu », a assuré Marie Durand."
)


def said(body: str, text: str, speaker: str) -> Attribution:
    """An engine record for the first occurrence of text in body."""
    start = body.index(text)
    mention = body.index(speaker)
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


def expected_speaker_counts() -> dict[str, tuple[int, dt.datetime | None]]:
    """Every speaker's public quotes and latest date, counted from the quotes in Python."""
    counts: dict[str, tuple[int, dt.datetime | None]] = {}
    for speaker in Speaker.objects.all():
        public = [q for q in Quote.objects.filter(speaker=speaker) if q.review_status != "rejected"]
        dates = [q.published_at for q in public if q.published_at is not None]
        counts[speaker.name] = (len(public), max(dates, default=None))
    return counts


def stored_speaker_counts() -> dict[str, tuple[int, dt.datetime | None]]:
    return {s.name: (s.quote_count, s.latest_quote_at) for s in Speaker.objects.all()}


def expected_topic_counts() -> dict[str, int]:
    return {
        topic.label: sum(1 for q in topic.quotes.all() if q.review_status != "rejected")
        for topic in Topic.objects.all()
    }


def stored_topic_counts() -> dict[str, int]:
    return {topic.label: topic.quote_count for topic in Topic.objects.all()}


def expected_article_counts() -> dict[int, tuple[int, int]]:
    """Every article's public and unreviewed quotes, counted in Python."""
    return {
        article.pk: (
            sum(1 for q in article.quotes.all() if q.review_status != "rejected"),
            sum(1 for q in article.quotes.all() if q.review_status == "unreviewed"),
        )
        for article in Article.objects.all()
    }


def stored_article_counts() -> dict[int, tuple[int, int]]:
    return {a.pk: (a.quote_count, a.unreviewed_count) for a in Article.objects.all()}


def assert_counts_exact() -> None:
    assert stored_speaker_counts() == expected_speaker_counts()
    assert stored_topic_counts() == expected_topic_counts()
    assert stored_article_counts() == expected_article_counts()


def stored(speaker: Speaker) -> tuple[int, dt.datetime | None]:
    speaker.refresh_from_db()
    return speaker.quote_count, speaker.latest_quote_at


@pytest.fixture
def ingested():
    """An article attributed through the service: two quotes by Durand, one by Lenoir."""
    article = make_article(body=BODY, published_at=FRIDAY)
    article_attribute(
        article=article,
        attributions=[
            said(BODY, "« Nous tiendrons bon »", "Marie Durand"),
            said(BODY, "« Rien n'est signé »", "Paul Lenoir"),
            said(BODY, "« Le calendrier sera tenu »", "Marie Durand"),
        ],
    )
    return article


def quote_of(article, text: str) -> Quote:
    return article.quotes.get(text=text)


def test_ingest_stores_each_speakers_quote_count_and_latest_date(ingested):
    durand = Speaker.objects.get(name="Marie Durand")
    lenoir = Speaker.objects.get(name="Paul Lenoir")

    assert stored(durand) == (2, FRIDAY)
    assert stored(lenoir) == (1, FRIDAY)
    assert_counts_exact()


def test_ingest_stores_each_articles_public_and_unreviewed_quotes(ingested):
    ingested.refresh_from_db()

    assert (ingested.quote_count, ingested.unreviewed_count) == (3, 3)


def test_review_and_rejection_change_the_articles_counts(ingested, editor):
    first, second, _third = ingested.quotes.order_by("start")

    editing.quote_confirm(quote=first, expected_version=first.version, user=editor)
    ingested.refresh_from_db()
    assert (ingested.quote_count, ingested.unreviewed_count) == (3, 2)

    editing.quote_reject(quote=second, expected_version=second.version, user=editor)
    ingested.refresh_from_db()
    assert (ingested.quote_count, ingested.unreviewed_count) == (2, 1)
    assert_counts_exact()


def test_a_quote_added_by_an_editor_counts_for_its_article(ingested, editor):
    start = BODY.index("a ajouté")
    editing.quote_add(
        article=ingested, start=start, end=start + len("a ajouté"), kind="indirect", user=editor
    )

    ingested.refresh_from_db()
    assert (ingested.quote_count, ingested.unreviewed_count) == (4, 3)
    assert_counts_exact()


def test_reattribution_moves_counts_and_drops_those_of_vanished_quotes(ingested):
    durand = Speaker.objects.get(name="Marie Durand")

    article_attribute(
        article=ingested,
        attributions=[
            said(BODY, "« Nous tiendrons bon »", "Paul Lenoir"),
            said(BODY, "« Rien n'est signé »", "Paul Lenoir"),
        ],
    )

    assert stored(Speaker.objects.get(name="Paul Lenoir")) == (2, FRIDAY)
    # Durand lost both quotes; only the machine had ever named her, so she is gone.
    assert not Speaker.objects.filter(pk=durand.pk).exists()
    assert_counts_exact()


def test_reattribution_recounts_the_topics_of_quotes_it_deletes(ingested):
    budget = make_topic("Budget")
    quote_of(ingested, "« Le calendrier sera tenu »").topics.add(budget)
    topic_counts_refresh(topic_ids=[budget.pk])
    assert Topic.objects.get(pk=budget.pk).quote_count == 1

    article_attribute(
        article=ingested, attributions=[said(BODY, "« Nous tiendrons bon »", "Marie Durand")]
    )

    assert Topic.objects.get(pk=budget.pk).quote_count == 0
    assert_counts_exact()


def test_reassign_moves_one_quote_between_speakers(ingested, editor):
    quote = quote_of(ingested, "« Rien n'est signé »")
    durand = Speaker.objects.get(name="Marie Durand")

    editing.quote_reassign(quote=quote, speaker=durand, expected_version=quote.version, user=editor)

    assert stored(durand) == (3, FRIDAY)
    assert stored(Speaker.objects.get(name="Paul Lenoir")) == (0, None)
    assert_counts_exact()


def test_reassign_to_a_new_speaker_by_name_counts_the_new_speaker(ingested, editor):
    quote = quote_of(ingested, "« Rien n'est signé »")

    editing.quote_reassign(
        quote=quote, new_speaker_name="Anne Roux", expected_version=quote.version, user=editor
    )

    assert stored(Speaker.objects.get(name="Anne Roux")) == (1, FRIDAY)
    assert_counts_exact()


def test_reject_hides_the_quote_from_speaker_and_topic_counts_and_confirm_restores_it(editor):
    durand = make_speaker("Marie Durand")
    older = make_quote(make_article(published_at=MONDAY), durand)
    newer = make_quote(make_article(published_at=FRIDAY), durand)
    budget = make_topic("Budget")
    newer.topics.add(budget)
    older.topics.add(budget)
    topic_counts_refresh(topic_ids=[budget.pk])

    newer = editing.quote_reject(quote=newer, expected_version=newer.version, user=editor)

    assert stored(durand) == (1, MONDAY)
    assert Topic.objects.get(pk=budget.pk).quote_count == 1
    assert_counts_exact()

    editing.quote_confirm(quote=newer, expected_version=newer.version, user=editor)

    assert stored(durand) == (2, FRIDAY)
    assert Topic.objects.get(pk=budget.pk).quote_count == 2
    assert_counts_exact()


def test_a_rejected_quote_counts_again_once_confirmed_not_when_corrected(editor):
    durand = make_speaker("Marie Durand")
    quote = make_quote(make_article(published_at=MONDAY), durand)
    quote = editing.quote_reject(quote=quote, expected_version=quote.version, user=editor)
    assert stored(durand) == (0, None)

    quote = editing.quote_set_kind(
        quote=quote, kind=Quote.Kind.INDIRECT, expected_version=quote.version, user=editor
    )
    assert stored(durand) == (0, None)
    editing.quote_confirm(quote=quote, expected_version=quote.version, user=editor)

    assert stored(durand) == (1, MONDAY)
    assert_counts_exact()


def test_reverting_a_reassignment_gives_the_quote_back(ingested, editor):
    quote = quote_of(ingested, "« Rien n'est signé »")
    durand = Speaker.objects.get(name="Marie Durand")
    quote = editing.quote_reassign(
        quote=quote, speaker=durand, expected_version=quote.version, user=editor
    )
    change = quote.history.order_by("-history_date", "-history_id").first()

    editing.change_revert(
        instance=quote, history_id=change.history_id, expected_version=quote.version, user=editor
    )

    assert stored(durand) == (2, FRIDAY)
    assert stored(Speaker.objects.get(name="Paul Lenoir")) == (1, FRIDAY)
    assert_counts_exact()


def test_an_added_quote_counts_for_its_speaker(ingested, editor):
    lenoir = Speaker.objects.get(name="Paul Lenoir")
    start = BODY.index("Le calendrier")

    editing.quote_add(
        article=ingested,
        start=start,
        end=start + len("Le calendrier"),
        kind=Quote.Kind.DIRECT,
        speaker=lenoir,
        user=editor,
    )

    assert stored(lenoir) == (2, FRIDAY)
    assert_counts_exact()


def test_merge_moves_every_quote_to_the_target(ingested, editor):
    durand = Speaker.objects.get(name="Marie Durand")
    lenoir = Speaker.objects.get(name="Paul Lenoir")
    make_quote(make_article(published_at=MONDAY), lenoir)
    stale_copy = Speaker.objects.get(pk=lenoir.pk)

    editing.speaker_merge(
        source=lenoir, target=durand, expected_version=lenoir.version, user=editor
    )

    assert stored(durand) == (4, FRIDAY)
    assert stored(stale_copy) == (0, None)
    assert_counts_exact()


def test_renaming_a_speaker_keeps_its_counts(ingested, editor):
    durand = Speaker.objects.get(name="Marie Durand")

    editing.speaker_update(
        speaker=durand,
        name="Marie-Anne Durand",
        kind=Speaker.Kind.PERSON,
        description="",
        expected_version=durand.version,
        user=editor,
    )

    assert stored(durand) == (2, FRIDAY)
    assert_counts_exact()


def test_editors_topic_additions_and_removals_count(ingested, editor):
    quote = quote_of(ingested, "« Nous tiendrons bon »")

    topic = quote_topic_add(
        quote=quote, label="Accord de paix", expected_version=quote.version, user=editor
    )
    other = quote_of(ingested, "« Rien n'est signé »")
    quote_topic_add(quote=other, label="Accord", expected_version=other.version, user=editor)

    assert Topic.objects.get(pk=topic.pk).quote_count == 1
    assert_counts_exact()

    quote_topic_remove(quote=quote, topic=topic, expected_version=quote.version, user=editor)

    assert Topic.objects.get(pk=topic.pk).quote_count == 0
    assert_counts_exact()


def test_topic_assignment_on_ingest_counts_the_linked_quotes(seed_text):
    article = make_article(body=seed_text, published_at=FRIDAY)

    article_attribute(article=article)

    assert Topic.objects.filter(quote_count__gt=0).exists()
    assert_counts_exact()


def test_rebuild_repairs_counts_written_behind_the_services_back():
    durand = make_speaker("Marie Durand")
    budget = make_topic("Budget")
    make_quote(make_article(published_at=MONDAY), durand).topics.add(budget)
    Speaker.objects.filter(pk=durand.pk).update(quote_count=7, latest_quote_at=None)
    Article.objects.update(quote_count=9, unreviewed_count=9)

    counts_rebuild()

    assert stored(durand) == (1, MONDAY)
    assert stored_article_counts() == expected_article_counts()
    assert Topic.objects.get(pk=budget.pk).quote_count == 1


def test_rebuild_counts_command_recounts_after_an_edit_outside_the_services():
    durand = make_speaker("Marie Durand")
    quote = make_quote(make_article(published_at=MONDAY), durand)
    Quote.objects.filter(pk=quote.pk).update(review_status=Quote.Review.REJECTED)
    output = StringIO()

    call_command("rebuild_counts", stdout=output)

    assert stored(durand) == (0, None)
    assert "Counts rebuilt" in output.getvalue()


def test_refreshing_nothing_or_deleted_rows_is_harmless():
    speaker_counts_refresh(speaker_ids=[])
    speaker_counts_refresh(speaker_ids=[None, 123456])
    topic_counts_refresh(topic_ids=[987654])

    assert_counts_exact()


def test_lists_show_the_stored_counts_most_quoted_first(client, ingested):
    html = client.get(reverse("speaker-list")).content.decode()

    assert html.index("Marie Durand") < html.index("Paul Lenoir")
    assert "2 quotes" in html and "1 quote<" in html
    latest = client.get(reverse("speaker-list"), {"sort": "latest"})
    assert [s.name for s in latest.context["listing"].page] == ["Marie Durand", "Paul Lenoir"]


@pytest.fixture
def admin_client(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", password="pass-word-123"))
    return client


def test_deleting_an_article_in_the_admin_recounts_its_speakers_and_topics(admin_client, ingested):
    budget = make_topic("Budget")
    quote_of(ingested, "« Rien n'est signé »").topics.add(budget)
    topic_counts_refresh(topic_ids=[budget.pk])

    response = admin_client.post(
        reverse("admin:quotes_article_delete", args=[ingested.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert stored(Speaker.objects.get(name="Paul Lenoir")) == (0, None)
    assert Topic.objects.get(pk=budget.pk).quote_count == 0
    assert_counts_exact()


def test_rejecting_a_quote_in_the_admin_recounts_its_speaker(admin_client, ingested):
    quote = quote_of(ingested, "« Rien n'est signé »")
    url = reverse("admin:quotes_quote_change", args=[quote.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"topics", "published_at"}
    }
    data.update(review_status="rejected", article=ingested.pk, speaker=quote.speaker_id)

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored(Speaker.objects.get(name="Paul Lenoir")) == (0, None)
    assert_counts_exact()


def test_an_articles_recount_reads_its_quotes_through_the_article_index_alone():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quotes.services.counts import article_counts_refresh

    article = make_article(body=BODY, published_at=FRIDAY)
    make_quote(article, None)
    with CaptureQueriesContext(connection) as queries:
        article_counts_refresh(article_ids=[article.pk])
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE"))

    # Review statuses are counted, not filtered on: "unreviewed" is nearly every quote, and a
    # condition on it let PostgreSQL read the whole review-status index once per article.
    assert update.count('"review_status"') == update.count("FILTER (WHERE") == 2
