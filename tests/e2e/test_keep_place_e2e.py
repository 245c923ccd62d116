"""After a save on the article page Chromium keeps the place: scroll, focus, and "Saved"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import TIMEOUT_MS
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = pytest.mark.e2e

SPEAKERS = ("Marie Dupont", "Jean Martin", "Anne Petit")
LINES = [f"« Déclaration numéro {n} sur le pont », a déclaré {SPEAKERS[n % 3]}." for n in range(16)]
BODY = "\n".join(LINES)

PLACE = """() => ({
    aside: document.querySelector('.article-quotes').scrollTop,
    window: window.scrollY,
    focused: document.activeElement.id,
})"""


@pytest.fixture
def article():
    make_user("redaction", editor=True)
    speakers = [make_speaker(name) for name in SPEAKERS]
    article = make_article(body=BODY, title="Le pont, seize fois")
    for n, line in enumerate(LINES):
        start = BODY.index(line) + 2
        make_quote(article, speakers[n % 3], start=start, end=start + line.index(" »") - 2)
    return article


def open_far_down(page: Page, site, article) -> None:
    """The article page with its quote list scrolled well down, as after a long review."""
    site.log_in(page, "redaction")
    page.goto(site.url("article-detail", article.pk))
    page.locator(".article-quotes").evaluate("el => el.scrollTop = el.scrollHeight / 2")


def test_confirming_keeps_the_list_where_it_was_and_says_saved(page: Page, site, article):
    open_far_down(page, site, article)
    quote = article.quotes.order_by("start")[10]
    confirm = page.locator(f"#quote-{quote.pk}-confirm")
    confirm.scroll_into_view_if_needed()
    before = page.evaluate(PLACE)
    confirm.click()

    expect(page.locator("#save-status")).to_have_text("Saved: the quote is confirmed.")
    expect(page.locator(f"#quote-{quote.pk}-tools .badge")).to_have_text("Confirmed")
    # The button is disabled now, so focus goes to the status line of the same quote's tools.
    expect(page.locator(f"#quote-{quote.pk}-status")).to_be_focused()
    after = page.evaluate(PLACE)
    assert before["aside"] > 200
    assert abs(after["aside"] - before["aside"]) < 5
    assert after["window"] == before["window"]


def test_reassigning_keeps_focus_on_the_button_and_moves_the_quote(page: Page, site, article):
    open_far_down(page, site, article)
    quote = article.quotes.order_by("start")[9]
    tools = page.locator(f"#quote-{quote.pk}-tools")
    tools.get_by_text("Correct this quote").click()
    tools.get_by_label("Speaker", exact=True).fill("Anne Petit")
    page.locator(f"#quote-{quote.pk}-reassign").click()

    expect(page.locator("#save-status")).to_have_text(
        "Saved: the quote is now attributed to Anne Petit."
    )
    expect(page.locator(f"#quote-{quote.pk}-reassign")).to_be_focused()
    anne = page.locator(".speaker-group").filter(has_text="Anne Petit")
    expect(anne.locator(f"#card-{quote.pk}")).to_have_count(1)
    # The highlight in the text took Anne Petit's colour too.
    colour = anne.locator(".swatch").get_attribute("class").split()[-1]
    expect(page.locator(f"mark#quote-{quote.pk}")).to_have_class(f"q {colour}")


@pytest.fixture
def phone(browser) -> Iterator[Page]:
    """A 390 px wide phone screen, where the quote list comes under the text."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_on_a_phone_confirming_keeps_the_page_where_it_was(phone: Page, site, article):
    site.log_in(phone, "redaction")
    phone.goto(site.url("article-detail", article.pk))
    quote = article.quotes.order_by("start")[12]
    confirm = phone.locator(f"#quote-{quote.pk}-confirm")
    confirm.scroll_into_view_if_needed()
    before = phone.evaluate(PLACE)
    confirm.click()

    expect(phone.locator("#save-status")).to_have_text("Saved: the quote is confirmed.")
    expect(phone.locator(f"#quote-{quote.pk}-status")).to_be_focused()
    after = phone.evaluate(PLACE)
    assert before["window"] > 500
    assert abs(after["window"] - before["window"]) < 5
    assert abs(after["aside"] - before["aside"]) < 5
    card = phone.locator(f"#card-{quote.pk}").bounding_box()
    assert 0 <= card["y"] < 844
