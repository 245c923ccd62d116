"""Two editors saving the same version at the same moment: exactly one wins, nothing is lost."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from quotes.models import Quote
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker, make_user


# Naming the apps makes the flush after this test TRUNCATE ... CASCADE, which PostgreSQL needs
# for the search index table that references quotes.
@pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))
def test_simultaneous_saves_of_one_version_let_exactly_one_through():
    quote = make_quote(make_article(), make_speaker("Jean Martin"))
    # Plain users: the service trusts its caller, and a flushed database has no Editors group.
    editors = [make_user(f"editor{n}") for n in range(2)]
    kinds = ["indirect", "mixed"]
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(editor, kind: str) -> None:
        try:
            start.wait()
            editing.quote_set_kind(
                quote=Quote.objects.get(pk=quote.pk), kind=kind, expected_version=1, user=editor
            )
            outcomes[kind] = "saved"
        except editing.StaleVersion:
            outcomes[kind] = "stale"
        except OperationalError as error:
            # The shared-cache in-memory SQLite of the test run refuses a second writer at once
            # ("locked") where a file database would wait; either way nothing is overwritten.
            outcomes[kind] = "locked" if "locked" in str(error) else repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=pair) for pair in zip(editors, kinds, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    refused = {"stale", "locked"} if connection.vendor == "sqlite" else {"stale"}
    assert len(outcomes) == 2
    assert list(outcomes.values()).count("saved") == 1
    assert set(outcomes.values()) - {"saved"} <= refused
    winner = next(kind for kind, outcome in outcomes.items() if outcome == "saved")
    quote.refresh_from_db()
    assert (quote.kind, quote.version) == (winner, 2)
    assert quote.history.filter(history_type="~").count() == 1
