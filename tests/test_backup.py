"""The README's backup procedure: pg_dump, then pg_restore into a fresh database, row for row."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "backup_restore_check.sh"
SEED = ROOT / "tests" / "fixtures" / "seed_reuters_fr.txt"


def postgres_server_url() -> str:
    """The PostgreSQL server of the suite when it runs on one, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if dj_database_url.parse(url or "sqlite://")["ENGINE"].endswith("postgresql"):
        return url.rsplit("/", 1)[0]
    return os.environ.get("PG_SERVER_URL", "postgres://postgres@127.0.0.1:5432")


def run(*command: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_backup_of_an_ingested_database_restores_with_every_row(tmp_path):
    server = postgres_server_url()
    name = f"quotes_backup_check_{os.getpid()}"
    database_url = f"{server}/{name}"
    app = {"DEBUG": "true", "DATABASE_URL": database_url}
    manage = [sys.executable, "manage.py"]
    created = run("psql", "--no-psqlrc", f"{server}/postgres", "-c", f'CREATE DATABASE "{name}"')
    assert created.returncode == 0, created.stderr
    try:
        for step in (["migrate", "--noinput"], ["ingest", str(SEED)]):
            result = run(*manage, *step, **app)
            assert result.returncode == 0, result.stderr
        dump = tmp_path / "quotes.dump"

        check = run("bash", str(SCRIPT), database_url, str(dump))

        assert check.returncode == 0, check.stdout + check.stderr
        summary = re.search(r"restore check OK: (\d+) tables, (\d+) rows", check.stdout)
        assert int(summary.group(1)) > 20
        assert dump.stat().st_size > 0
        # The comparison covered real work, not an empty schema.
        quotes = run(
            "psql", "--no-psqlrc", "-At", database_url, "-c", "SELECT count(*) FROM quotes_quote"
        )
        assert int(quotes.stdout) > 0
    finally:
        run("psql", "--no-psqlrc", f"{server}/postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"')
