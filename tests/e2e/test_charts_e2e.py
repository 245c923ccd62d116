"""Charts keep a sane size and readable text in Chromium, on a desktop and on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser

from tests.factories import make_article, make_quote, make_speaker, make_topic

WIDTHS = [1280, 390]


@pytest.fixture
def topic_url():
    """A topic quoted by twelve speakers over a year and a half, with empty months."""
    topic = make_topic("Iode")
    speakers = [make_speaker(f"Porte-parole numéro {n} du ministère") for n in range(12)]
    for n in range(40):
        month = (n * 7) % 18
        published = dt.datetime(2023 + (month // 12), month % 12 + 1, 3, tzinfo=dt.UTC)
        article = make_article(published_at=published)
        make_quote(article, speakers[n % 12]).topics.add(topic)
    return topic.get_absolute_url()


@pytest.mark.parametrize("width", WIDTHS)
def test_topic_charts_have_a_sane_height_and_readable_text(
    browser: Browser, site, topic_url, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site.url(topic_url))
        timeline = page.locator(".topic-timeline svg").bounding_box()
        # 640 x 120 scaled to the column: never stretched to the page's height.
        assert 40 <= timeline["height"] <= 200
        assert abs(timeline["width"] / timeline["height"] - 640 / 120) < 0.1
        speakers = page.locator(".topic-speakers").bounding_box()
        assert speakers["height"] <= 12 * 60
        smallest = page.evaluate(
            """() => Math.min(...Array.from(
                document.querySelectorAll('.topic-speakers li, .timeline-axis span'),
                (el) => parseFloat(getComputedStyle(el).fontSize)))"""
        )
        assert smallest >= 12
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_insights_page_fits_the_screen_with_legible_charts(browser: Browser, site, width):
    for n in range(12):
        speaker = make_speaker(f"Intervenante numéro {n}", gender="woman" if n % 3 else "man")
        make_quote(make_article(outlet=f"Média régional numéro {n}"), speaker)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(site.url("insights"))
        assert page.locator("svg.share-chart").count() >= 2
        # The charts' text is drawn 11 units high in a 640-unit wide view box.
        smallest = page.evaluate(
            """() => Math.min(...Array.from(document.querySelectorAll('svg.share-chart'),
                (svg) => 11 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width))"""
        )
        assert smallest >= 9
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
