"""Statements the writers cost: refreshes add only their own, an article a fixed number."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from quotes.attribution import Attribution
from quotes.models import Quote, Speaker
from quotes.search import search_quotes
from quotes.services.attribution import article_attribute
from quotes.services.changes import quotes_changed
from quotes.services.counts import speaker_counts_refresh
from tests.factories import make_article, make_quote, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def _statements(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"].split()[0].upper() for query in queries.captured_queries]


def test_refreshes_inside_a_transaction_open_no_savepoint_and_still_count():
    speaker = make_speaker("Marie Durand")
    topic = make_topic("Budget")
    quote = make_quote(make_article(), speaker)
    quote.topics.add(topic)

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        quotes_changed(quote_ids=[quote.pk])

    statements = _statements(queries)
    assert "SAVEPOINT" not in statements and "RELEASE" not in statements
    speaker.refresh_from_db()
    topic.refresh_from_db()
    assert (speaker.quote_count, topic.quote_count) == (1, 1)
    assert [hit.quote for hit in search_quotes("Marie Durand").hits] == [quote]


def test_a_failed_writer_rolls_back_the_counts_it_refreshed():
    speaker = make_speaker("Paul Lenoir")
    quote = make_quote(make_article(), speaker)

    with pytest.raises(RuntimeError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(review_status=Quote.Review.REJECTED)
        speaker_counts_refresh(speaker_ids=[speaker.pk])
        raise RuntimeError("the writer failed after the refresh")

    speaker.refresh_from_db()
    assert speaker.quote_count == 1


DEFENCE = (
    "« Le budget de la défense augmentera », a déclaré Florence Parly. "
    "« Le budget de la défense est une priorité », a ajouté Parly. "
    "« La défense européenne avance », a dit Jean Dupont. "
    "« Le budget de la défense sera voté », a affirmé Marie Curie. "
    "« Le budget de la défense inquiète », ont dit plusieurs témoins. "
    "« La défense coûte cher », a estimé Paul Martin."
)
# The quotes of DEFENCE, each with who said it, the words naming them and their kind.
SAID = [
    ("« Le budget de la défense augmentera »", "Florence Parly", "Florence Parly", "person"),
    ("« Le budget de la défense est une priorité »", "Florence Parly", "Parly", "person"),
    ("« La défense européenne avance »", "Jean Dupont", "Jean Dupont", "person"),
    ("« Le budget de la défense sera voté »", "Marie Curie", "Marie Curie", "person"),
    ("« Le budget de la défense inquiète »", "plusieurs témoins", "plusieurs témoins", "other"),
    ("« La défense coûte cher »", "Paul Martin", "Paul Martin", "person"),
]


def _attributions(indices: list[int]) -> list[Attribution]:
    found = []
    for index in indices:
        text, speaker, mention, kind = SAID[index]
        start, mention_start = DEFENCE.index(text), DEFENCE.index(mention)
        found.append(
            Attribution(
                text=text,
                start=start,
                end=start + len(text),
                kind="direct",
                speaker=speaker,
                speaker_mention=mention,
                speaker_start=mention_start,
                speaker_end=mention_start + len(mention),
                speaker_kind=kind,
                speaker_description="",
                cue=None,
                cue_start=None,
                cue_end=None,
                confidence=0.9,
            )
        )
    return found


def _statements_to_attribute(indices: list[int]) -> int:
    article = make_article(body=DEFENCE, content_hash=f"defence-{indices}")
    with CaptureQueriesContext(connection) as queries:
        outcome = article_attribute(article=article, attributions=_attributions(indices))
    assert (outcome.failed, outcome.created) == (False, len(indices))
    return len(queries.captured_queries)


def test_a_new_article_takes_as_many_statements_for_six_quotes_as_for_two():
    _statements_to_attribute([0])  # Florence Parly and the topics exist from now on

    # Two quotes, one new speaker; six quotes, three new speakers, a new alias, a generic one.
    few = _statements_to_attribute([0, 2])
    many = _statements_to_attribute([0, 1, 2, 3, 4, 5])

    # 43 on SQLite, 44 on PostgreSQL (the ingest writers' advisory lock), the quotes'
    # regrouping and the /insights/ recount (5) included.
    assert few == many <= 44
    parly = Speaker.objects.get(name="Florence Parly")
    assert parly.quote_count == 4
    assert parly.aliases.filter(normalized="parly").exists()
    assert [hit.quote.speaker for hit in search_quotes("voté").hits] == [
        Speaker.objects.get(name="Marie Curie")
    ]


def test_a_batch_refreshes_counts_index_and_groups_once_for_all_its_articles():
    from quotes.services.attribution import articles_attribute

    speakers = ["Florence Parly", "Jean Dupont", "Marie Curie", "Paul Martin"]
    articles = [
        make_article(body=f"« Le budget {n} de la défense sera voté », a déclaré {name}.")
        for n, name in enumerate(speakers)
    ]

    with CaptureQueriesContext(connection) as queries:
        outcomes = articles_attribute(articles=articles)

    assert [outcome.created for outcome in outcomes] == [1, 1, 1, 1]
    # Four new articles and speakers in one transaction: at most 20 statements per article
    # (13 on SQLite, 19 on PostgreSQL, which adds savepoints), against 43 or 44 for an article
    # written alone, since the articles and their quotes are read, their topics linked and
    # the refresh (the /insights/ recount's DELETE among them) run once for the batch.
    statements = _statements(queries)
    assert len(statements) <= 4 * 20
    recounts = [q for q in queries.captured_queries if "quotes_speakerinsightcount" in q["sql"]]
    assert [q["sql"].split()[0] for q in recounts].count("DELETE") == 1
    assert sorted(hit.quote.speaker.name for hit in search_quotes("défense").hits) == speakers
