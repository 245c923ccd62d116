"""A batch page in Chromium follows its articles from pending to done without a reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from quotes.models import Article
from quotes.services.attribution import article_attribute, article_mark_failed
from quotes.services.batches import batch_add_articles, batch_start
from tests.factories import make_article, make_user

pytestmark = pytest.mark.e2e

# Longer than one polling interval (2 s), so a poll still running would be seen.
QUIET_MS = 5_000


def count(page: Page, name: str):
    return page.locator(f'#batch-progress [data-count="{name}"]')


def test_the_batch_page_updates_itself_until_nothing_is_pending(page: Page, site):
    make_user("editor", editor=True)
    articles = [make_article(status=Article.Status.PENDING, title=f"Dépêche {n}") for n in (1, 2)]
    batch = batch_start(source="manage.py ingest depeches/")
    batch_add_articles(batch=batch, article_ids=[article.pk for article in articles])
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    polls: list[str] = []
    page.on(
        "request",
        lambda request: (
            polls.append(request.url) if request.headers.get("hx-request") == "true" else None
        ),
    )
    site.log_in(page, "editor")
    page.goto(site.url("batch-detail", batch.pk))
    expect(count(page, "pending")).to_have_text("2")
    # Lost on a reload: its survival shows the counts below came by swapping the region.
    page.evaluate("window.sameDocument = true")

    article_attribute(article=articles[0], attributions=[])
    expect(count(page, "done")).to_have_text("1")
    expect(count(page, "pending")).to_have_text("1")
    article_mark_failed(article=articles[1], error="RuntimeError: the parser gave up")

    expect(count(page, "pending")).to_have_text("0")
    expect(count(page, "failed")).to_have_text("1")
    expect(page.get_by_text("Finished.")).to_be_visible()
    failure = page.locator(".batch-failures li")
    expect(failure.get_by_role("link", name="Dépêche 2")).to_be_visible()
    expect(failure).to_contain_text("RuntimeError: the parser gave up")
    expect(page.locator("#batch-progress progress")).to_have_attribute("value", "2")
    assert page.evaluate("window.sameDocument") is True
    polls_when_finished = len(polls)
    page.wait_for_timeout(QUIET_MS)
    assert len(polls) == polls_when_finished, "the page kept polling after the batch finished"
    assert polls_when_finished >= 2
    assert violations == []
