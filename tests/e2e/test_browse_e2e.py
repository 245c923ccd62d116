"""Browsing in a real Chromium: filter speakers, open one, load more, read an article's quotes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from quotes.models import Speaker
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = pytest.mark.e2e


def quoted_article(lines: list[tuple[Speaker, str]], *, day: int = 0, title: str = ""):
    """An article quoting each speaker once per line, with cue and mention offsets."""
    body, spans = "", []
    for speaker, words in lines:
        start = len(body) + 2
        cue_start = start + len(words) + 4
        spans.append((speaker, start, start + len(words), cue_start))
        body += f"« {words} », a déclaré {speaker.name}.\n"
    article = make_article(
        body=body,
        title=title or f"Article {day}",
        published_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC) + dt.timedelta(days=day),
    )
    for speaker, start, end, cue_start in spans:
        cue_end = cue_start + len("a déclaré")
        make_quote(
            article,
            speaker,
            start=start,
            end=end,
            cue="a déclaré",
            cue_start=cue_start,
            cue_end=cue_end,
            speaker_mention=speaker.name,
            speaker_start=cue_end + 1,
            speaker_end=cue_end + 1 + len(speaker.name),
        )
    return article


@pytest.fixture
def cast():
    fried = make_speaker("Daniel Fried", slug="daniel-fried", description="ancien diplomate")
    slaughter = make_speaker("Anne-Marie Slaughter", slug="anne-marie-slaughter")
    otan = make_speaker("OTAN", slug="otan", kind=Speaker.Kind.ORGANISATION)
    return fried, slaughter, otan


def test_typing_in_the_speaker_filter_narrows_the_list_and_opens_a_speaker(page: Page, site, cast):
    fried, slaughter, otan = cast
    quoted_article([(fried, "Un"), (slaughter, "Deux"), (otan, "Trois")])
    page.goto(site.url("speaker-list"))
    rows = page.locator(".speaker-row")
    expect(rows).to_have_count(3)

    page.get_by_label("Name").press_sequentially("fri", delay=40)

    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Daniel Fried")
    expect(page).to_have_url(re.compile(r"/speakers/\?q=fri"))
    page.get_by_role("link", name="Daniel Fried").click()
    expect(page).to_have_url(site.url("speaker-detail", "daniel-fried"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Daniel Fried")
    expect(page.locator(".quote-item")).to_have_count(1)


def test_kind_filter_swaps_the_results_and_the_url_reloads_to_the_same_list(page: Page, site, cast):
    fried, slaughter, otan = cast
    quoted_article([(fried, "Un"), (slaughter, "Deux"), (otan, "Trois")])
    page.goto(site.url("speaker-list"))

    page.get_by_label("Organisation").check()

    rows = page.locator(".speaker-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("OTAN")
    expect(page).to_have_url(re.compile(r"kind=organisation"))
    page.reload()
    expect(rows).to_have_count(1)
    expect(page.get_by_label("Organisation")).to_be_checked()


def test_speaker_filter_works_without_javascript(browser: Browser, site, cast):
    fried, slaughter, otan = cast
    quoted_article([(fried, "Un"), (slaughter, "Deux"), (otan, "Trois")])
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("speaker-list"))
        page.get_by_label("Name").fill("slaughter")
        page.get_by_role("button", name="Filter").click()

        expect(page).to_have_url(re.compile(r"q=slaughter"))
        expect(page.locator(".speaker-row")).to_have_count(1)
        expect(page.locator(".speaker-row").first).to_contain_text("Anne-Marie Slaughter")
    finally:
        context.close()


def test_load_more_appends_the_next_page_of_quotes(page: Page, site, cast):
    fried = cast[0]
    for day in range(23):
        quoted_article([(fried, f"Citation numéro {day:02d}")], day=day)
    page.goto(site.url("speaker-detail", "daniel-fried"))
    items = page.locator(".quote-item")
    expect(items).to_have_count(20)
    expect(page.locator("svg.timeline rect.bar")).to_have_count(23)

    page.get_by_role("link", name="Load more quotes").click()

    expect(items).to_have_count(23)
    expect(items.last).to_contain_text("Citation numéro 00")
    expect(items.nth(20)).to_be_focused()
    expect(page.get_by_role("link", name="Load more quotes")).to_have_count(0)
    expect(page).to_have_url(site.url("speaker-detail", "daniel-fried"))


def test_article_quotes_are_highlighted_with_tooltips_on_focus_and_hover(page: Page, site, cast):
    fried, slaughter, _ = cast
    article = quoted_article(
        [(fried, "Le soutien continuera"), (slaughter, "<b>Rien</b> n'est joué")],
        title="Blinken à Bruxelles",
    )
    page.goto(site.url("article-detail", article.pk))
    quotes = page.locator("mark.q[tabindex='0']")
    expect(quotes).to_have_count(2)
    expect(quotes.nth(1)).to_contain_text("<b>Rien</b> n'est joué")
    colours = [q.evaluate("el => getComputedStyle(el).backgroundColor") for q in quotes.all()]
    assert colours[0] != colours[1]
    tooltip = page.get_by_role("tooltip")
    expect(tooltip.first).to_be_hidden()

    page.get_by_role("heading", level=1).click()
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.q')"):
            break

    first_tip = quotes.first.get_by_role("tooltip")
    expect(first_tip).to_be_visible()
    expect(first_tip).to_have_text("Daniel Fried · direct quote · cue “a déclaré” · confidence 80%")
    page.keyboard.press("Tab")
    expect(first_tip).to_be_hidden()
    second_tip = quotes.nth(1).get_by_role("tooltip")
    expect(second_tip).to_be_visible()
    expect(second_tip).to_contain_text("Anne-Marie Slaughter")

    page.get_by_role("heading", level=1).click()
    quotes.first.hover()
    expect(first_tip).to_be_visible()
    side = page.get_by_role("complementary")
    expect(side.locator(".speaker-group")).to_have_count(2)
    expect(side).to_contain_text("Daniel Fried")


def test_rejected_quote_is_struck_through_for_an_editor_and_absent_for_readers(
    page: Page, site, cast
):
    fried = cast[0]
    article = quoted_article([(fried, "Vrai"), (fried, "Faux")])
    article.quotes.filter(text="Faux").update(review_status="rejected")
    make_user("redaction", editor=True)

    page.goto(site.url("article-detail", article.pk))
    expect(page.locator("mark.q[tabindex='0']")).to_have_count(1)

    site.log_in(page, "redaction")
    page.goto(site.url("article-detail", article.pk))
    rejected = page.locator("mark.q.is-rejected")
    expect(rejected).to_have_text(re.compile(r"^Faux"))
    assert "line-through" in rejected.evaluate("el => getComputedStyle(el).textDecorationLine")


def test_article_highlights_refresh_when_an_editor_rejects_a_quote(page: Page, site, cast):
    fried = cast[0]
    article = quoted_article([(fried, "Vrai"), (fried, "Faux")])
    make_user("redaction", editor=True)
    site.log_in(page, "redaction")
    page.goto(site.url("article-detail", article.pk))
    expect(page.locator("mark.q.is-rejected")).to_have_count(0)

    card = page.locator(".quote-card").filter(has_text="Faux")
    card.get_by_role("button", name="Not a quote").click()

    rejected = page.locator("mark.q.is-rejected")
    expect(rejected).to_have_count(1)
    expect(rejected).to_contain_text("Faux")
    expect(page.locator(".quote-card.is-rejected")).to_have_count(1)


UNLABELLED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                  && !(el.tagName === 'BUTTON' && el.textContent.trim()))
    .map(el => el.outerHTML)"""


