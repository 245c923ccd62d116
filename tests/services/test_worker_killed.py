"""A Celery worker killed with SIGKILL in the middle of a task loses nothing.

Real processes throughout: `manage.py ingest` queues the seed article on Redis, a `celery
worker` takes it and is killed while it runs, and a second worker gets the task again once the
broker's visibility timeout has passed. The article ends done once, its quotes not duplicated.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection

from tests.services.scratch import ROOT, ScratchDatabase, scratch_sqlite
from tests.services.test_celery_broker import BROKER_URL, SEED, forget_queue, reachable_redis

QUEUE = f"quotes-killed-worker-{os.getpid()}"
# Short, so the second worker gets the task within seconds (production: 30 minutes).
VISIBILITY_TIMEOUT = 2
WAIT = 180


@pytest.fixture
def scratch(request, tmp_path) -> Iterator[ScratchDatabase]:
    """The suite's database engine, in a database the worker processes can share."""
    if connection.vendor == "postgresql":
        yield request.getfixturevalue("scratch_postgres")
    else:
        with scratch_sqlite(tmp_path) as database:
            yield database


@pytest.fixture
def queue() -> Iterator[redis.Redis]:
    """The broker, with this test's own queue (and its unacknowledged tasks) emptied."""
    client = reachable_redis()
    _forget(client)
    yield client
    _forget(client)
    client.close()


def _unacked_here(client: redis.Redis) -> list[bytes]:
    """Delivery tags of this queue's tasks taken by a worker and not acknowledged yet."""
    return [tag for tag, held in client.hgetall("unacked").items() if json.loads(held)[2] == QUEUE]


def _forget(client: redis.Redis) -> None:
    forget_queue(client, QUEUE)
    for tag in _unacked_here(client):
        client.hdel("unacked", tag)
        client.zrem("unacked_index", tag)


def _worker_env(scratch: ScratchDatabase) -> dict[str, str]:
    return scratch.env(
        CELERY_BROKER_URL=BROKER_URL,
        CELERY_QUEUE=QUEUE,
        CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
    )


@contextmanager
def worker(scratch: ScratchDatabase, name: str, log: Path) -> Iterator[subprocess.Popen]:
    """A real `celery worker` process on this test's queue, stopped (or killed) at the end."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "newsroom",
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "INFO",
        "--hostname",
        f"{name}-{os.getpid()}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=_worker_env(scratch),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _article(scratch: ScratchDatabase) -> tuple[str, int]:
    [(status, attempts)] = scratch.rows("SELECT status, attempts FROM quotes_article")
    return status, attempts


def _wait_for(condition, what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} in {WAIT} s; worker log:\n{log.read_text()}")
        time.sleep(0.05)


def test_a_task_whose_worker_is_killed_is_done_once_by_another_worker(scratch, queue, tmp_path):
    ingest = subprocess.run(
        [sys.executable, "manage.py", "ingest", str(SEED), "--lang", "fr"],
        cwd=ROOT,
        env=_worker_env(scratch),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert "1 new, 0 duplicate, 0 failed" in ingest.stdout
    assert _article(scratch) == ("pending", 0)
    assert queue.llen(QUEUE) == 1

    first_log = tmp_path / "first-worker.log"
    with worker(scratch, "first", first_log) as first:
        # The task has begun once its run is counted; the engine then loads its model, which
        # takes seconds in a fresh worker: the kill lands in the middle of the task.
        _wait_for(lambda: _article(scratch)[1] == 1, "attribution started", first_log)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    # The dead worker wrote nothing, and had not acknowledged the task: it waits in Redis.
    assert _article(scratch) == ("pending", 1)
    assert scratch.rows("SELECT COUNT(*) FROM quotes_quote") == [(0,)]
    assert queue.llen(QUEUE) == 0
    assert len(_unacked_here(queue)) == 1

    time.sleep(VISIBILITY_TIMEOUT + 1)
    second_log = tmp_path / "second-worker.log"
    with worker(scratch, "second", second_log):
        _wait_for(lambda: _article(scratch)[0] == "done", "article done", second_log)
        _wait_for(lambda: not _unacked_here(queue), "acknowledgement", second_log)

    assert _article(scratch) == ("done", 2)
    assert "succeeded" in second_log.read_text()
    quotes = scratch.rows('SELECT start, "end" FROM quotes_quote ORDER BY start')
    assert len(quotes) >= 10  # the seed article's quotes
    assert len(set(quotes)) == len(quotes)
    speakers = {name for (name,) in scratch.rows("SELECT name FROM quotes_speaker")}
    assert {"Daniel Fried", "Anne-Marie Slaughter"} <= speakers
    assert queue.llen(QUEUE) == 0
