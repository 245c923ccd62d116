"""A speaker's top topics come from stored counts: after every kind of change, a direct count's."""

from __future__ import annotations

import pytest
from django.db.models import Count

from quotes.models import PUBLIC_REVIEW_STATUSES, Quote, Speaker, SpeakerInsightCount, Topic
from quotes.selectors.topics import speaker_top_topics
from quotes.services.attribution import article_attribute
from quotes.services.editing import quote_reassign, quote_reject
from quotes.services.insights import insight_counts_rebuild
from quotes.services.topics import quote_topic_add, quote_topic_remove
from tests.factories import make_article, make_quote, make_speaker, make_topic, make_user, recount
from tests.services.test_gender import BODY, kessler_attributions

pytestmark = pytest.mark.django_db


def counted_directly(speaker: Speaker) -> list[tuple[str, int]]:
    """The speaker's public quotes per topic, most first, joined from the quotes themselves."""
    rows = (
        Topic.objects.filter(
            quotes__speaker=speaker, quotes__review_status__in=PUBLIC_REVIEW_STATUSES
        )
        .annotate(n=Count("quotes"))
        .order_by("-n", "label", "id")[:8]
    )
    return [(topic.slug, topic.n) for topic in rows]


def served(client, speaker: Speaker) -> list[tuple[str, int]]:
    """What the API shows, with the counts the speaker page shows next to each topic."""
    api = client.get(f"/api/v1/speakers/{speaker.pk}").json()["top_topics"]
    profile = [(t.slug, t.speaker_quote_count) for t in speaker_top_topics(speaker)]
    assert [t["slug"] for t in api] == [slug for slug, _ in profile]
    return profile


def test_top_topics_follow_attribution_reassignment_topic_edits_and_rejection(client):
    editor = make_user("editor", editor=True)
    article_attribute(article=make_article(body=BODY), attributions=kessler_attributions())
    kessler = Speaker.objects.get(name="Odile Kessler")

    vidal = make_speaker("Paul Vidal")
    article = make_article()
    health, budget, school = (make_topic(label) for label in ("Hospital", "Budget", "School"))
    quotes = [make_quote(article, vidal, start=i * 6, end=i * 6 + 5) for i in range(4)]
    for quote, topics in zip(quotes, [[health, budget], [health], [budget], [school]], strict=True):
        quote.topics.add(*topics)
    recount(*quotes)
    assert served(client, vidal) == [("budget", 2), ("hospital", 2), ("school", 1)]
    assert served(client, vidal) == counted_directly(vidal)

    quote_reassign(quote=quotes[0], speaker=kessler, expected_version=1, user=editor)
    assert served(client, vidal) == [("budget", 1), ("hospital", 1), ("school", 1)]
    assert served(client, vidal) == counted_directly(vidal)
    assert ("hospital", 1) in served(client, kessler)
    assert served(client, kessler) == counted_directly(kessler)

    quote = Quote.objects.get(pk=quotes[3].pk)
    quote_topic_add(quote=quote, label="Budget", expected_version=quote.version, user=editor)
    assert ("budget", 2) in served(client, vidal)
    quote.refresh_from_db()
    quote_topic_remove(quote=quote, topic=school, expected_version=quote.version, user=editor)
    assert served(client, vidal) == [("budget", 2), ("hospital", 1)] == counted_directly(vidal)

    quote_reject(quote=Quote.objects.get(pk=quotes[1].pk), expected_version=1, user=editor)
    assert served(client, vidal) == [("budget", 2)] == counted_directly(vidal)
    assert served(client, kessler) == counted_directly(kessler)

    # Written past the services (a bulk load): the page follows once the counts are rebuilt.
    SpeakerInsightCount.objects.filter(speaker_id=vidal.pk).delete()
    assert served(client, vidal) == []
    insight_counts_rebuild()
    assert served(client, vidal) == [("budget", 2)]
