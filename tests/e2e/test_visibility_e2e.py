"""What editors see before they act: hidden helpers stay hidden, disabled buttons look disabled."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from quotes.models import Quote
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = pytest.mark.e2e

USE_SELECTION = "Use the text selected in the article"
BODY = "« Le pont restera fermé tout l'été », a déclaré Jean Martin lundi."


@pytest.fixture
def quote():
    make_user("editor", editor=True)
    article = make_article(body=BODY, title="Le pont fermé")
    return make_quote(
        article, make_speaker("Jean Martin"), start=2, end=BODY.index(" »"), confidence=0.3
    )


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def test_selection_button_needs_javascript(page_without_javascript: Page, site, quote):
    page = page_without_javascript
    site.log_in(page, "editor")

    page.goto(site.url("quote-edit", quote.pk))

    expect(page.get_by_role("button", name="Save span")).to_be_visible()
    expect(page.get_by_role("button", name=USE_SELECTION)).to_be_hidden()


def test_selection_button_shows_where_there_is_article_text(page: Page, site, quote):
    site.log_in(page, "editor")

    page.goto(site.url("quote-edit", quote.pk))

    expect(page.get_by_role("button", name=USE_SELECTION)).to_be_visible()


def test_selection_button_stays_hidden_on_the_review_queue(page: Page, site, quote):
    site.log_in(page, "editor")
    page.goto(site.url("review"))
    page.locator(f"#quote-{quote.pk}-tools").get_by_text("Correct this quote").click()

    expect(page.get_by_role("button", name="Save span")).to_be_visible()
    expect(page.get_by_role("button", name=USE_SELECTION)).to_be_hidden()


def test_a_disabled_button_looks_disabled(page: Page, site, quote):
    Quote.objects.filter(pk=quote.pk).update(review_status=Quote.Review.CONFIRMED)
    site.log_in(page, "editor")

    page.goto(site.url("quote-edit", quote.pk))

    confirm = page.get_by_role("button", name="Confirm")
    reject = page.get_by_role("button", name="Not a quote")
    expect(confirm).to_be_disabled()
    expect(reject).to_be_enabled()
    expect(confirm).to_have_css("cursor", "not-allowed")
    expect(reject).to_have_css("cursor", "pointer")
    assert float(confirm.evaluate("b => getComputedStyle(b).opacity")) < 0.7
    assert float(reject.evaluate("b => getComputedStyle(b).opacity")) == 1
