"""Ingest writers take turns on PostgreSQL, and a write that meets a deadlock is tried again."""

from __future__ import annotations

import threading

import psycopg
import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections

from quotes.models import Article
from quotes.services import attribution as service
from quotes.services.attribution import INGEST_WRITE_LOCK, article_attribute
from tests.factories import make_article
from tests.services.test_attribution_service import BODY, trump_attributions

pytestmark = pytest.mark.django_db

WAITING_FOR_THE_LOCK = """
    SELECT count(*) FROM pg_locks
    WHERE locktype = 'advisory' AND NOT granted AND objid = %s
"""


def _other_connection() -> psycopg.Connection:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="PostgreSQL's advisory lock; SQLite writers take turns by IMMEDIATE transactions",
)
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_an_article_is_written_once_the_other_ingest_writer_is_done():
    article = make_article(body=BODY)
    other = _other_connection()
    other.execute("SELECT pg_advisory_lock(%s)", [INGEST_WRITE_LOCK])
    outcomes = []

    def ingest() -> None:
        try:
            outcomes.append(article_attribute(article=article, attributions=trump_attributions()))
        finally:
            connections.close_all()

    writer = threading.Thread(target=ingest)
    writer.start()
    try:
        waiting = 0
        for _ in range(200):
            waiting = other.execute(WAITING_FOR_THE_LOCK, [INGEST_WRITE_LOCK]).fetchone()[0]
            if waiting:
                break
            threading.Event().wait(0.05)
        assert waiting == 1
        assert not article.quotes.exists()
    finally:
        other.execute("SELECT pg_advisory_unlock(%s)", [INGEST_WRITE_LOCK])
        other.close()
        writer.join(timeout=60)
    assert not outcomes[0].failed
    assert Article.objects.get(pk=article.pk).status == Article.Status.DONE
    assert article.quotes.count() == len(trump_attributions())


def test_a_write_that_meets_a_deadlock_is_tried_again(monkeypatch):
    article = make_article(body=BODY)
    real_write = service._write_article
    calls = []

    class Deadlock(Exception):
        sqlstate = "40P01"

    def deadlocked_once(**kwargs):
        calls.append(kwargs["article"].pk)
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from Deadlock()
        return real_write(**kwargs)

    monkeypatch.setattr(service, "_write_article", deadlocked_once)

    outcome = article_attribute(article=article, attributions=trump_attributions())

    assert calls == [article.pk, article.pk]
    assert not outcome.failed
    assert Article.objects.get(pk=article.pk).status == Article.Status.DONE
    assert article.quotes.count() == len(trump_attributions())
