"""Search in a real browser: results follow typing (debounced) and filters, the URL keeps state."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.e2e,
    # Naming the apps makes the flush TRUNCATE ... CASCADE (the index references quotes).
    pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS)),
]
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_results_follow_typing_and_filters_and_the_url_keeps_them(corpus, live_server, page):
    search_requests: list[str] = []
    page.on(
        "request",
        lambda request: search_requests.append(request.url) if "/search/?" in request.url else None,
    )
    page.goto(f"{live_server.url}/search/")
    box = page.get_by_label("Words, names or titles")
    box.press_sequentially("defense", delay=40)
    results = page.locator("#search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("défense", re.IGNORECASE))
    expect(page).to_have_url(re.compile(r"/search/\?q=defense"))
    # One request once typing pauses, not one per key.
    assert 1 <= len(search_requests) <= 2
    expect(box).to_be_focused()

    page.get_by_label("Speaker kind").select_option("organisation")
    expect(page).to_have_url(re.compile(r"speaker_kind=organisation"))
    expect(results.locator(".quote-item")).to_have_count(1)
    expect(results).to_contain_text("l’agression russe")

    page.reload()
    expect(page.get_by_label("Words, names or titles")).to_have_value("defense")
    expect(page.get_by_label("Speaker kind")).to_have_value("organisation")
    expect(page.locator("#search-results .quote-item")).to_have_count(1)
