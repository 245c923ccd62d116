"""Missing, forbidden and failing pages keep the site's layout and say what to do next."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_missing_page_is_styled_and_offers_search(client):
    response = client.get("/speakers/nobody-at-all/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1" in page and "Page not found" in page
    assert "css/app" in page
    assert 'action="/search/"' in page
    assert 'aria-label="Main"' in page


def test_forbidden_page_is_styled_and_says_why(reader_client):
    response = reader_client.get("/review/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page and "Only editors" in page
    assert 'aria-label="Main"' in page


def test_server_error_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert 'aria-label="Main"' in page and "css/app" in page