def test_main_pages_have_landmarks_one_heading_and_labelled_controls(page: Page, site, cast):
    fried, slaughter, _ = cast
    article = quoted_article([(fried, "Un"), (slaughter, "Deux")])
    quote = article.quotes.first()
    paths = [
        site.url("home"),
        site.url("speaker-list"),
        site.url("speaker-detail", "daniel-fried"),
        site.url("article-detail", article.pk),
        site.url("quote-detail", quote.pk),
    ]
    for url in paths:
        page.goto(url)
        expect(page.get_by_role("main")).to_have_count(1)
        expect(page.get_by_role("navigation", name="Main")).to_have_count(1)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert page.evaluate(UNLABELLED_CONTROLS) == [], url
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()


def test_leaving_the_name_filter_sends_no_second_request_nor_history_entry(page: Page, site, cast):
    fried, slaughter, otan = cast
    quoted_article([(fried, "Un"), (slaughter, "Deux"), (otan, "Trois")])
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/speakers/?" in r.url else None)
    page.goto(site.url("speaker-list"))
    start = page.evaluate("history.length")
    page.get_by_label("Name").press_sequentially("fri", delay=40)
    expect(page).to_have_url(re.compile(r"/speakers/\?q=fri$"))
    expect(page.locator(".speaker-row")).to_have_count(1)

    page.get_by_label("Name").press("Tab")
    page.get_by_label("Organisation").check()

    expect(page).to_have_url(re.compile(r"/speakers/\?q=fri&kind=organisation$"))
    expect(page.locator(".speaker-row")).to_have_count(0)
    assert [url.split("?")[1] for url in requests] == ["q=fri", "q=fri&kind=organisation"]
    assert page.evaluate("history.length") == start + 2
