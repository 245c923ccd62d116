"""A database of a test's own for manage.py and worker processes, and a way to run them.

The suite's own database is invisible to other processes (SQLite in memory, PostgreSQL inside
a transaction), so fault tests that kill or cut off a real process give it a scratch one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent.parent
MANAGE_TIMEOUT = 300


class ScratchDatabase:
    """A migrated database given to subprocesses by DATABASE_URL, and read by the test."""

    def __init__(self, url: str, connect) -> None:
        self.url = url
        self._connect = connect

    def rows(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read in a connection of its own (so it always sees what others committed)."""
        connection = self._connect()
        try:
            return list(connection.execute(query, params).fetchall())
        finally:
            connection.close()

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a process working on this database."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "true",
            "DATABASE_URL": self.url,
            "CELERY_BROKER_URL": "",
            **extra,
        }
        env.pop("PYTEST_CURRENT_TEST", None)
        return env

    def manage(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        """manage.py ARGS in a fresh process on this database."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=MANAGE_TIMEOUT,
        )


def _migrated(database: ScratchDatabase) -> ScratchDatabase:
    result = database.manage("migrate", "--noinput")
    assert result.returncode == 0, result.stderr
    return database


@contextmanager
def scratch_sqlite(folder: Path) -> Iterator[ScratchDatabase]:
    """A migrated SQLite file in folder."""
    path = folder / "scratch.sqlite3"
    yield _migrated(ScratchDatabase(f"sqlite:///{path}", lambda: sqlite3.connect(path)))


def postgres_server_url() -> str:
    """The PostgreSQL server the suite uses (or make test's default), without a database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/quotes_test")
    return url.rsplit("/", 1)[0]


@contextmanager
def _postgres_admin() -> Iterator[tuple[str, psycopg.Connection]]:
    server = postgres_server_url()
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise AssertionError(
            f"PostgreSQL is not reachable at {server} ({error}); "
            "start it with: bash scripts/ensure_postgres.sh"
        ) from None
    with admin:
        yield server, admin


@contextmanager
def postgres_database(name: str, *, template: str | None = None) -> Iterator[ScratchDatabase]:
    """A PostgreSQL database of this name, migrated or copied from a migrated template."""
    with _postgres_admin() as (server, admin):
        database = sql.Identifier(name)
        copy = sql.SQL(" TEMPLATE {}").format(sql.Identifier(template)) if template else sql.SQL("")
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        admin.execute(sql.SQL("CREATE DATABASE {}{}").format(database, copy))
        url = f"{server}/{name}"
        scratch = ScratchDatabase(url, lambda: psycopg.connect(url, autocommit=True))
        try:
            yield scratch if template else _migrated(scratch)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
