"""Plain factory functions for tests: make_<model>(**overrides)."""

from __future__ import annotations

import hashlib
import itertools

from django.contrib.auth.models import Group, User
from django.utils.text import slugify

from quotes.models import Article, Quote, Speaker, SpeakerAlias, Topic
from quotes.services.counts import (
    article_counts_refresh,
    quote_topic_ids,
    speaker_counts_refresh,
    topic_counts_refresh,
)
from quotes.services.insights import insight_counts_refresh
from quotes.text import normalize_name

_counter = itertools.count(1)


def make_article(**overrides) -> Article:
    """An article; body and title are unique unless given."""
    n = next(_counter)
    body = overrides.pop("body", f"Article body number {n}. « Une citation », a dit quelqu'un.")
    fields = {
        "title": f"Article {n}",
        "body": body,
        "language": "fr",
        "outlet": "Wikinews",
        "content_hash": hashlib.sha256(body.encode()).hexdigest(),
        "status": Article.Status.DONE,
    }
    fields.update(overrides)
    return Article.objects.create(**fields)


def make_speaker(name: str | None = None, *, aliases: tuple[str, ...] = (), **overrides) -> Speaker:
    """A speaker with its own name as an alias, plus the given aliases."""
    name = name or f"Speaker {next(_counter)}"
    fields = {"name": name, "slug": slugify(f"{name}-{next(_counter)}"), "kind": "person"}
    fields.update(overrides)
    speaker = Speaker.objects.create(**fields)
    for alias in (name, *aliases):
        SpeakerAlias.objects.create(speaker=speaker, name=alias, normalized=normalize_name(alias))
    return speaker


def make_quote(
    article: Article | None = None, speaker: Speaker | None = None, **overrides
) -> Quote:
    """A quote covering a real span of its article's body (the first 10 characters by default).

    Its article's and speaker's stored counts are refreshed, as every service that writes quotes
    does.
    """
    article = article or make_article()
    start = overrides.pop("start", 0)
    end = overrides.pop("end", min(len(article.body), start + 10))
    fields = {
        "text": article.body[start:end],
        "kind": Quote.Kind.DIRECT,
        "confidence": 0.8,
        "published_at": article.published_at,
    }
    fields.update(overrides)
    quote = Quote.objects.create(article=article, speaker=speaker, start=start, end=end, **fields)
    article_counts_refresh(article_ids=[article.pk])
    speaker_counts_refresh(speaker_ids=[quote.speaker_id])
    insight_counts_refresh(speaker_ids=[quote.speaker_id])
    return quote


def recount(*quotes: Quote) -> None:
    """Refresh the stored counts after a test changed quotes directly, as a service would."""
    article_counts_refresh(article_ids=[quote.article_id for quote in quotes])
    speaker_counts_refresh(speaker_ids=[quote.speaker_id for quote in quotes])
    topic_counts_refresh(topic_ids=quote_topic_ids([quote.pk for quote in quotes]))
    insight_counts_refresh(speaker_ids=[quote.speaker_id for quote in quotes])


def make_topic(label: str, **overrides) -> Topic:
    """A topic with its normalised key."""
    fields = {"label": label, "slug": slugify(label), "normalized": normalize_name(label)}
    fields.update(overrides)
    return Topic.objects.create(**fields)


def make_user(username: str, *, editor: bool = False, password: str = "pass-word-123") -> User:
    """A user; editors are in the Editors group created by migration."""
    user = User.objects.create_user(username=username, password=password)
    if editor:
        user.groups.add(Group.objects.get(name="Editors"))
    return user
