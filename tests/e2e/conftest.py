"""Browser fixtures shared by every end-to-end test: one Chromium per session, a page per test.

Every test in this folder is marked e2e and runs against a live server with a transactional
database, emptied after each test; the Editors group that a migration creates is put back first.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls made by tests and
# factories are still plain synchronous code, so Django's async-safety guard would misfire.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 10_000
# Assertions wait as long as actions: on a loaded two-core machine a debounced request, its
# query and the swap can take longer than Playwright's five-second default.
expect.set_options(timeout=TIMEOUT_MS)


# Naming the apps makes the flush between tests TRUNCATE ... CASCADE, which PostgreSQL needs
# because raw-SQL tables (the search index) reference the quotes table.
LIVE_DATABASE = pytest.mark.django_db(
    transaction=True, available_apps=list(settings.INSTALLED_APPS)
)
EDITOR_PERMISSIONS = importlib.import_module(
    "quotes.migrations.0002_editors_group"
).EDITOR_PERMISSIONS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder as a browser test on a live, restorable database."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(LIVE_DATABASE)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, started once per test session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context (no cookies, no storage) and page for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@dataclass(frozen=True)
class Site:
    """The live server as a test sees it: absolute URLs and logging in through the real form."""

    base_url: str

    def url(self, name_or_path: str, *args: object, **query: str) -> str:
        """Absolute URL from a URL name (with args) or a path starting with '/'."""
        path = name_or_path if name_or_path.startswith("/") else reverse(name_or_path, args=args)
        if query:
            path = f"{path}?{urlencode(query)}"
        return f"{self.base_url}{path}"

    def log_in(self, page: Page, username: str, password: str = "pass-word-123") -> None:
        """Log in through the login page, as a person would."""
        page.goto(self.url("login"))
        page.get_by_label("User name").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture(autouse=True)
def editors_group(transactional_db) -> Group:
    """The Editors group of migration 0002, which the flush between live-server tests removes."""
    group, _ = Group.objects.get_or_create(name="Editors")
    for app_label, model, codename in EDITOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )
    return group


@pytest.fixture
def site(live_server, transactional_db) -> Site:
    """The running test server; the test database is shared with it."""
    return Site(base_url=live_server.url)
