"""Django project for the newsroom quote tracker."""

from __future__ import annotations

from newsroom.celery import app as celery_app

__all__ = ["celery_app"]
