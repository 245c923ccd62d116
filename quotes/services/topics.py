"""Topic writers: topics of an article and its quotes on ingest, editors' additions and removals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from quotes.attribution.names import singular as singular_word
from quotes.models import Article, Quote, Topic
from quotes.reasons import TOPIC_ADDED, TOPIC_REMOVED, fill, prefix
from quotes.services.changes import quotes_changed
from quotes.services.editing import version_check
from quotes.text import fold, normalize_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from quotes.topics.extract import TopicCandidate

# Articles and prepositions: dropped at the start of a typed topic, kept inside it.
_LEADING = frozenset(
    "le la les l un une des du de d au aux a en et the an of and in for".split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\w]+")
ARTICLE_TOPICS = 10
QUOTE_TOPICS = 5
_QuoteTopic = Quote.topics.through
_ArticleTopic = Article.topics.through


def _topic_for(*, key: str, label: str) -> Topic:
    """The Topic row of a normalised key, created with a unique slug when new."""
    topic = Topic.objects.filter(normalized=key).first()
    if topic is not None:
        return topic
    base = slugify(fold(label))[:200] or "topic"
    slug, n = base, 1
    while Topic.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Topic.objects.create(label=label[:200], slug=slug, normalized=key[:200])


def _quote_candidates(
    quote: Quote, article_topics: list[TopicCandidate], candidates: list[TopicCandidate]
) -> list[TopicCandidate]:
    """Article topics the quote mentions, then named places, organisations and events in it."""
    chosen = [c for c in article_topics if c.occurs_within(quote.start, quote.end)]
    entities = [c for c in candidates if c.kind != "keyphrase" and c not in chosen]
    chosen += [c for c in entities if c.occurs_within(quote.start, quote.end)]
    return chosen[:QUOTE_TOPICS]


def _topics_for(candidates: list[TopicCandidate]) -> dict[str, Topic]:
    """The Topic rows of these candidates' keys, the missing ones created in one statement."""
    labels = {c.key[:200]: c.label for c in candidates}
    found = {t.normalized: t for t in Topic.objects.filter(normalized__in=list(labels))}
    missing = [key for key in labels if key not in found]
    if missing:
        bases = {key: slugify(fold(labels[key]))[:200] or "topic" for key in missing}
        taken: set[str] = set()
        fresh = []
        # In key order, so two ingests creating the same topics never wait on each other.
        for key in sorted(missing):
            if bases[key] in taken:
                continue  # a numbered slug: rare, left to the one-by-one path below
            taken.add(bases[key])
            fresh.append(Topic(label=labels[key][:200], slug=bases[key], normalized=key))
        # A row whose slug another topic has, or that a concurrent ingest created meanwhile, is
        # skipped: the latter is read back below, the former takes a numbered slug one by one.
        Topic.objects.bulk_create(fresh, ignore_conflicts=True)
        found |= {t.normalized: t for t in Topic.objects.filter(normalized__in=missing)}
    for key, label in labels.items():
        if key not in found:
            found[key] = _topic_for(key=key, label=label)
    return {c.key: found[c.key[:200]] for c in candidates}


@transaction.atomic
def article_topics_assign(*, article: Article, doc: Doc | None = None) -> list[Topic]:
    """Extract an article's topics, link them to it and to the machine quotes that mention them.

    doc is the engine's parse of the body, when the caller has it, so it is not parsed again.

    Quotes an editor has touched keep the topics they have, and so does a quote whose topics
    an editor added or removed: its topics are the editor's from then on, while its speaker,
    kind and span stay unreviewed machine output in the review queue.
    """
    quotes = list(article.quotes.all())
    found = article_topics_find(article=article, quotes=quotes, new_quotes=[], doc=doc)
    assigned = topics_link([found])
    quotes_changed(topic_ids=assigned.changed_topic_ids, speaker_ids=assigned.changed_speaker_ids)
    return assigned.topics


