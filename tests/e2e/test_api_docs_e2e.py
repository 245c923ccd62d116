"""The API's interactive docs run in Chromium from local files, under the site's policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_csp_e2e import violations, visit  # noqa: F401
from tests.search.conftest import corpus  # noqa: F401

pytestmark = pytest.mark.e2e


def test_the_docs_page_calls_the_api_without_any_csp_violation_or_outside_request(
    page: Page,
    site,
    corpus,  # noqa: F811
    violations,  # noqa: F811
):
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(site.base_url) else outside.append(request.url)
        ),
    )

    visit(page, site.url("/api/v1/docs"))
    operation = page.locator(".opblock", has_text="/api/v1/speakers").first
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    status = operation.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_have_text("200")
    expect(operation.locator(".live-responses-table")).to_contain_text(corpus.fried.name)
    assert violations == []
    assert outside == []
