"""Background tasks: run by Celery workers with a broker, in-process without one."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import transaction

from quotes.models import Article
from quotes.services.attribution import article_attribute


@shared_task
def attribute_article(article_id: int, force: bool = False) -> str:
    """Attribute one stored article; returns its status ("missing" if it was deleted).

    Acknowledged late, so a task whose worker died is delivered again: an article already
    done is left alone unless forced (re-attribution), and a rerun never duplicates quotes.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "missing"
    if article.status == Article.Status.DONE and not force:
        return "done"
    return "failed" if article_attribute(article=article).failed else "done"


def attribute_article_on_commit(article_id: int, *, force: bool = False) -> None:
    """Queue the article's attribution once the transaction that stored it has committed.

    Queued earlier, a fast worker could look for the article before it exists.
    """
    transaction.on_commit(lambda: attribute_article.delay(article_id, force=force))


def uses_workers() -> bool:
    """True when a broker is configured, so attribution goes to the workers' queue."""
    return bool(settings.CELERY_BROKER_URL)