@dataclass(frozen=True)
class FoundTopics:
    """An article's topics and those of its machine quotes, extracted and not linked yet."""

    article_id: int
    article_topics: list[TopicCandidate]
    # The machine quotes whose topics the machine sets, each with the topics it mentions.
    quote_topics: dict[int, list[TopicCandidate]]
    # Those of them just created, which have no links yet.
    new_quote_ids: frozenset[int]
    # Each of the article's quotes' speaker, recounted when the quote's links change.
    speaker_ids: dict[int, int | None]


@dataclass(frozen=True)
class AssignedTopics:
    """The topics linked, and the topics and speakers whose quote links changed.

    Both are recounted: a speaker's stored counts include its quotes per topic.
    """

    topics: list[Topic]
    changed_topic_ids: set[int]
    changed_speaker_ids: set[int]


def article_topics_find(
    *, article: Article, quotes: list[Quote], new_quotes: list[Quote], doc: Doc | None
) -> FoundTopics:
    """The topics of an article and of its machine quotes, for topics_link to write.

    quotes are the article's quotes as they are now, new_quotes those of them just created,
    which have no topics yet and no history of an editor's topic changes.
    """
    # Imported here: spaCy is slow to import, and the views and migrate never need it.
    from quotes.attribution import get_nlp
    from quotes.topics.extract import extract_topics

    nlp = get_nlp(article.language)
    candidates = extract_topics(article.body, article.language, nlp=nlp, limit=None, doc=doc)
    article_topics = candidates[:ARTICLE_TOPICS]
    machine_quotes = [quote for quote in quotes if not quote.is_human_work]
    new_ids = frozenset(quote.pk for quote in new_quotes)
    if any(quote.pk not in new_ids for quote in machine_quotes):
        edited_topics = set(
            Quote.history.filter(article_id=article.pk, history_user__isnull=False)
            .filter(
                Q(history_change_reason__startswith=prefix(TOPIC_ADDED))
                | Q(history_change_reason__startswith=prefix(TOPIC_REMOVED))
            )
            .values_list("id", flat=True)
        )
        machine_quotes = [quote for quote in machine_quotes if quote.pk not in edited_topics]
    return FoundTopics(
        article_id=article.pk,
        article_topics=article_topics,
        quote_topics={
            quote.pk: _quote_candidates(quote, article_topics, candidates)
            for quote in machine_quotes
        },
        new_quote_ids=new_ids,
        speaker_ids={quote.pk: quote.speaker_id for quote in quotes},
    )


def topics_link(found: list[FoundTopics]) -> AssignedTopics:
    """Link the articles and their machine quotes to the topics found, in a few statements
    for all of them: topics created when new, links no longer found removed."""
    named = {
        c.key: c
        for f in found
        for c in [*f.article_topics, *(c for cs in f.quote_topics.values() for c in cs)]
    }
    topics = _topics_for(list(named.values()))
    _links_set(
        _ArticleTopic,
        "article_id",
        owners=[f.article_id for f in found],
        wanted={(f.article_id, topics[c.key].pk) for f in found for c in f.article_topics},
    )
    # Topics losing a link are counted again too, so the links are read before they change.
    added, removed = _links_set(
        _QuoteTopic,
        "quote_id",
        owners=[pk for f in found for pk in f.quote_topics if pk not in f.new_quote_ids],
        wanted={
            (pk, topics[c.key].pk)
            for f in found
            for pk, candidates in f.quote_topics.items()
            for c in candidates
        },
    )
    relinked = {quote_id for quote_id, _ in [*added, *removed]}
    speakers = {pk: speaker for f in found for pk, speaker in f.speaker_ids.items()}
    return AssignedTopics(
        topics=list(dict.fromkeys(topics.values())),
        changed_topic_ids={topic_id for _, topic_id in [*added, *removed]},
        changed_speaker_ids={speakers[pk] for pk in relinked if speakers.get(pk)},
    )


