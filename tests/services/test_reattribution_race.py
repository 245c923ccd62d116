"""An editor saving a machine quote while re-attribution runs keeps their work."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction

from quotes.models import Article, Quote
from quotes.services import editing
from quotes.services.attribution import article_attribute
from tests.factories import make_article, make_speaker, make_user
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


# Naming the apps makes the flush after this test TRUNCATE ... CASCADE, which PostgreSQL needs
# for the search index table that references quotes.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_reattribution_waits_for_an_editor_saving_at_the_same_moment():
    editor = make_user("editor")
    article = make_article(body=BODY)
    article_attribute(article=article, attributions=trump_attributions())
    first, second = article.quotes.order_by("start")[:2]
    rerun = [attribution(BODY, first.text, speaker="Jean Martin")]
    saving, done = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def edit() -> None:
        try:
            with transaction.atomic():
                for quote in (first, second):
                    editing.quote_confirm(quote=quote, expected_version=1, user=editor)
                saving.set()
                # Hold the editor's transaction open while re-attribution reaches the quotes.
                done.wait(timeout=2)
            outcomes["edit"] = "saved"
        finally:
            saving.set()
            connection.close()

    def reattribute() -> None:
        saving.wait(timeout=10)
        try:
            article_attribute(article=Article.objects.get(pk=article.pk), attributions=rerun)
            outcomes["attribute"] = "done"
        except OperationalError as error:
            # SQLite's shared in-memory test database refuses a second writer at once.
            outcomes["attribute"] = "locked" if "locked" in str(error) else repr(error)
        finally:
            done.set()
            connection.close()

    threads = [threading.Thread(target=edit), threading.Thread(target=reattribute)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes["edit"] == "saved"
    allowed = {"done", "locked"} if connection.vendor == "sqlite" else {"done"}
    assert outcomes["attribute"] in allowed
    first.refresh_from_db()
    assert (first.review_status, first.speaker.name) == (Quote.Review.CONFIRMED, "Donald Trump")
    assert Quote.objects.get(pk=second.pk).review_status == Quote.Review.CONFIRMED
