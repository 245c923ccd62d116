"""The "Cite" box in a real Chromium: copy buttons with JavaScript, plain text to select without."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from quotes.services.search_index import search_index_update_article
from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import make_article, make_quote, make_speaker

pytestmark = pytest.mark.e2e
NBSP = "\u00a0"


@pytest.fixture
def quote():
    article = make_article(
        body="« Nous tiendrons jusqu’au bout », a dit Marie Curie.",
        title="Tenir bon",
        outlet="Le Quotidien",
        published_at=dt.datetime(2024, 11, 12, tzinfo=dt.UTC),
    )
    made = make_quote(article, make_speaker("Marie Curie"), start=2, end=30)
    search_index_update_article(article=article)
    return made


@pytest.fixture
def clipboard_page(browser: Browser, site) -> Iterator[Page]:
    """A page whose site may read and write the clipboard, as a person's browser lets it."""
    context = browser.new_context(locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.base_url)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_copy_puts_the_citation_on_the_clipboard_and_says_so(clipboard_page: Page, site, quote):
    page = clipboard_page
    url = site.url("quote-detail", quote.pk)
    page.goto(url)
    cite = page.locator("details.cite")
    cite.get_by_text("Cite").click()

    cite.get_by_role("button", name="Copy the French citation").click()

    expect(cite.get_by_role("status")).to_have_text("French citation copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"Marie Curie{NBSP}: «{NBSP}Nous tiendrons jusqu’au bout{NBSP}» Propos rapportés dans"
        f" «{NBSP}Tenir bon{NBSP}», Le Quotidien, 12 novembre 2024. {url}"
    )
    cite.get_by_role("button", name="Copy the English citation").click()
    expect(cite.get_by_role("status")).to_have_text("English citation copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()").startswith(
        "Marie Curie: “Nous tiendrons jusqu’au bout” Reported in “Tenir bon”"
    )


def test_copy_works_in_search_results_swapped_in_by_htmx(clipboard_page: Page, site, quote):
    page = clipboard_page
    page.goto(site.url("search"))
    page.get_by_label("Words or names").press_sequentially("tiendrons", delay=40)
    cite = page.locator("#search-results details.cite")
    cite.get_by_text("Cite").click()

    cite.get_by_role("button", name="Copy the French citation").click()

    expect(cite.get_by_role("status")).to_have_text("French citation copied to the clipboard.")
    assert "Nous tiendrons jusqu’au bout" in page.evaluate("navigator.clipboard.readText()")


def test_without_javascript_the_citation_is_there_to_select_and_no_button_shows(
    browser: Browser, site, quote
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("quote-detail", quote.pk))
    cite = page.locator("details.cite")
    expect(cite.locator(".citation-text").first).to_be_hidden()

    cite.get_by_text("Cite").click()

    expect(cite.locator(".citation-text").first).to_be_visible()
    expect(cite.locator(".citation-text").first).to_contain_text("Marie Curie")
    expect(cite.get_by_role("button")).to_have_count(0)
    context.close()
