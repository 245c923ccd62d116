"""A database connection cut in the middle of an ingest: no article is left pending for good.

`manage.py ingest` runs as a real process on a PostgreSQL database of the test's own; the test
holds a lock the attribution needs (the topics table), waits until the ingest's backend waits
on it, and terminates that backend with pg_terminate_backend from another connection. The
recovery commands then finish every article, and nothing is duplicated. PostgreSQL is the
database whose connections can drop, so these tests use it whatever the suite's database is.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable

import psycopg
import pytest
from psycopg import sql

from tests.services.scratch import ROOT, ScratchDatabase

WAIT = 120
STORIES = [
    "« Le pont ouvrira lundi », a déclaré Paul Durand, maire de Lyon, devant le conseil.",
    "« Nous ne céderons pas sur les salaires », a affirmé Hélène Prévost, syndicaliste.",
    "« La récolte sera bonne cette année », a estimé Marc Leroy, agriculteur à Dijon.",
    "« Le musée restera ouvert tout l'été », a annoncé Claire Martin, sa directrice.",
]
TERMINATED = "terminating connection due to administrator command"


@pytest.fixture
def database(scratch_postgres) -> ScratchDatabase:
    return scratch_postgres


@pytest.fixture
def folder(tmp_path):
    for number, story in enumerate(STORIES, start=1):
        (tmp_path / f"story{number}.txt").write_text(f"Dépêche {number}\n{story}\n")
    return tmp_path


def _start_ingest(database: ScratchDatabase, folder) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(folder), "--lang", "fr"],
        cwd=ROOT,
        env=database.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _terminate_the_backend_waiting_on_topics(
    database: ScratchDatabase, before_the_cut: Callable[[], None] = lambda: None
) -> None:
    """Hold the topics table until the ingest waits on it, then cut the ingest's connection."""
    with (
        psycopg.connect(database.url) as holder,
        psycopg.connect(database.url, autocommit=True) as watcher,
    ):
        holder.execute("LOCK TABLE quotes_topic IN ACCESS EXCLUSIVE MODE")
        deadline = time.monotonic() + WAIT
        waiting: list[tuple[int]] = []
        while not waiting:
            assert time.monotonic() < deadline, "the ingest never reached the topics"
            time.sleep(0.05)
            waiting = watcher.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND pid <> %s",
                [holder.info.backend_pid],
            ).fetchall()
        [(pid,)] = waiting
        before_the_cut()
        assert watcher.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchall() == [(True,)]
        holder.rollback()


def _articles(database: ScratchDatabase) -> dict[str, list[tuple]]:
    """Articles by status: (title, error, quotes, distinct quote spans, topics)."""
    by_status: dict[str, list[tuple]] = {}
    for status, *rest in database.rows(
        "SELECT a.status, a.title, a.error,"
        " (SELECT COUNT(*) FROM quotes_quote q WHERE q.article_id = a.id),"
        ' (SELECT COUNT(DISTINCT (q.start, q."end")) FROM quotes_quote q'
        "  WHERE q.article_id = a.id),"
        " (SELECT COUNT(*) FROM quotes_article_topics t WHERE t.article_id = a.id)"
        " FROM quotes_article a ORDER BY a.title"
    ):
        by_status.setdefault(status, []).append(tuple(rest))
    return by_status


def _all_done_once(database: ScratchDatabase) -> None:
    articles = _articles(database)
    assert list(articles) == ["done"], articles
    assert [title for title, *_ in articles["done"]] == [f"Dépêche {n}" for n in range(1, 5)]
    for _title, error, quotes, spans, topics in articles["done"]:
        assert (error, quotes, spans) == ("", 1, 1)  # one quote each, never duplicated
        assert topics > 0
    assert database.rows("SELECT COUNT(*) FROM quotes_article") == [(4,)]


def test_a_connection_dropped_during_topics_loses_nothing_the_batch_is_written_again(
    database, folder
):
    ingest = _start_ingest(database, folder)
    _terminate_the_backend_waiting_on_topics(database)
    out, err = ingest.communicate(timeout=WAIT)

    # The batch is written in one transaction, which the cut rolls back whole: its articles
    # are written again one by one on a new connection, each once, and the cut is logged.
    assert ingest.returncode == 0, err
    assert out.strip().splitlines()[-1] == "4 new, 0 duplicate, 0 failed"
    assert TERMINATED in err and "writing its articles one by one" in err
    _all_done_once(database)
    assert database.rows("SELECT attempts FROM quotes_article") == [(1,)] * 4


def test_articles_left_pending_while_the_database_is_gone_are_recovered(database, folder):
    name = sql.Identifier(database.url.rsplit("/", 1)[1])
    server = database.url.rsplit("/", 1)[0]
    ingest = _start_ingest(database, folder)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        refuse, accept = (
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(name, sql.SQL(allowed))
            for allowed in ("false", "true")
        )
        try:
            # From the cut on, the database refuses every connection: not even "failed" can
            # be written, so the articles stay pending.
            _terminate_the_backend_waiting_on_topics(database, lambda: admin.execute(refuse))
            out, err = ingest.communicate(timeout=WAIT)
        finally:
            admin.execute(accept)

    assert ingest.returncode == 1, err
    assert out.strip().splitlines()[-1] == "0 new, 0 duplicate, 4 failed"
    assert "it stays pending for reattribute --stale" in err
    assert [status for status in _articles(database)] == ["pending"]

    recovery = database.manage("reattribute", "--stale", ATTRIBUTION_STALE_AFTER="0")

    assert recovery.returncode == 0, recovery.stderr
    assert recovery.stdout.splitlines()[-1] == "4 attributed, 0 failed"
    _all_done_once(database)
