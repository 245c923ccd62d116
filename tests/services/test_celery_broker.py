"""With CELERY_BROKER_URL set, ingest queues attribution on Redis and a real worker does it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import redis
from celery import Celery, current_app
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core.management import call_command

from quotes.attribution import get_nlp
from quotes.models import Article, Quote

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed_reuters_fr.txt"
# A database number of its own, and a queue of this test run's own, so concurrent runs (two
# checkouts, SQLite and PostgreSQL side by side) never take each other's tasks.
BROKER_URL = "redis://127.0.0.1:6379/15"
QUEUE = f"quotes-test-{os.getpid()}"
WORKER_TIMEOUT = 60


def reachable_redis() -> redis.Redis:
    """A client of the test broker; a clear failure (not a skip) when Redis is down."""
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    try:
        client.ping()
        problem = ""
    except redis.RedisError as error:
        problem = str(error)
    if problem:
        pytest.fail(
            f"Redis is not reachable at {BROKER_URL} ({problem}); "
            "start it with: bash scripts/ensure_redis.sh",
            pytrace=False,
        )
    return client


@pytest.fixture
def redis_broker():
    """The broker, with this run's queue empty."""
    client = reachable_redis()
    forget_queue(client, QUEUE)
    yield client
    forget_queue(client, QUEUE)
    client.close()


def forget_queue(client: redis.Redis, queue: str) -> None:
    """Delete a queue and its routing entries, leaving other runs' keys alone."""
    separator = b"\x06\x16"  # kombu joins a queue's key and routing fields with it
    for key in [queue, *client.scan_iter(f"{queue}{separator.decode()}*")]:
        client.delete(key)
    client.delete(f"_kombu.binding_permanent.{queue}")
    for binding in client.scan_iter("_kombu.binding.*"):
        for member in client.smembers(binding):
            if member.split(separator)[-1] == queue.encode():
                client.srem(binding, member)


@pytest.fixture
def celery_on_redis(redis_broker, settings):
    """A Celery app as a process started with CELERY_BROKER_URL has it, current for the test.

    A new app, not the project's: the project's may already hold a producer pool made for
    another broker by tests that ran before (eager tasks), and would publish there.
    """
    settings.CELERY_BROKER_URL = BROKER_URL
    app = Celery("newsroom-broker-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=BROKER_URL,
        task_always_eager=False,
        task_default_queue=QUEUE,
        # The embedded worker must leave pytest's logging alone.
        worker_hijack_root_logger=False,
    )
    previous = current_app._get_current_object()
    app.set_current()  # shared tasks (quotes.tasks) send through the current app
    yield app
    previous.set_current()
    app.close()


@pytest.fixture
def finished_tasks():
    """Every task the worker finishes: (task name, return value, thread id)."""
    finished: list[tuple[str, object, int]] = []
    done = threading.Event()

    def record(sender=None, retval=None, **kwargs) -> None:
        finished.append((sender.name, retval, threading.get_ident()))
        done.set()

    task_postrun.connect(record, weak=False)
    yield finished, done
    task_postrun.disconnect(record)


# Naming the apps makes the flush after this test TRUNCATE ... CASCADE, which PostgreSQL needs
# for the search index table that references quotes.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_ingested_article_is_queued_on_redis_and_attributed_by_a_worker(
    celery_on_redis, redis_broker, finished_tasks
):
    finished, done = finished_tasks
    # Loaded here, once, so the worker's task does not pay for it (the engine caches models).
    get_nlp("fr")
    out = io.StringIO()

    call_command("ingest", str(SEED), "--lang", "fr", verbosity=2, stdout=out, stderr=io.StringIO())

    article = Article.objects.get()
    assert f"article {article.pk} (queued)" in out.getvalue()
    assert "1 new, 0 duplicate, 0 failed" in out.getvalue()
    # Nothing has run it yet: the job waits in Redis, and the article waits for the worker.
    assert article.status == Article.Status.PENDING
    assert not Quote.objects.exists()
    assert redis_broker.llen(QUEUE) == 1

    with start_worker(celery_on_redis, perform_ping_check=False, shutdown_timeout=30):
        assert done.wait(WORKER_TIMEOUT), f"no worker finished the task in {WORKER_TIMEOUT} s"

    assert [(name, result) for name, result, _ in finished] == [
        ("quotes.tasks.attribute_article", "done")
    ]
    assert finished[0][2] != threading.get_ident(), "the task ran in the test, not a worker"
    assert redis_broker.llen(QUEUE) == 0
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    speakers = set(article.quotes.values_list("speaker__name", flat=True))
    assert {"Daniel Fried", "Anne-Marie Slaughter"} <= speakers
    assert article.quotes.filter(text__contains="Si les équipes de Biden tentent").exists()


def test_a_broker_url_in_the_environment_sends_tasks_to_the_broker():
    """What the test above sets by hand is what a process gets from CELERY_BROKER_URL."""
    probe = (
        "import django; django.setup();"
        "from newsroom.celery import app; from quotes.tasks import uses_workers;"
        "print(app.conf.broker_url, app.conf.task_always_eager, uses_workers())"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "true",
            "CELERY_BROKER_URL": BROKER_URL,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [BROKER_URL, "False", "True"]


def test_workers_acknowledge_late_one_task_at_a_time_and_redis_redelivers_within_the_hour():
    """A process's Celery settings: a task outlives its worker, and none waits behind it."""
    probe = (
        "import django; django.setup(); from newsroom.celery import app; c = app.conf;"
        "print(c.task_acks_late, c.task_reject_on_worker_lost, c.worker_prefetch_multiplier,"
        " c.broker_transport_options['visibility_timeout'], c.task_default_queue)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "true",
        "CELERY_BROKER_URL": BROKER_URL,
    }
    for name in ("CELERY_VISIBILITY_TIMEOUT", "CELERY_QUEUE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "1", "1800", "celery"]
