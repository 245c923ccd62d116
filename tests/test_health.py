"""/healthz as a load balancer sees it, in the test client and behind gunicorn with its config."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
REDIS_URL = "redis://127.0.0.1:6379/15"
# Nothing listens on port 1: a broker or database that is down.
UNREACHABLE_PORT = 1


@pytest.mark.django_db
def test_healthy_without_a_broker_checks_only_the_database(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db
def test_healthy_with_a_reachable_broker(client, settings):
    settings.CELERY_BROKER_URL = REDIS_URL

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_a_broker_that_is_down_gives_503_naming_it(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{UNREACHABLE_PORT}/0"

    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["failed"] == ["broker"]
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("failed: ")


@pytest.mark.django_db
def test_one_query_no_session_and_no_caching_even_for_a_logged_in_user(
    editor_client, settings, django_assert_num_queries
):
    settings.CELERY_BROKER_URL = ""

    with django_assert_num_queries(1):
        response = editor_client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "no-cache" in response.headers["Cache-Control"]


@dataclass(frozen=True)
class Server:
    """A gunicorn started with the repository's config; its stderr is read after it stops."""

    base_url: str
    process: subprocess.Popen[str]

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body, without following redirects."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        request = urllib.request.Request(self.base_url + path, headers=headers)
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(tmp_path: Path, **environment: str) -> Iterator[Server]:
    """gunicorn -c gunicorn.conf.py with production settings, one worker, on a free port."""
    port = free_port()
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "DJANGO_", "CELERY_", "LOG_"))
        and name not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    stderr = (tmp_path / "gunicorn.stderr").open("w+")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env={
            **inherited,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "1",
            **environment,
        },
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        text=True,
    )
    server = Server(base_url=f"http://127.0.0.1:{port}", process=process)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                server.get("/healthz")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    stderr.seek(0)
                    raise AssertionError(f"gunicorn did not start:\n{stderr.read()}") from None
                time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)
        stderr.close()


def json_log_lines(tmp_path: Path) -> list[dict]:
    """Every line gunicorn and the app wrote to stderr, each of which must be one JSON object."""
    lines = (tmp_path / "gunicorn.stderr").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_behind_gunicorn_healthz_answers_over_plain_http_while_pages_redirect_to_https(tmp_path):
    settings = {
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "CELERY_BROKER_URL": REDIS_URL,
        "LOG_FORMAT": "json",
    }
    with gunicorn(tmp_path, **settings) as server:
        health = server.get("/healthz")
        page = server.get("/speakers/")
        proxied = server.get("/healthz", **{"X-Forwarded-Proto": "https"})

    status, _, body = health
    assert status == 200
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    status, headers, _ = page
    assert status == 301
    assert headers["Location"] == server.base_url.replace("http:", "https:") + "/speakers/"
    _, headers, _ = proxied
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    access = [line for line in json_log_lines(tmp_path) if line["logger"] == "gunicorn.access"]
    assert any('"GET /healthz HTTP/1.1" 200' in line["message"] for line in access)
    assert any('"GET /speakers/ HTTP/1.1" 301' in line["message"] for line in access)


def test_behind_gunicorn_a_database_that_is_down_gives_503_and_a_json_error_log(tmp_path):
    down = f"postgres://postgres@127.0.0.1:{UNREACHABLE_PORT}/quotes"
    with gunicorn(tmp_path, DATABASE_URL=down, LOG_FORMAT="json") as server:
        status, _, body = server.get("/healthz")

    assert status == 503
    assert json.loads(body)["failed"] == ["database"]
    errors = [line for line in json_log_lines(tmp_path) if line["logger"] == "newsroom.health"]
    assert errors[0]["level"] == "ERROR"
    assert errors[0]["check"] == "database"
    assert "OperationalError" in errors[0]["exception"]


def test_plain_logs_unless_json_is_asked_for(tmp_path):
    with gunicorn(tmp_path) as server:
        assert server.get("/healthz")[0] == 200

    lines = (tmp_path / "gunicorn.stderr").read_text().splitlines()
    assert any("Booting worker" in line for line in lines)
    assert not any(line.startswith("{") for line in lines)
