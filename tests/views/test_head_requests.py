"""Every page that answers GET answers HEAD too, as link checkers and monitors expect."""

from __future__ import annotations

import pytest

from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/speakers/",
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


@pytest.fixture
def urls():
    speaker = make_speaker("Jeanne Tête")
    article = make_article()
    quote = make_quote(article, speaker)
    quote.topics.add(make_topic("Budget"))
    return {
        "{speaker}": speaker.get_absolute_url(),
        "{article}": article.get_absolute_url(),
        "{quote}": quote.get_absolute_url(),
    }


def _expand(page: str, urls: dict[str, str]) -> str:
    for placeholder, url in urls.items():
        page = page.replace(placeholder, url)
    return page


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_page_answers_head_like_get(client, urls, page):
    url = _expand(page, urls)
    head = client.head(url)
    assert head.status_code == 200
    assert head["Content-Type"] == client.get(url)["Content-Type"]


@pytest.mark.parametrize("page", EDITOR_PAGES)
def test_editor_page_answers_head(editor_client, urls, page):
    assert editor_client.head(_expand(page, urls)).status_code == 200
