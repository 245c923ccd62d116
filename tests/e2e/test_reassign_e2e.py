"""Reassigning to a partial name in Chromium: "Did you mean …?", with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from quotes.models import Speaker
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = pytest.mark.e2e

BODY = "« Le soutien continuera », a déclaré Daniel Fried lundi."


@pytest.fixture
def quote():
    make_user("editor", editor=True)
    make_speaker("Daniel Fried")
    article = make_article(body=BODY, title="Le soutien")
    return make_quote(article, make_speaker("Jean Martin"), start=2, end=BODY.index(" »"))


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_partial_name_asks_did_you_mean_then_reassigns(
    page: Page, page_without_javascript: Page, site, quote, javascript
):
    tab = page if javascript else page_without_javascript
    site.log_in(tab, "editor")
    tab.goto(site.url("quote-edit", quote.pk))
    tools = tab.locator(f"#quote-{quote.pk}-tools")

    tools.get_by_label("Speaker", exact=True).fill("Fried")
    tools.get_by_role("button", name="Reassign").click()

    expect(tools.get_by_text("Did you mean …?")).to_be_visible()
    expect(tools.get_by_role("button", name="Create new speaker “Fried”")).to_be_visible()
    assert not Speaker.objects.filter(name="Fried").exists()
    tools.get_by_role("button", name="Daniel Fried").click()

    expect(tab.locator(f"#quote-{quote.pk}-tools .tools-speaker")).to_have_text("Daniel Fried")
    expect(tab.get_by_text("Did you mean …?")).to_have_count(0)
    assert not Speaker.objects.filter(name="Fried").exists()
    quote.refresh_from_db()
    assert quote.speaker.name == "Daniel Fried"


def test_new_speaker_is_created_on_explicit_choice(page: Page, site, quote):
    site.log_in(page, "editor")
    page.goto(site.url("quote-edit", quote.pk))
    tools = page.locator(f"#quote-{quote.pk}-tools")

    tools.get_by_label("Speaker", exact=True).fill("Fried")
    tools.get_by_role("button", name="Reassign").click()
    tools.get_by_role("button", name="Create new speaker “Fried”").click()

    expect(page.locator(f"#quote-{quote.pk}-tools .tools-speaker")).to_have_text("Fried")
    quote.refresh_from_db()
    assert quote.speaker.name == "Fried"
