"""An editor saving a machine quote while re-attribution runs keeps their work."""

from __future__ import annotations

import pytest

from quotes.models import Quote
from quotes.services import editing
from quotes.services.attribution import article_attribute
from tests.factories import make_article, make_speaker
from tests.services.test_attribution_service import BODY, attribution, trump_attributions

pytestmark = pytest.mark.django_db


def _engine_output_after(edit, attributions):
    """Engine output read only after `edit` ran: the editor saves between read and write."""
    edit()
    yield from attributions


def test_editor_saves_during_reattribution_are_kept(editor):
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=trump_attributions())
    first, second = article.quotes.order_by("start")[:2]
    # The next run finds the first quote again with another speaker and drops the second.
    rerun = [attribution(BODY, first.text, speaker="Jean Martin")]

    def edit() -> None:
        editing.quote_confirm(quote=first, expected_version=first.version, user=editor)
        editing.quote_confirm(quote=second, expected_version=second.version, user=editor)

    outcome = article_attribute(article=article, attributions=_engine_output_after(edit, rerun))

    first.refresh_from_db()
    assert first.review_status == Quote.Review.CONFIRMED
    assert first.speaker.name == "Donald Trump"
    assert Quote.objects.get(pk=second.pk).review_status == Quote.Review.CONFIRMED
    assert (outcome.updated, outcome.removed) == (0, 0)


def test_reattribution_makes_an_open_form_on_the_old_output_stale(editor):
    article = make_article(body=BODY)
    make_speaker("Jean Martin")
    article_attribute(article=article, attributions=trump_attributions())
    quote = article.quotes.order_by("start").first()
    seen = quote.version

    article_attribute(
        article=article, attributions=[attribution(BODY, quote.text, speaker="Jean Martin")]
    )

    with pytest.raises(editing.StaleVersion):
        editing.quote_confirm(quote=quote, expected_version=seen, user=editor)
