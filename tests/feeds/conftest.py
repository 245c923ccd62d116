"""The feeds read the API's corpus."""

from tests.api.conftest import published  # noqa: F401
