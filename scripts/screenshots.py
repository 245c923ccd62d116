"""Save PNGs of every page into screenshots/: serves the database in var/ on a free port.

Desktop (1280 px) and phone (390 px) shots, in English, plus the French home page; the
editors' pages are shot logged in as the demo editor.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def dev_server(port: int, log: Path, timeout: float = 60.0):
    """Django's development server in a child process, logging to `log`, stopped on exit."""
    env = {**os.environ, "DEBUG": "true"}
    command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
    log_file = log.open("w")
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base_url + "/", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the development server did not start, see {log}") from None
                time.sleep(0.3)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log_file.close()


@dataclass(frozen=True)
class Shot:
    """One screenshot: file name, path, screen, browser language and whether as the editor."""

    name: str
    path: str
    viewport: dict[str, int] = field(default_factory=lambda: DESKTOP)
    locale: str = "en-GB"
    as_editor: bool = False


def pages_to_shoot() -> tuple[list[Shot], str]:
    """The pages worth showing, picked from the data, and the demo editor's session cookie."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "true")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db.models import Count, Q
    from django.test import Client

    from quotes.management.commands.load_demo import DEMO_EDITOR
    from quotes.models import Article, Speaker, Topic
    from quotes.selectors.browse import public_quotes, speaker_list
    from quotes.services.accounts import user_make_editor

    shots = [
        Shot("home", "/"),
        Shot("home-fr", "/", locale="fr-FR"),
        Shot("home-phone", "/", PHONE),
        Shot("speakers", "/speakers/"),
        Shot("speakers-filtered", "/speakers/?q=fried"),
        Shot("articles", "/articles/"),
        Shot("articles-phone", "/articles/?sort=quotes", PHONE),
        Shot("search", "/search/?q=Ukraine"),
        Shot("search-phone", "/search/?q=Ukraine", PHONE),
        Shot("topics", "/topics/"),
        Shot("insights", "/insights/"),
        Shot("insights-phone", "/insights/", PHONE),
        Shot("api-docs", "/api/v1/docs"),
        Shot("login", "/accounts/login/"),
        Shot("review", "/review/", as_editor=True),
        Shot("review-phone", "/review/", PHONE, as_editor=True),
    ]
    topic = Topic.objects.filter(quote_count__gt=0).order_by("-quote_count").first()
    if topic:
        shots += [
            Shot("topic", topic.get_absolute_url()),
            Shot("topic-phone", topic.get_absolute_url(), PHONE),
        ]
    speaker = Speaker.objects.filter(slug="daniel-fried").first() or next(
        iter(speaker_list().page), None
    )
    if speaker:
        shots += [
            Shot("speaker", speaker.get_absolute_url()),
            Shot("speaker-phone", speaker.get_absolute_url(), PHONE),
        ]
    article = (
        Article.objects.filter(body__contains="Daniel Fried").first()
        or Article.objects.annotate(n=Count("quotes", filter=~Q(quotes__review_status="rejected")))
        .order_by("-n")
        .first()
    )
    if article:
        shots += [
            Shot("article", article.get_absolute_url()),
            Shot("article-phone", article.get_absolute_url(), PHONE),
            Shot("article-editor", article.get_absolute_url(), as_editor=True),
        ]
        quote = public_quotes().filter(article=article).order_by("start").first()
        if quote:
            shots += [
                Shot("quote", quote.get_absolute_url()),
                Shot("quote-phone", quote.get_absolute_url(), PHONE),
                Shot("quote-editor", quote.get_absolute_url(), as_editor=True),
            ]
    editor, _ = user_make_editor(username=DEMO_EDITOR, create=True)
    client = Client()
    client.force_login(editor)
    return shots, client.cookies["sessionid"].value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=BASE_DIR / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    shots, editor_session = pages_to_shoot()

    from playwright.sync_api import sync_playwright

    server = dev_server(free_port(), args.out / "server.log")
    with server as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in shots:
            context = browser.new_context(viewport=shot.viewport, locale=shot.locale)
            if shot.as_editor:
                context.add_cookies(
                    [{"name": "sessionid", "value": editor_session, "url": base_url}]
                )
            page = context.new_page()
            page.goto(base_url + shot.path, wait_until="networkidle")
            full_page = not shot.name.startswith("article")
            if shot.name == "article":
                # Show a tooltip as a keyboard user would see it.
                first_quote = page.locator("mark.q[tabindex='0']").first
                if first_quote.count():
                    first_quote.focus()
            target = args.out / f"{shot.name}.png"
            page.screenshot(path=str(target), full_page=full_page)
            print(target.relative_to(BASE_DIR) if target.is_relative_to(BASE_DIR) else target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
