"""search views."""

from __future__ import annotations

urlpatterns: list = []
