"""A migrated PostgreSQL database that fault tests copy, so each pays no migration."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.services.scratch import ScratchDatabase, postgres_database


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """The name of a migrated database to copy with CREATE DATABASE ... TEMPLATE."""
    name = f"quotes_scratch_template_{os.getpid()}"
    with postgres_database(name):
        yield name


@pytest.fixture
def scratch_postgres(request, postgres_template) -> Iterator[ScratchDatabase]:
    """A fresh migrated PostgreSQL database of this test's own, dropped afterwards."""
    name = f"quotes_scratch_{os.getpid()}_{request.node.name[:20]}".lower()
    with postgres_database(name, template=postgres_template) as database:
        yield database
