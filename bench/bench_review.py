"""How fast the editors' review queue (/review/) answers on the demo data, and how big it is.

Loads the demo corpus (`load_demo`) into a scratch SQLite database the first time (kept in
var/bench_review.sqlite3 for the next runs; give DATABASE_URL to use another database), then, as
the demo editor through Django's test client, times the review page and the correction forms
that an opened item fetches, and prints the median and 95th percentile, the size and the SQL
queries of each. The test client leaves out the network and the browser, so the numbers are
the server's share of a page load. With --browser it also serves the same database with
runserver on a free loopback port and loads /review/ in Debian's Chromium (Playwright), logged
in as the same editor, and prints the navigation timings the browser itself records: first byte,
DOM ready (HTML parsed, deferred scripts run) and load (styles, scripts and images in), and
the time from first byte to DOM ready of each load (the browser's share).

    .venv/bin/python bench/bench_review.py [--rounds N] [--browser]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django() -> None:
    """Django on DATABASE_URL, or on a scratch SQLite file holding the demo corpus."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_review.sqlite3'}")
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    (ROOT / "var").mkdir(exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from quotes.models import Article

    if not Article.objects.exists():
        print("loading the demo corpus (once)...", flush=True)
        call_command("load_demo", password="bench-review-pass", verbosity=0)


def measure(client, url: str, rounds: int, **headers: str) -> dict[str, float]:
    """Median and 95th percentile milliseconds, kilobytes and SQL queries of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, headers=headers)  # warm the template and query caches
    timings = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, headers=headers)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return {
        "median_ms": statistics.median(timings),
        "p95_ms": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "kilobytes": len(response.content) / 1000,
        "queries": len(queries),
    }


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of some timings."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))
    ]


def serve(port: int) -> subprocess.Popen:
    """runserver on the bench's database, answering once GET / does."""
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited with status {server.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return server
        except (OSError, http.client.HTTPException):
            time.sleep(0.3)
        finally:
            connection.close()
    server.terminate()
    raise RuntimeError("runserver did not answer GET / within 60 s")


NAVIGATION = """() => {
    const entry = performance.getEntriesByType('navigation')[0];
    return {first_byte: entry.responseStart, ready: entry.domContentLoadedEventEnd,
            load: entry.loadEventEnd, kilobytes: entry.transferSize / 1000};
}"""


def measure_in_browser(session_cookie: str, rounds: int) -> dict[str, tuple[float, float]]:
    """Median and p95 of Chromium's own navigation timings for /review/, in milliseconds."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = serve(port)
    base = f"http://127.0.0.1:{port}"
    samples: dict[str, list[float]] = {
        "first_byte": [],
        "ready": [],
        "load": [],
        "browser": [],
        "kilobytes": [],
    }
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                args=[
                    "--no-sandbox",
                    "--headless",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": base}])
            page = context.new_page()
            page.goto(f"{base}/review/")  # warm the server and the browser's cache of assets
            for _ in range(rounds):
                page.goto(f"{base}/review/", wait_until="load")
                timings = page.evaluate(NAVIGATION)
                for name, value in timings.items():
                    samples[name].append(value)
                # The browser's own share, whatever the server's answer took.
                samples["browser"].append(timings["ready"] - timings["first_byte"])
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {name: percentiles(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--browser", action="store_true", help="also time /review/ in Chromium")
    options = parser.parse_args()
    setup_django()
    from django.test import Client
    from django.urls import reverse

    from quotes.management.commands.load_demo import DEMO_EDITOR
    from quotes.selectors.editing import review_queue
    from quotes.services.accounts import user_make_editor

    editor, _ = user_make_editor(username=DEMO_EDITOR, create=True)
    client = Client()
    client.force_login(editor)
    first = review_queue().first()
    rows = [
        ("/review/ (page)", reverse("review"), {}),
        ("/review/ (htmx filter swap)", reverse("review"), {"HX-Request": "true"}),
    ]
    if first is not None:
        rows.append(
            (
                "an opened item's forms",
                reverse("quote-edit", args=[first.pk]),
                {"HX-Request": "true", "HX-Current-URL": "http://testserver/review/"},
            )
        )
    print(f"{review_queue().count()} quotes to review; {options.rounds} rounds each")
    print(f"{'what':32} {'median ms':>10} {'p95 ms':>8} {'KB':>8} {'queries':>8}")
    for label, url, headers in rows:
        result = measure(client, url, options.rounds, **headers)
        print(
            f"{label:32} {result['median_ms']:10.1f} {result['p95_ms']:8.1f}"
            f" {result['kilobytes']:8.1f} {result['queries']:8d}"
        )
    if options.browser:
        timings = measure_in_browser(client.cookies["sessionid"].value, options.rounds)
        print(f"\n/review/ in Chromium, {options.rounds} loads (median / p95 ms):")
        for name, label in (
            ("first_byte", "first byte"),
            ("ready", "DOM ready"),
            ("load", "load"),
            ("browser", "first byte to DOM ready"),
        ):
            median, p95 = timings[name]
            print(f"  {label:24} {median:8.1f} {p95:8.1f}")
        print(f"  transferred {timings['kilobytes'][0]:.1f} KB (compressed, as sent)")


if __name__ == "__main__":
    main()
