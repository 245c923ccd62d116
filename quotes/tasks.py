"""Background tasks: run by Celery workers with a broker, in-process without one."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from quotes.models import Article
from quotes.services.attribution import article_attribute


@shared_task
def attribute_article(article_id: int) -> str:
    """Attribute one stored article; returns its status ("missing" if it was deleted)."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "missing"
    return "failed" if article_attribute(article=article).failed else "done"


def uses_workers() -> bool:
    """True when a broker is configured, so attribution goes to the workers' queue."""
    return bool(settings.CELERY_BROKER_URL)
