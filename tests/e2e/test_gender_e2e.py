"""An editor corrects a speaker's gender in Chromium; /insights/ then counts her."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from quotes.models import Speaker
from tests.factories import make_article, make_quote, make_speaker, make_user

pytestmark = pytest.mark.e2e


def test_editor_sets_a_gender_and_insights_count_it(page: Page, site):
    speaker = make_speaker("Sacha Roux")
    make_quote(make_article(outlet="Le Quotidien"), speaker)
    make_user("claire", editor=True)
    site.log_in(page, "claire")

    page.goto(site.url("speaker-detail", speaker.slug))
    expect(page.locator("dd.gender")).to_have_text("Unknown")
    page.get_by_text("Edit this speaker").click()
    page.get_by_label("Gender", exact=True).select_option("woman")
    page.get_by_role("button", name="Save gender").click()

    expect(page.locator("dd.gender")).to_contain_text("Woman (set by an editor)")
    assert Speaker.objects.get(pk=speaker.pk).gender_source == "editor"
    page.goto(site.url("insights"))
    expect(page.locator("#chart-outlet-title")).to_have_text("By outlet")
    expect(page.get_by_role("row", name="Le Quotidien")).to_contain_text("100.0%")
