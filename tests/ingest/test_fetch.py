"""`ingest --url` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from quotes.models import Article
from tests.ingest.bad_inputs import ARABIC, MENU_HTML

pytestmark = pytest.mark.django_db

PAGE = """<html><head><title>Rennes : la grève continue</title></head><body>
<article><h1>Rennes : la grève continue</h1>
<p>« Nous ne céderons pas », a affirmé la déléguée syndicale Hélène Prévost devant le centre
de tri de Rennes, où les agents sont en grève depuis lundi matin.</p>
<p>La direction estime que le mouvement est « minoritaire » et assure que le courrier sera
distribué normalement dès la fin de la semaine.</p></article></body></html>"""

ROUTES = {
    "/greve.html": (200, "text/html; charset=iso-8859-1", PAGE.encode("latin-1")),
    "/note.txt": (
        200,
        "text/plain; charset=utf-8",
        "Note de la rédaction\n« Tout va bien », dit-il.".encode(),
    ),
    "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(500)),
    "/big.html": (200, "text/html", b"<html><body><p>" + b"a " * 5000 + b"</p></body></html>"),
    "/menu.html": (200, "text/html; charset=utf-8", MENU_HTML.encode()),
    "/arabic.html": (
        200,
        "text/html; charset=utf-8",
        f'<html lang="ar"><body><article><p>{ARABIC}</p></article></body></html>'.encode(),
    ),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow.html":
            self._drip()
            return
        not_found = (404, "text/html", b"<h1>Not Found</h1>")
        status, content_type, body = ROUTES.get(self.path, not_found)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self):
        """A server that keeps the connection busy with a byte every so often, for ever."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        try:
            for _ in range(40):
                self.wfile.write(b"<p>")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_extracted_and_stored_with_its_url(server, run_command):
    run = run_command("ingest", "--url", f"{server}/greve.html")

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.url == f"{server}/greve.html"
    assert article.title == "Rennes : la grève continue"
    assert "« Nous ne céderons pas », a affirmé la déléguée syndicale Hélène" in article.body


def test_the_same_url_twice_is_a_duplicate(server, run_command):
    run_command("ingest", "--url", f"{server}/greve.html")

    run = run_command("ingest", "--url", f"{server}/greve.html")

    assert "0 new, 1 duplicate, 0 failed" in run.stdout
    assert Article.objects.count() == 1


def test_plain_text_responses_are_read_like_txt_files(server, run_command):
    run = run_command("ingest", "--url", f"{server}/note.txt")

    assert run.code == 0, run.stderr
    assert Article.objects.get().title == "Note de la rédaction"


def test_a_404_is_reported_and_the_other_inputs_go_on(server, run_command):
    run = run_command("ingest", "--url", f"{server}/gone.html", "--url", f"{server}/greve.html")

    assert run.code == 1
    assert run.error_lines == [f"{server}/gone.html: HTTP 404 Not Found"]
    assert Article.objects.count() == 1


def test_a_non_html_response_is_refused(server, run_command):
    run = run_command("ingest", "--url", f"{server}/photo.jpg")

    assert run.code == 1
    assert run.error_lines == [
        f"{server}/photo.jpg: unsupported content type image/jpeg (expected HTML or plain text)"
    ]
    assert not Article.objects.exists()


@override_settings(INGEST_MAX_BYTES=2000)
def test_a_page_over_the_size_limit_is_refused(server, run_command):
    run = run_command("ingest", "--url", f"{server}/big.html")

    assert run.error_lines == [
        f"{server}/big.html: page is over the limit of 2000 bytes (INGEST_MAX_BYTES)"
    ]
    assert not Article.objects.exists()


@override_settings(INGEST_FETCH_TIMEOUT=1)
def test_a_server_dripping_bytes_is_cut_off_at_the_timeout(server, run_command):
    run = run_command("ingest", "--url", f"{server}/slow.html")

    assert run.code == 1
    assert run.error_lines == [f"{server}/slow.html: no answer within 1 s"]
    assert not Article.objects.exists()


def test_a_closed_port_and_a_non_http_scheme_are_reported(run_command):
    run = run_command("ingest", "--url", "http://127.0.0.1:9/x", "--url", "file:///etc/passwd")

    assert run.code == 1
    assert run.error_lines[0].startswith("http://127.0.0.1:9/x: could not fetch (")
    assert run.error_lines[1] == (
        "file:///etc/passwd: url 'file:///etc/passwd' is not a valid http(s) URL"
    )
    assert not Article.objects.exists()


def test_a_page_with_only_a_menu_and_a_page_in_arabic_are_refused(server, run_command):
    run = run_command("ingest", "--url", f"{server}/menu.html", "--url", f"{server}/arabic.html")

    assert run.code == 1
    assert run.error_lines == [
        f"{server}/menu.html: no article text found in the HTML",
        f"{server}/arabic.html: Arabic script is not supported (fr, en; --lang forces one)",
    ]
    assert not Article.objects.exists()
