"""Ingest batches: ingest and reattribute fill one; its counts follow the articles' statuses."""

from __future__ import annotations

import io
import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core.management import call_command

from quotes.models import Article, IngestBatch
from quotes.selectors.batches import batch_progress
from quotes.services.attribution import article_attribute, article_mark_failed
from quotes.services.batches import batch_add_articles, batch_start
from tests.factories import make_article
from tests.services.test_celery_broker import (  # noqa: F401  (a real Redis broker and worker)
    WORKER_TIMEOUT,
    celery_on_redis,
    finished_tasks,
    redis_broker,
)

pytestmark = pytest.mark.django_db

ARTICLES = {
    "pont.txt": "Lyon inaugure un pont\n« Ce pont relie enfin les deux rives », a déclaré Paul "
    "Durand, le maire de Lyon, lundi.\n",
    "budget.txt": "Le budget adopté\n« Nous tiendrons le budget », a affirmé Marie Leroux, "
    "ministre des Finances.\n",
}


def run(*args: str) -> tuple[str, IngestBatch]:
    """Run a command; its output and the batch whose page its output names."""
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    number, path = re.search(r"^batch (\d+): (\S+)$", out.getvalue(), re.M).groups()
    batch = IngestBatch.objects.get(pk=number)
    assert path == f"/batches/{number}/" == batch.get_absolute_url()
    return out.getvalue(), batch


def counts(batch: IngestBatch) -> tuple[int, int, int, int]:
    progressed = batch_progress(pk=batch.pk).batch
    return progressed.total, progressed.done, progressed.failed, progressed.pending


@pytest.fixture
def sources(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_ingest_puts_its_new_articles_in_a_batch_named_after_its_command_line(sources):
    output, batch = run("ingest", str(sources))

    assert "2 new, 0 duplicate, 0 failed" in output
    assert set(batch.articles.all()) == set(Article.objects.all())
    assert batch.source == f"manage.py ingest {sources}"
    assert batch.started_by is None
    assert counts(batch) == (2, 2, 0, 0)


def test_a_second_ingest_of_the_same_files_has_an_empty_batch(sources):
    run("ingest", str(sources))

    output, again = run("ingest", str(sources))

    assert "0 new, 2 duplicate, 0 failed" in output
    assert counts(again) == (0, 0, 0, 0)


def test_a_failed_article_ingested_again_is_in_the_new_batch_and_done(sources):
    run("ingest", str(sources / "pont.txt"))
    failed = Article.objects.get()
    article_mark_failed(article=failed, error="the model was missing")

    _, retry = run("ingest", str(sources))

    assert set(retry.articles.all()) == set(Article.objects.all())
    assert counts(retry) == (2, 2, 0, 0)
    assert list(failed.batches.order_by("pk")) == list(IngestBatch.objects.order_by("pk"))


def test_reattribute_failed_puts_the_failed_articles_in_a_batch_and_ends_them_done(sources):
    run("ingest", str(sources))
    failed = Article.objects.order_by("pk").first()
    article_mark_failed(article=failed, error="the model was missing")

    output, batch = run("reattribute", "--failed")

    assert "1 attributed, 0 failed" in output
    assert list(batch.articles.all()) == [failed]
    assert batch.source == "manage.py reattribute --failed"
    assert counts(batch) == (1, 1, 0, 0)


def test_an_article_reattributed_later_belongs_to_both_batches(sources):
    _, first = run("ingest", str(sources))
    article = Article.objects.order_by("pk").first()

    _, second = run("reattribute", "--article", str(article.pk))

    assert list(second.articles.all()) == [article]
    assert set(article.batches.all()) == {first, second}
    assert second.source == f"manage.py reattribute --article {article.pk}"


def test_counts_follow_the_articles_statuses():
    articles = [make_article(status=Article.Status.PENDING) for _ in range(3)]
    batch = batch_start(source="test")
    batch_add_articles(batch=batch, article_ids=[article.pk for article in articles])
    assert counts(batch) == (3, 0, 0, 3)

    article_mark_failed(article=articles[0], error="boom")
    article_attribute(article=articles[1], attributions=[])

    assert counts(batch) == (3, 1, 1, 1)
    (failure,) = batch_progress(pk=batch.pk).failures
    assert (failure, failure.error) == (articles[0], "boom")


def test_a_restarted_batch_counts_done_articles_as_pending_until_they_run_again():
    done = make_article(status=Article.Status.DONE)
    failed = make_article(status=Article.Status.FAILED, error="boom")
    batch = batch_start(source="test")

    batch_add_articles(batch=batch, article_ids=[done.pk, failed.pk], restart=True)

    assert counts(batch) == (2, 0, 0, 2)
    failed.refresh_from_db()
    assert failed.error == ""


def test_adding_an_article_twice_counts_it_once():
    article = make_article()
    batch = batch_start(source="test")

    batch_add_articles(batch=batch, article_ids=[article.pk])
    batch_add_articles(batch=batch, article_ids=[article.pk])

    assert counts(batch) == (1, 1, 0, 0)


def test_a_long_source_is_shortened_to_fit():
    batch = batch_start(source="manage.py ingest " + "x" * 1000)

    batch.refresh_from_db()
    assert len(batch.source) == 500
    assert batch.source.endswith("…")


@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_with_workers_a_reattribute_batch_stays_pending_until_a_worker_runs_it(
    celery_on_redis,  # noqa: F811
    finished_tasks,  # noqa: F811
):
    for article in ARTICLES.values():
        make_article(body=article.split("\n", 1)[1].strip(), status=Article.Status.DONE)
    finished, _ = finished_tasks

    output, batch = run("reattribute", "--all")

    assert "2 queued" in output
    assert counts(batch) == (2, 0, 0, 2)
    with start_worker(celery_on_redis, perform_ping_check=False, shutdown_timeout=30):
        deadline = time.monotonic() + WORKER_TIMEOUT
        while len(finished) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert [result for _, result, _ in finished] == ["done", "done"]
    assert counts(batch) == (2, 2, 0, 0)
