"""A long export behind gunicorn with the repository's config outlives the worker timeout."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

from tests.test_health import ROOT, gunicorn

TIMEOUT = 2
QUOTES = 40
# Each quote is a whole article of this many characters: the export (8 MB) is far more than
# the server's send buffer (4 MB at most here) and the client's small receive buffer hold, so
# the worker must wait on the client while it sleeps.
QUOTE_CHARS = 200_000
CLIENT_BUFFER = 65_536

FILL = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from quotes.services.search_index import search_index_update_article
from tests.factories import make_article, make_quote
for n in range({QUOTES}):
    body = ("mot " * {QUOTE_CHARS // 4})[: {QUOTE_CHARS} - 6] + f"{{n:06d}}"
    article = make_article(body=body)
    make_quote(article, None, start=0, end=len(body))
    search_index_update_article(article=article)
"""


def test_a_client_slower_than_the_worker_timeout_still_gets_the_whole_export(tmp_path):
    database = f"sqlite:///{tmp_path / 'export.sqlite3'}"
    subprocess.run(
        [sys.executable, "-c", FILL],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "DEBUG": "true"}
        | {"DATABASE_URL": database},
        check=True,
    )
    settings = {
        "DATABASE_URL": database,
        "GUNICORN_TIMEOUT": str(TIMEOUT),
        "SECURE_SSL_REDIRECT": "false",
    }
    with gunicorn(tmp_path, **settings) as server:
        address = urlsplit(server.base_url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        connection.sock = socket.socket()
        connection.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, CLIENT_BUFFER)
        connection.sock.settimeout(60)
        connection.sock.connect((address.hostname, address.port))
        connection.request("GET", "/search/export.jsonl")
        response = connection.getresponse()
        first = response.read(CLIENT_BUFFER)
        # Three worker timeouts without reading: a sync worker is killed here mid-stream.
        time.sleep(3 * TIMEOUT)
        body = first + response.read()
        connection.close()

    assert response.status == 200
    lines = body.decode().splitlines()
    assert len(lines) == QUOTES
    assert lines[-1].endswith("}")
