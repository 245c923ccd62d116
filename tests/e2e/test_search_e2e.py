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
    box = page.get_by_label("Words or names")
    box.press_sequentially("defense", delay=40)
    results = page.locator("#search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("défense", re.IGNORECASE))
    expect(page).to_have_url(re.compile(r"/search/\?q=defense"))
    # One request once typing pauses, not one per key.
    assert 1 <= len(search_requests) <= 2
    expect(box).to_be_focused()

    page.get_by_role("checkbox", name=re.compile("^Organisation")).check()
    expect(page).to_have_url(re.compile(r"speaker_kind=organisation"))
    expect(results.locator(".quote-item")).to_have_count(1)
    expect(results).to_contain_text("l’agression russe")

    page.reload()
    expect(page.get_by_label("Words or names")).to_have_value("defense")
    expect(page.get_by_role("checkbox", name=re.compile("^Organisation"))).to_be_checked()
    expect(page.locator("#search-results .quote-item")).to_have_count(1)


def test_back_restores_the_search_box_and_filters_of_each_address(corpus, site, page: Page):  # noqa: F811
    page.goto(site.url("search"))
    box = page.get_by_label("Words or names")
    organisation = page.get_by_role("checkbox", name=re.compile("^Organisation"))
    box.press_sequentially("defense", delay=40)
    expect(page).to_have_url(re.compile(r"\?q=defense$"))
    organisation.check()
    expect(page).to_have_url(re.compile(r"\?q=defense&speaker_kind=organisation$"))
    box.fill("")
    box.press_sequentially("Fried", delay=40)
    expect(page).to_have_url(re.compile(r"\?q=Fried&speaker_kind=organisation$"))

    page.go_back()

    expect(page).to_have_url(re.compile(r"\?q=defense&speaker_kind=organisation$"))
    expect(page.get_by_label("Words or names")).to_have_value("defense")
    expect(page.get_by_role("checkbox", name=re.compile("^Organisation"))).to_be_checked()
    expect(page.locator("#search-results .quote-item")).to_have_count(1)

    page.go_back()

    expect(page).to_have_url(re.compile(r"\?q=defense$"))
    expect(page.get_by_label("Words or names")).to_have_value("defense")
    expect(page.get_by_role("checkbox", name=re.compile("^Organisation"))).not_to_be_checked()


def test_several_values_of_a_facet_and_no_empty_parameters_in_the_address(
    corpus,  # noqa: F811
    site,
    page: Page,
):
    search_requests: list[str] = []
    page.on("request", lambda r: search_requests.append(r.url) if "/search/" in r.url else None)
    page.goto(site.url("search"))
    page.get_by_role("checkbox", name=re.compile("^Reuters")).check()
    expect(page).to_have_url(re.compile(r"/search/\?outlet=Reuters$"))
    page.get_by_role("checkbox", name=re.compile("^Le Quotidien")).check()

    expect(page).to_have_url(re.compile(r"/search/\?outlet=Reuters&outlet=Le(\+|%20)Quotidien$"))
    expect(page.locator("#search-results .quote-item")).to_have_count(7)
    expect(page.get_by_role("checkbox", name=re.compile("^Example Times"))).not_to_be_checked()

    # The speaker box filters the list in the page; it asks the server nothing. Type once the last
    # swap has settled, as a person would: keys pressed during a swap land in the old list's box.
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    asked = len(search_requests)
    finder = page.get_by_label("Find a speaker in this list")
    finder.press_sequentially("fri", delay=40)
    expect(page.locator("#facet-speaker-list li:visible")).to_have_count(1)
    expect(page.get_by_role("checkbox", name=re.compile("^Daniel Fried"))).to_be_visible()
    page.get_by_role("checkbox", name=re.compile("^Daniel Fried")).check()
    expect(page).to_have_url(re.compile(r"speaker=daniel-fried"))
    expect(page.locator("#search-results .quote-item")).to_have_count(2)
    assert len(search_requests) == asked + 1
    expect(page.get_by_label("Find a speaker in this list")).to_have_value("fri")


def test_on_a_phone_the_filters_come_first_folded(corpus, site, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    phone = context.new_page()
    try:
        phone.goto(site.url("search", q="Ukraine"))
        panel = phone.locator("details.search-facets")
        expect(panel).not_to_have_attribute("open", "")
        summary = panel.locator("summary")
        first_hit = phone.locator("#search-results .quote-item").first
        assert summary.bounding_box()["y"] < first_hit.bounding_box()["y"]
        summary.click()
        expect(phone.get_by_role("checkbox", name=re.compile("^Daniel Fried"))).to_be_visible()
        phone.get_by_role("checkbox", name=re.compile("^Daniel Fried")).check()
        expect(phone).to_have_url(re.compile(r"speaker=daniel-fried"))
        # Still open after the results were swapped.
        expect(phone.locator("details.search-facets")).to_have_attribute("open", "")
    finally:
        context.close()
