"""Two editors adding quotes for one speaker at the same moment: the stored count has both."""

from __future__ import annotations

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction

from quotes.models import Quote, Speaker
from quotes.services import editing
from tests.factories import make_article, make_speaker, make_user

BODY = "« Premier mot », dit-elle. « Second mot », ajoute-t-elle."


# Naming the apps makes the flush after this test TRUNCATE ... CASCADE, which PostgreSQL needs
# for the search index table that references quotes.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_a_writer_that_waited_for_another_counts_its_quotes_too():
    speaker = make_speaker("Marie Durand")
    article = make_article(body=BODY)
    editor = make_user("editor")
    first_written, first_may_commit = threading.Event(), threading.Event()
    outcomes: dict[str, str] = {}

    def add(name: str, words: str, *, hold: bool) -> None:
        start = BODY.index(words)
        try:
            with transaction.atomic():
                editing.quote_add(
                    article=article,
                    start=start,
                    end=start + len(words),
                    kind=Quote.Kind.DIRECT,
                    speaker=speaker,
                    user=editor,
                )
                if hold:
                    # Keep the first transaction open while the second one writes and counts.
                    first_written.set()
                    first_may_commit.wait(timeout=30)
            outcomes[name] = "saved"
        except OperationalError as error:
            # The shared-cache in-memory SQLite of the test run refuses a second writer at once.
            outcomes[name] = "locked" if "locked" in str(error) else repr(error)
        finally:
            first_written.set()
            connection.close()

    first = threading.Thread(target=add, args=("first", "Premier mot"), kwargs={"hold": True})
    second = threading.Thread(target=add, args=("second", "Second mot"), kwargs={"hold": False})
    first.start()
    first_written.wait(timeout=30)
    second.start()
    # Give the second writer time to reach its count while the first still holds its quote.
    time.sleep(0.5)
    first_may_commit.set()
    first.join()
    second.join()

    assert outcomes["first"] == "saved"
    expected = {"saved", "locked"} if connection.vendor == "sqlite" else {"saved"}
    assert outcomes["second"] in expected
    speaker = Speaker.objects.get(pk=speaker.pk)
    assert speaker.quote_count == Quote.objects.filter(speaker=speaker).count()
    if connection.vendor == "postgresql":
        assert speaker.quote_count == 2
