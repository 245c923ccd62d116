"""The review queue sends each quote's correction forms only when the editor opens it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_article, make_quote, make_speaker

BODY = "« Le pont restera fermé », a déclaré Marie Dupont. « Les travaux dureront », dit-elle."


@pytest.fixture
def quotes(db):
    article = make_article(body=BODY)
    dupont = make_speaker("Marie Dupont")
    second = BODY.index("Les travaux")
    return [
        make_quote(article, dupont, start=2, end=BODY.index(" »"), confidence=0.2),
        make_quote(article, dupont, start=second, end=BODY.index(" »", second), confidence=0.3),
    ]


def test_the_queue_has_review_buttons_but_no_correction_forms(editor_client, quotes):
    html = editor_client.get(reverse("review")).content.decode()

    for quote in quotes:
        edit = reverse("quote-edit", args=[quote.pk])
        assert f'id="quote-{quote.pk}-confirm"' in html
        assert f'id="quote-{quote.pk}-reject"' in html
        assert f'hx-get="{edit}" hx-trigger="toggle once"' in html
        # Without JavaScript the item links to the quote's own editing page instead.
        assert f'<a href="{edit}">Edit on the quote\'s own page</a>' in html
        assert reverse("quote-attribution", args=[quote.pk]) not in html
        assert reverse("quote-span", args=[quote.pk]) not in html


def test_an_opened_item_gets_its_forms_open(editor_client, quotes):
    quote = quotes[0]

    response = editor_client.get(
        reverse("quote-edit", args=[quote.pk]),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/review/"},
    )

    html = response.content.decode()
    assert html.lstrip().startswith(f'<div class="quote-tools" id="quote-{quote.pk}-tools"')
    assert '<details class="quote-edit" open>' in html
    assert f'action="{reverse("quote-attribution", args=[quote.pk])}"' in html
    assert 'name="next" value="/review/"' in html


def test_a_review_button_answers_the_queue_with_the_compact_tools(editor_client, quotes):
    quote = quotes[0]

    response = editor_client.post(
        reverse("quote-confirm", args=[quote.pk]),
        {"version": "1"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/review/"},
    )

    html = response.content.decode()
    assert "Confirmed" in html
    assert reverse("quote-attribution", args=[quote.pk]) not in html
    assert "Saved: the quote is confirmed." in html


def test_a_review_button_sends_the_queues_new_count_under_its_filters(editor_client, quotes):
    quote = quotes[0]
    review = reverse("review")

    response = editor_client.post(
        reverse("quote-reject", args=[quote.pk]),
        {"version": "1"},
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{review}?kind=direct"},
    )

    html = response.content.decode()
    assert (
        '<span id="review-count-text" hx-swap-oob="true"><strong>1</strong> quote left to review.'
    ) in html
    # The queue no longer fetches itself again after each change just to count.
    assert "quoteChanged from:body" not in editor_client.get(review).content.decode()
