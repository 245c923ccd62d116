"""Save PNGs of the main pages into screenshots/: serves the database in var/ on a free port."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
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


def pages_to_shoot() -> list[tuple[str, str, dict[str, int]]]:
    """(file name, path, viewport) for the pages worth showing, picked from the data."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("DEBUG", "true")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db.models import Count, Q

    from quotes.models import Article, Speaker
    from quotes.selectors.browse import public_quotes, speaker_list

    pages = [
        ("home", "/", DESKTOP),
        ("speakers", "/speakers/", DESKTOP),
        ("speakers-filtered", "/speakers/?q=fried", DESKTOP),
        ("articles", "/articles/", DESKTOP),
        ("articles-phone", "/articles/?sort=quotes", PHONE),
        ("search-phone", "/search/?q=Ukraine", PHONE),
    ]
    speaker = Speaker.objects.filter(slug="daniel-fried").first() or next(
        iter(speaker_list().page), None
    )
    if speaker:
        pages.append(("speaker", speaker.get_absolute_url(), DESKTOP))
    article = (
        Article.objects.filter(body__contains="Daniel Fried").first()
        or Article.objects.annotate(n=Count("quotes", filter=~Q(quotes__review_status="rejected")))
        .order_by("-n")
        .first()
    )
    if article:
        pages.append(("article", article.get_absolute_url(), DESKTOP))
        pages.append(("article-phone", article.get_absolute_url(), PHONE))
        quote = public_quotes().filter(article=article).order_by("start").first()
        if quote:
            pages.append(("quote", quote.get_absolute_url(), DESKTOP))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=BASE_DIR / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = pages_to_shoot()

    from playwright.sync_api import sync_playwright

    server = dev_server(free_port(), args.out / "server.log")
    with server as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path, viewport in pages:
            context = browser.new_context(viewport=viewport, locale="en-GB")
            page = context.new_page()
            page.goto(base_url + path, wait_until="networkidle")
            full_page = not name.startswith("article")
            if name == "article":
                # Show a tooltip as a keyboard user would see it.
                first_quote = page.locator("mark.q[tabindex='0']").first
                if first_quote.count():
                    first_quote.focus()
            target = args.out / f"{name}.png"
            page.screenshot(path=str(target), full_page=full_page)
            print(target.relative_to(BASE_DIR) if target.is_relative_to(BASE_DIR) else target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
