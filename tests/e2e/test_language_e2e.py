"""The interface's language in Chromium: the browser's language first, then the reader's switch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.e2e

DAY = dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)


@pytest.fixture
def quote():
    article = make_article(title="Le pont fermé", published_at=DAY)
    return make_quote(article, make_speaker("Jean Martin"), published_at=DAY)


def french_page(browser: Browser, *, javascript: bool) -> Iterator[Page]:
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def french(browser: Browser) -> Iterator[Page]:
    yield from french_page(browser, javascript=True)


@pytest.fixture
def french_without_javascript(browser: Browser) -> Iterator[Page]:
    yield from french_page(browser, javascript=False)


def test_a_french_browser_reads_the_site_in_french_with_french_dates(french: Page, site, quote):
    french.goto(site.url("home"))
    expect(french.get_by_role("heading", level=1)).to_have_text("Qui a dit quoi")
    expect(
        french.get_by_role("navigation").get_by_role("link", name="Intervenants")
    ).to_be_visible()
    expect(french.locator("html")).to_have_attribute("lang", "fr")
    expect(french.locator(".quote-list time").first).to_have_text("1 mars 2024")


def test_an_english_browser_reads_the_site_in_english(page: Page, site, quote):
    page.goto(site.url("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who said what")
    expect(page.locator(".quote-list time").first).to_have_text("1 Mar 2024")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_switch_changes_the_language_and_keeps_the_page(browser: Browser, site, javascript):
    for page in french_page(browser, javascript=javascript):
        address = site.url("speaker-list", q="mar", sort="name")
        page.goto(address)
        expect(page.locator("html")).to_have_attribute("lang", "fr")

        page.get_by_role("button", name="English").click()

        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert page.url == address
        expect(page.get_by_role("navigation").get_by_role("link", name="Speakers")).to_be_visible()
        # The choice stays for the next pages, though the browser still prefers French.
        page.get_by_role("link", name="Articles").first.click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.get_by_role("button", name="Français").click()
        expect(page.locator("html")).to_have_attribute("lang", "fr")
