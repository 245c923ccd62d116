"""An article is done with quotes, index and topics all written, or failed with its error.

Failures are injected where the suite injects engine failures (monkeypatch on the stage that
breaks); the writer, the database and the recovery commands are the real ones.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from quotes.attribution import Attribution
from quotes.ingest import ArticleRecord
from quotes.models import Article, IngestBatch, Quote, Topic
from quotes.search import SearchFilters, search_quotes
from quotes.services import attribution as attribution_service
from quotes.services.attribution import article_attribute
from quotes.services.ingest import IngestStatus, articles_ingest, content_hash
from quotes.tasks import attribute_article, attribute_article_on_commit
from tests.factories import make_article
from tests.services.test_attribution_service import BODY, trump_attributions

pytestmark = pytest.mark.django_db

SERVICE_LOGGER = "quotes.services.attribution"
STORY = (
    "Le budget de la défense augmentera, a annoncé mercredi le gouvernement à Paris. "
    "« Le budget de la défense augmentera de trois milliards », a déclaré Florence Parly, "
    "ministre des Armées."
)


def _break_topics(monkeypatch) -> None:
    """Topic extraction fails the way a missing or broken yake would, at run time."""

    def broken(*args, **kwargs):
        raise ModuleNotFoundError("No module named 'yake'")

    monkeypatch.setattr("quotes.topics.extract.extract_topics", broken)


def test_a_topic_failure_fails_the_article_and_writes_nothing(monkeypatch, caplog):
    article = make_article(body=BODY, status=Article.Status.PENDING)
    _break_topics(monkeypatch)

    with caplog.at_level(logging.ERROR, logger=SERVICE_LOGGER):
        outcome = article_attribute(article=article, attributions=trump_attributions())

    assert outcome.error == "ModuleNotFoundError: No module named 'yake'"
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error == "ModuleNotFoundError: No module named 'yake'"
    assert not article.quotes.exists()
    assert not search_quotes("guerre", SearchFilters()).hits
    assert not Topic.objects.exists()
    [record] = [r for r in caplog.records if r.name == SERVICE_LOGGER]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None


def test_a_bug_in_the_writer_keeps_its_own_name_and_traceback(monkeypatch, caplog):
    article = make_article(body=BODY, status=Article.Status.PENDING)

    def buggy_index(**changes):
        raise AttributeError("'NoneType' object has no attribute 'pk'")

    monkeypatch.setattr(attribution_service, "quotes_changed", buggy_index)

    with caplog.at_level(logging.ERROR, logger=SERVICE_LOGGER):
        outcome = article_attribute(article=article, attributions=trump_attributions())

    assert outcome.error == "AttributeError: 'NoneType' object has no attribute 'pk'"
    assert "malformed" not in outcome.error
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.FAILED, outcome.error)
    assert not article.quotes.exists()
    [record] = [r for r in caplog.records if r.name == SERVICE_LOGGER]
    assert record.levelno == logging.ERROR
    assert "buggy_index" in caplog.text  # the traceback points at the bug


def test_malformed_engine_output_is_named_and_nothing_is_written(caplog):
    article = make_article(body=BODY, status=Article.Status.PENDING)
    good, other = trump_attributions()
    wrong = Attribution(**{**other.__dict__, "confidence": "high"})

    with caplog.at_level(logging.WARNING, logger=SERVICE_LOGGER):
        outcome = article_attribute(article=article, attributions=[good, wrong])

    assert outcome.error == "MalformedEngineOutput: record 1: confidence is 'high'"
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert not article.quotes.exists()
    assert any(r.levelno == logging.WARNING and r.exc_info for r in caplog.records)


def test_a_later_success_clears_the_error_and_counts_both_attempts(monkeypatch):
    article = make_article(body=BODY, status=Article.Status.PENDING)
    _break_topics(monkeypatch)
    article_attribute(article=article, attributions=trump_attributions())
    monkeypatch.undo()

    outcome = article_attribute(article=article, attributions=trump_attributions())

    assert not outcome.failed
    article.refresh_from_db()
    assert (article.status, article.error, article.attempts) == (Article.Status.DONE, "", 2)
    assert article.quotes.count() == 2
    assert article.topics.exists()


def _pending_since(minutes: int, **fields) -> Article:
    article = make_article(status=Article.Status.PENDING, **fields)
    since = timezone.now() - dt.timedelta(minutes=minutes)
    Article.objects.filter(pk=article.pk).update(status_changed_at=since)
    article.refresh_from_db()
    return article


def test_reattribute_stale_runs_only_articles_abandoned_past_the_timeout(settings):
    settings.ATTRIBUTION_STALE_AFTER = 15 * 60
    abandoned = _pending_since(20, body=STORY)
    running = _pending_since(2)
    out = io.StringIO()

    call_command("reattribute", "--stale", stdout=out)

    abandoned.refresh_from_db()
    running.refresh_from_db()
    assert abandoned.status == Article.Status.DONE
    assert abandoned.quotes.filter(speaker__name="Florence Parly").exists()
    assert running.status == Article.Status.PENDING
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"article {abandoned.pk} pending since ")
    assert lines[-1] == "1 attributed, 0 failed"


def test_reattribute_failed_lists_each_error_and_covers_abandoned_articles(settings):
    settings.ATTRIBUTION_STALE_AFTER = 15 * 60
    failed = make_article(
        body=STORY, status=Article.Status.FAILED, error="OperationalError: server closed"
    )
    abandoned = _pending_since(30)
    out = io.StringIO()

    call_command("reattribute", "--failed", stdout=out)

    batch = IngestBatch.objects.get()
    assert out.getvalue().splitlines() == [
        f"article {failed.pk} failed: OperationalError: server closed",
        f"article {abandoned.pk} pending since "
        f"{abandoned.status_changed_at:%Y-%m-%d %H:%M:%S %Z} (0 attempts)",
        f"batch {batch.pk}: /batches/{batch.pk}/",
        "2 attributed, 0 failed",
    ]
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}


def test_the_admin_shows_why_an_article_failed(client, monkeypatch):
    client.force_login(User.objects.create_superuser("root", password="pass-word-123"))
    article = make_article(body=BODY, status=Article.Status.PENDING)
    _break_topics(monkeypatch)
    article_attribute(article=article, attributions=trump_attributions())

    listing = client.get(reverse("admin:quotes_article_changelist") + "?status__exact=failed")
    page = client.get(reverse("admin:quotes_article_change", args=[article.pk]))

    assert "ModuleNotFoundError: No module named &#x27;yake&#x27;" in listing.text
    assert "ModuleNotFoundError: No module named &#x27;yake&#x27;" in page.text
    assert 'name="error"' not in page.text  # shown, not editable


def _record(text: str) -> ArticleRecord:
    return ArticleRecord(source="story.txt", title="Budget", text=text, lang="fr")


def test_reingesting_a_failed_article_attributes_it_again(monkeypatch):
    _break_topics(monkeypatch)
    first = articles_ingest(items=[_record(STORY)])
    monkeypatch.undo()
    article = Article.objects.get()
    assert (first.failed, article.status) == (1, Article.Status.FAILED)
    messages = []

    again = articles_ingest(
        items=[_record(STORY)], on_result=lambda status, message: messages.append(status)
    )

    assert (again.new, again.duplicate, again.failed) == (0, 1, 0)
    assert messages == [IngestStatus.DUPLICATE]
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert Article.objects.count() == 1
    assert article.quotes.filter(speaker__name="Florence Parly").exists()


def test_reingesting_a_stuck_article_attributes_it_only_once_it_is_stale(settings):
    settings.ATTRIBUTION_STALE_AFTER = 15 * 60
    article = _pending_since(5, body=STORY, content_hash=content_hash(STORY))
    messages: list[str] = []

    def note(status, message):
        messages.append(message)

    articles_ingest(items=[_record(STORY)], on_result=note)
    article.refresh_from_db()
    assert article.status == Article.Status.PENDING  # another run may still be on it

    Article.objects.filter(pk=article.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(minutes=16)
    )
    articles_ingest(items=[_record(STORY)], on_result=note)

    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert messages[0] == f"story.txt: duplicate of article {article.pk} ({article.title})"
    assert messages[1].endswith(", attributed again")


def test_a_redelivered_task_leaves_a_done_article_alone_unless_forced():
    article = make_article(body=STORY, status=Article.Status.PENDING)
    assert attribute_article(article.pk) == "done"
    quotes = list(article.quotes.order_by("pk"))
    article.refresh_from_db()
    assert article.attempts == 1

    assert attribute_article(article.pk) == "done"
    article.refresh_from_db()
    assert article.attempts == 1  # not run again

    assert attribute_article(article.pk, force=True) == "done"
    article.refresh_from_db()
    assert article.attempts == 2
    assert quotes  # the engine found the minister's words
    assert list(Quote.objects.filter(article=article).order_by("pk")) == quotes  # not duplicated


def test_a_task_is_queued_only_once_the_article_is_committed(django_capture_on_commit_callbacks):
    article = make_article(body=STORY, status=Article.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        attribute_article_on_commit(article.pk)
        article.refresh_from_db()
        assert article.status == Article.Status.PENDING  # nothing sent before the commit

    assert len(queued) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
