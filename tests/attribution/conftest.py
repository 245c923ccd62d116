"""Attribution engine fixtures: spaCy models loaded once per test session (no database)."""

from __future__ import annotations

import pytest

from quotes.attribution import Attribution, extract, get_nlp


@pytest.fixture(scope="session")
def fr_nlp():
    """The French pipeline, loaded once."""
    return get_nlp("fr")


@pytest.fixture(scope="session")
def en_nlp():
    """The English pipeline, loaded once."""
    return get_nlp("en")


@pytest.fixture(scope="session")
def extract_fr(fr_nlp):
    """Extract from a French text with the shared pipeline."""

    def run(text: str) -> list[Attribution]:
        return extract(text, "fr", nlp=fr_nlp)

    return run


@pytest.fixture(scope="session")
def extract_en(en_nlp):
    """Extract from an English text with the shared pipeline."""

    def run(text: str) -> list[Attribution]:
        return extract(text, "en", nlp=en_nlp)

    return run


def find_quote(found: list[Attribution], fragment: str) -> Attribution:
    """The attribution whose text contains fragment (fails the test when there is none)."""
    matches = [item for item in found if fragment in item.text]
    assert matches, f"no quote containing {fragment!r} in {[item.text for item in found]}"
    return matches[0]
