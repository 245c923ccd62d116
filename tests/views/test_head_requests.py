"""Every page that answers GET answers HEAD too, as link checkers and monitors expect."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/speakers/",
    "/articles/",
    "{speaker}",
    "{speaker}history/",
    "{article}",
    "{quote}",
    "{quote}history/",
    "/search/?q=budget",
    "/topics/",
    "/topics/budget/",
    "/speaker-autocomplete/?q=Jeanne",
    "/accounts/login/",
]
EDITOR_PAGES = ["{quote}edit/", "{speaker}edit/", "{article}quotes/add/", "/review/"]


def _expand(page: str, page_urls: dict[str, str]) -> str:
    for placeholder, url in page_urls.items():
        page = page.replace(placeholder, url)
    return page


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_answers_head_like_get(client, page_urls, page):
    url = _expand(page, page_urls)
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"] == client.get(url)["Content-Type"]


@pytest.mark.parametrize("page", EDITOR_PAGES)
def test_editor_page_answers_head(editor_client, page_urls, page):
    assert editor_client.head(_expand(page, page_urls)).status_code == 200
