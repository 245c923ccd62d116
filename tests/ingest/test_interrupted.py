"""Ctrl-C during `manage.py ingest`: the summary is still printed, the exit status says so, and
the command it names recovers what was stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.ingest.test_bad_input import write_good

MANAGE = Path(__file__).resolve().parent.parent.parent / "manage.py"


class StallingHandler(BaseHTTPRequestHandler):
    """Answers headers, then sends nothing until the test is over: an ingest stuck on a page."""

    requested = threading.Event()
    release = threading.Event()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.flush()
        type(self).requested.set()
        type(self).release.wait(120)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def stalling_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), StallingHandler)
    StallingHandler.requested.clear()
    StallingHandler.release.clear()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/stalls.html"
    StallingHandler.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def command_env(tmp_path):
    """Environment for a real `manage.py` process with a fresh, migrated SQLite database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings_test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "INGEST_FETCH_TIMEOUT": "120",
    }
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(
        [sys.executable, str(MANAGE), "migrate", "-v0"], env=env, check=True, timeout=300
    )
    return env


def test_ctrl_c_prints_the_summary_so_far_and_exits_130(tmp_path, stalling_server, command_env):
    good = write_good(tmp_path)
    missing = tmp_path / "missing.txt"
    ingest = subprocess.Popen(
        [sys.executable, str(MANAGE), "ingest", str(good), str(missing), "--url", stalling_server],
        env=command_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert StallingHandler.requested.wait(120), "ingest never reached the page"
        ingest.send_signal(signal.SIGINT)
        stdout, stderr = ingest.communicate(timeout=60)
    finally:
        ingest.kill()

    assert ingest.returncode == 130
    assert stderr.splitlines() == [
        f"{missing}: no such file or directory",
        "ingest interrupted: later inputs were not read; articles stored but not yet attributed "
        "stay pending until manage.py reattribute --stale",
    ]
    assert stdout.splitlines()[-1] == "0 new, 0 duplicate, 1 failed (interrupted)"

    recovery = subprocess.run(
        [sys.executable, str(MANAGE), "reattribute", "--stale"],
        env={**command_env, "ATTRIBUTION_STALE_AFTER": "0"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert recovery.returncode == 0, recovery.stderr
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        articles = list(database.execute("SELECT title, status FROM quotes_article"))
    assert articles == [("Le maire de Lyon inaugure un pont", "done")]
