"""Search in a real browser: results follow typing (debounced) and filters, the URL keeps state."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.search.conftest import corpus  # noqa: F401  (the indexed seed and own articles)


def test_results_follow_typing_and_filters_and_the_url_keeps_them(corpus, site, page: Page):  # noqa: F811
    search_requests: list[str] = []
    page.on(
        "request",
        lambda request: search_requests.append(request.url) if "/search/?" in request.url else None,
    )
    page.goto(site.url("search"))
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
