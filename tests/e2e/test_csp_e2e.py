"""Every page, and htmx swaps on them, run in Chromium under the Content-Security-Policy."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.factories import make_topic, make_user, recount
from tests.search.conftest import corpus  # noqa: F401  (the indexed seed and own articles)

pytestmark = pytest.mark.e2e

# Reported by the page itself, so that a violation Chromium does not print is still caught.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def violations(page: Page) -> list[str]:
    """Console messages about the Content-Security-Policy, from every page this test opens."""
    found: list[str] = []
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    return found


def visit(page: Page, url: str) -> None:
    """Open a page and check that it was served under the policy, not merely without one."""
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")


def test_reader_pages_and_their_htmx_swaps_raise_no_csp_violation(
    page: Page,
    site,
    corpus,  # noqa: F811
    violations,
):
    topic = make_topic("défense")
    corpus.defense.topics.add(topic)
    recount(corpus.defense)

    visit(page, site.url("home"))
    visit(page, site.url("speaker-list"))
    page.get_by_label("Name").press_sequentially("fri", delay=40)
    expect(page.locator(".speaker-row")).to_have_count(1)
    visit(page, site.url("speaker-detail", corpus.fried.slug))
    visit(page, site.url("article-list"))
    page.get_by_role("search", name="Filter articles").get_by_label("Language").select_option("en")
    expect(page.locator(".article-row")).to_have_count(1)
    visit(page, site.url("article-detail", corpus.seed.pk))
    page.locator("mark.q").first.hover()
    visit(page, site.url("quote-detail", corpus.defense.pk))
    visit(page, site.url("search"))
    page.get_by_label("Words or names").press_sequentially("defense", delay=40)
    expect(page.locator("#search-results .quote-item").first).to_be_visible()
    visit(page, site.url("topic-list"))
    visit(page, site.url("topic-detail", topic.slug))
    visit(page, site.url("insights"))
    visit(page, site.url("login"))
    visit(page, site.url("admin:login"))

    assert violations == []


def test_editor_pages_and_their_htmx_posts_raise_no_csp_violation(
    page: Page,
    site,
    corpus,  # noqa: F811
    violations,
):
    make_user("claire", editor=True)
    site.log_in(page, "claire")

    visit(page, site.url("review"))
    visit(page, site.url("quote-detail", corpus.defense.pk))
    tools = page.locator(f"#quote-{corpus.defense.pk}-tools")
    tools.get_by_role("button", name="Confirm").click()
    expect(tools).to_contain_text("Confirmed")
    visit(page, site.url("quote-edit", corpus.defense.pk))
    visit(page, site.url("quote-add", corpus.french.pk))
    visit(page, site.url("speaker-edit", corpus.fried.slug))
    visit(page, site.url("article-detail", corpus.seed.pk))

    assert violations == []


def test_admin_pages_raise_no_csp_violation(
    page: Page,
    site,
    corpus,  # noqa: F811
    violations,
):
    User.objects.create_superuser("root", password="pass-word-123")
    visit(page, site.url("admin:login"))
    page.locator("#id_username").fill("root")
    page.locator("#id_password").fill("pass-word-123")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()

    visit(page, site.url("admin:index"))
    visit(page, site.url("admin:quotes_quote_changelist"))
    visit(page, site.url("admin:quotes_quote_change", corpus.defense.pk))
    visit(page, site.url("admin:quotes_speaker_change", corpus.fried.pk))

    assert violations == []