def _links_set(
    through: type, owner: str, *, owners: list[int], wanted: set[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Make the owners' topic links those wanted (pairs of owner and topic id): the links
    added and removed. Pairs wanted for an owner not in owners are only added."""
    linked = {}
    if owners:
        linked = {
            (owner_id, topic_id): link_id
            for link_id, owner_id, topic_id in through.objects.filter(
                **{f"{owner}__in": owners}
            ).values_list("id", owner, "topic_id")
        }
    removed = {pair: link_id for pair, link_id in linked.items() if pair not in wanted}
    if removed:
        through.objects.filter(id__in=list(removed.values())).delete()
    added = sorted(wanted - linked.keys())
    if added:
        through.objects.bulk_create(
            [through(**{owner: owner_id, "topic_id": t}) for owner_id, t in added],
            # A concurrent run on the same article may have linked them already.
            ignore_conflicts=True,
        )
    return added, sorted(removed)


def _record(quote: Quote, user: AbstractBaseUser, reason: str) -> None:
    """A history row for the change, by this user, with a readable reason."""
    quote._history_user = user
    quote._change_reason = reason
    quote.save(update_fields=["updated_at"])


def typed_topic_keys(label: str) -> list[str]:
    """Keys a typed label may have, most likely first, without loading a language model.

    They approximate extract.phrase_key: folded, leading articles dropped, plurals made
    singular except in names (capitalised words, kept as typed as spaCy keeps names).
    """
    words = [w for w in _WORD.split(label) if w]
    while words and fold(words[0]) in _LEADING:
        words.pop(0)
    if not words:
        return []
    plain = [fold(w) for w in words]
    singular = [singular_word(f) if f not in _LEADING else f for f in plain]
    # A capital starting a label of several words is sentence case unless the next word has
    # one too ("Budgets de défense" vs "Nations unies" vs "Etats-Unis").
    names = [w[:1].isupper() for w in words]
    if len(words) > 1 and not names[1]:
        names[0] = False
    guessed = [f if name else s for name, f, s in zip(names, plain, singular, strict=True)]
    while len(guessed) > 1 and len(guessed[-1]) <= 2 and not guessed[-1].isdigit():
        guessed.pop()
    keys = [" ".join(guessed), " ".join(singular), " ".join(plain)]
    return list(dict.fromkeys(key for key in keys if key))


@transaction.atomic
def quote_topic_add(
    *, quote: Quote, label: str, expected_version: int, user: AbstractBaseUser
) -> Topic:
    """Attach a topic (created when new) to a quote, on an editor's behalf.

    Called from a web request, so the key is guessed without spaCy: an existing topic under
    any of the label's likely keys is reused (so "Sanctions" finds "sanction"). Refused with
    StaleVersion when the quote changed since the editor saw it; its version stays as it is.
    """
    label = " ".join(label.split())
    keys = typed_topic_keys(label) if normalize_name(label) else []
    if not keys:
        raise ValueError("A topic needs at least one letter or digit.")
    version_check(quote, expected_version)
    existing = {t.normalized: t for t in Topic.objects.filter(normalized__in=keys)}
    found = next((existing[key] for key in keys if key in existing), None)
    topic = found or _topic_for(key=keys[0], label=label)
    quote.topics.add(topic)
    quotes_changed(topic_ids=[topic.pk], speaker_ids=[quote.speaker_id])
    _record(quote, user, fill(TOPIC_ADDED, topic=topic.label))
    return topic


@transaction.atomic
def quote_topic_remove(
    *, quote: Quote, topic: Topic, expected_version: int, user: AbstractBaseUser
) -> None:
    """Detach a topic from a quote, on an editor's behalf, if the quote is as they saw it.

    A topic the quote does not have is left alone: nothing changed, so nothing is recorded.
    """
    version_check(quote, expected_version)
    if not quote.topics.filter(pk=topic.pk).exists():
        return
    quote.topics.remove(topic)
    quotes_changed(topic_ids=[topic.pk], speaker_ids=[quote.speaker_id])
    _record(quote, user, fill(TOPIC_REMOVED, topic=topic.label))
