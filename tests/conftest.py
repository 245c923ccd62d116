"""Shared fixtures: a small cast of users and the seed article."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

from tests.factories import make_user

FIXTURES = Path(__file__).parent / "fixtures"
LOCALE = Path(__file__).resolve().parent.parent / "locale"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile a translation catalogue edited since its .mo was built (`make messages` does too),
    so the French pages under test are the ones the .po describes."""
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if shutil.which("msgfmt") is None:
            raise pytest.UsageError("msgfmt is missing: `make setup` installs Debian's gettext")
        subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A French request leaves its language active in the thread: back to the default after it."""
    yield
    translation.deactivate()


@pytest.fixture
def reader(db):
    """A logged-in user without editing permissions."""
    return make_user("reader")


@pytest.fixture
def editor(db):
    """A member of the Editors group."""
    return make_user("editor", editor=True)


@pytest.fixture
def editor_client(client, editor):
    """A test client logged in as the editor."""
    client.force_login(editor)
    return client


@pytest.fixture
def reader_client(client, reader):
    """A test client logged in as a reader."""
    client.force_login(reader)
    return client


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The Reuters French-service article the project was designed from."""
    return (FIXTURES / "seed_reuters_fr.txt").read_text(encoding="utf-8")
