"""Speakers' gender: inferred from the clues of their articles, or set by an editor (audited)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Case, Value, When

from quotes.attribution.gender import WEIGHTS, GenderClue, decide, gender_clues
from quotes.models import PUBLIC_QUOTES, Article, Quote, Speaker
from quotes.reasons import GENDER_INFERRED, GENDER_SET, fill
from quotes.services.editing import EditingError, User, _claim_version, _save_with_history
from quotes.services.insights import insight_counts_refresh

# Enough to decide and to show; a speaker quoted in thousands of articles keeps a small row.
EVIDENCE_ARTICLES = 40
CLUES_PER_ARTICLE = 8


def _clue_dicts(article_id: int, clues: Iterable[GenderClue]) -> list[dict[str, Any]]:
    return [
        {"article": article_id, "gender": c.gender, "kind": c.kind, "text": c.text}
        for c in list(clues)[:CLUES_PER_ARTICLE]
    ]


def stored_clues(speaker: Speaker) -> list[GenderClue]:
    """The speaker's stored evidence as clues."""
    return [
        GenderClue(item["gender"], item["kind"], item["text"])
        for item in speaker.gender_evidence
        if isinstance(item, dict) and item.get("kind") in WEIGHTS
    ]


def _store(evidence: dict[int, tuple[Speaker, list[dict[str, Any]]]]) -> list[int]:
    """Write changed evidence, and the gender it decides unless an editor has chosen one.

    A few statements whatever the number of speakers; a speaker whose evidence and gender
    stay as they are is not written. Returns the speakers whose gender changed.
    """
    changed = []
    genders: dict[int, str] = {}
    for speaker, items in evidence.values():
        if items != speaker.gender_evidence:
            speaker.gender_evidence = items
            changed.append(speaker)
        if speaker.gender_source == Speaker.GenderSource.EDITOR:
            continue
        gender = decide(stored_clues(speaker), kind=speaker.kind, name=speaker.name)
        if gender != speaker.gender:
            genders[speaker.pk] = gender
    if changed:
        Speaker.objects.bulk_update(changed, ["gender_evidence"])
    if genders:
        # Conditional, so an editor's choice saved meanwhile is never overwritten.
        Speaker.objects.filter(
            pk__in=list(genders), gender_source=Speaker.GenderSource.INFERRED
        ).update(gender=Case(*(When(pk=pk, then=Value(g)) for pk, g in genders.items())))
        for speaker, _ in evidence.values():
            speaker.gender = genders.get(speaker.pk, speaker.gender)
    return list(genders)


@transaction.atomic(savepoint=False)
def article_speakers_gender(*, article: Article) -> list[int]:
    """Read what the article says about each of its speakers and decide their gender again.

    Returns the speakers whose gender changed: the caller names them to quotes_changed, which
    recounts /insights/.

    Each speaker keeps the clues of at most EVIDENCE_ARTICLES articles; this article's
    replace those it gave before, and clues of articles where the speaker is no longer
    quoted are dropped.
    """
    return articles_speakers_gender_read(articles=[article])


@transaction.atomic(savepoint=False)
def articles_speakers_gender_read(*, articles: Sequence[Article]) -> list[int]:
    """article_speakers_gender for several articles at once, in the statements of one.

    The articles' clues are taken in the order given, as if read one after the other.
    """
    if not articles:
        return []
    bodies = {article.pk: article.body for article in articles}
    quotes = list(
        Quote.objects.filter(PUBLIC_QUOTES, article_id__in=list(bodies))
        .exclude(speaker=None)
        .only("article_id", "speaker_id", "speaker_mention", "speaker_start", "speaker_end")
        .order_by("start")
    )
    # Locked in id order (as the counts are) and read afresh, so two articles of one speaker
    # written at once cannot lose each other's clues.
    speakers = {
        speaker.pk: speaker
        for speaker in Speaker.objects.filter(pk__in={q.speaker_id for q in quotes})
        .select_for_update(no_key=True)
        .order_by("pk")
        .prefetch_related("aliases")
    }
    quoted: dict[int, set[int]] = {pk: set() for pk in bodies}
    mentions: dict[tuple[int, int], list[tuple[int | None, int | None, str]]] = {}
    for quote in quotes:
        quoted[quote.article_id].add(quote.speaker_id)
        if quote.speaker_mention:
            mentions.setdefault((quote.article_id, quote.speaker_id), []).append(
                (quote.speaker_start, quote.speaker_end, quote.speaker_mention)
            )
    found: dict[int, dict[int, list[GenderClue]]] = {pk: {} for pk in speakers}
    for article_id, body in bodies.items():
        here = [speakers[pk] for pk in sorted(quoted[article_id])]
        for speaker in here:
            names = [
                speaker.name,
                *(a.name for a in speaker.aliases.all() if a.name != speaker.name),
            ]
            found[speaker.pk][article_id] = gender_clues(
                body,
                names=names,
                mentions=mentions.get((article_id, speaker.pk), []),
                description=speaker.description,
                other_names=[s.name for s in here if s.pk != speaker.pk],
            )
    return _store(_merged(list(speakers.values()), found))


def articles_speakers_gender() -> int:
    """Read the clues of every attributed article again, one transaction each; how many."""
    count = 0
    done = Article.objects.filter(status=Article.Status.DONE).order_by("pk")
    for article in done.only("pk", "body").iterator(chunk_size=200):
        with transaction.atomic():
            insight_counts_refresh(speaker_ids=article_speakers_gender(article=article))
        count += 1
    return count


def _merged(
    speakers: list[Speaker], found: dict[int, dict[int, list[GenderClue]]]
) -> dict[int, tuple[Speaker, list[dict[str, Any]]]]:
    """Each speaker's evidence with the clues found (per article) in place of those before.

    Clues of articles where the speaker is no longer quoted are dropped, read in one query.
    """
    kept = {
        speaker.pk: [
            c for c in speaker.gender_evidence if c.get("article") not in found[speaker.pk]
        ]
        for speaker in speakers
    }
    articles = {c.get("article") for items in kept.values() for c in items}
    still_quoted = set(
        Quote.objects.filter(PUBLIC_QUOTES, speaker_id__in=list(kept), article_id__in=articles)
        .values_list("speaker_id", "article_id")
        .distinct()
    )
    evidence = {}
    for speaker in speakers:
        items = [c for c in kept[speaker.pk] if (speaker.pk, c.get("article")) in still_quoted]
        for article_id, clues in found[speaker.pk].items():
            if len({c["article"] for c in items}) < EVIDENCE_ARTICLES:
                items += _clue_dicts(article_id, clues)
        evidence[speaker.pk] = (speaker, items)
    return evidence


@transaction.atomic(savepoint=False)
def speaker_absorb_evidence(*, source: Speaker, target: Speaker) -> list[dict]:
    """A merge: the target keeps the clues of both, and decides its gender on them all.

    The target's own clues come first; those of the source fill up to EVIDENCE_ARTICLES
    articles. An editor's gender stays. Runs before quotes_changed, which recounts /insights/.
    Returns the clues the target took, which an undo gives back.
    """
    items = list(target.gender_evidence)
    articles = {c.get("article") for c in items}
    taken = []
    for clue in source.gender_evidence:
        article = clue.get("article")
        if article not in articles and len(articles) >= EVIDENCE_ARTICLES:
            continue
        articles.add(article)
        if clue not in items:
            items.append(clue)
            taken.append(clue)
    _decide_on(target, items)
    return taken


@transaction.atomic(savepoint=False)
def speaker_release_evidence(*, target: Speaker, clues: list[dict]) -> None:
    """A merge undone: the target gives back the clues it took, and decides again without them.

    Runs once the quotes have moved back, before quotes_changed recounts /insights/. Besides the
    clues the merge recorded, the target drops those of articles it is no longer quoted in (a
    merge recorded before the clues were, clues read again from a moved quote's article); the
    clues of its own articles stay.
    """
    articles = {clue.get("article") for clue in target.gender_evidence}
    quoted_in = set(
        Quote.objects.filter(PUBLIC_QUOTES, speaker=target, article_id__in=articles)
        .values_list("article_id", flat=True)
        .distinct()
    )
    kept = [
        clue
        for clue in target.gender_evidence
        if clue not in clues and clue.get("article") in quoted_in
    ]
    _decide_on(target, kept)


def _decide_on(speaker: Speaker, clues: list[dict]) -> None:
    """Store these clues as the speaker's and, unless an editor set it, the gender they give."""
    speaker.gender_evidence = clues
    if speaker.gender_source != Speaker.GenderSource.EDITOR:
        speaker.gender = decide(stored_clues(speaker), kind=speaker.kind, name=speaker.name)
    Speaker.objects.filter(pk=speaker.pk).update(
        gender_evidence=speaker.gender_evidence, gender=speaker.gender
    )


def _gender_label(gender: str) -> str:
    """A gender's label for the history, "—" when none is set."""
    return Speaker.Gender(gender).label if gender in Speaker.Gender.values else "—"


@transaction.atomic
def speaker_set_gender(
    *, speaker: Speaker, gender: str, expected_version: int, user: User
) -> Speaker:
    """An editor's gender for the speaker, kept over any inference; "" lets the clues decide.

    A new version with a history record, like every other speaker edit.
    """
    if gender and gender not in Speaker.Gender.values:
        raise EditingError(f"Unknown gender {gender!r}.")
    before_gender = speaker.gender
    _claim_version(speaker, expected_version)
    if gender:
        speaker.gender, speaker.gender_source = gender, Speaker.GenderSource.EDITOR
        template = GENDER_SET
    else:
        speaker.gender_source = Speaker.GenderSource.INFERRED
        speaker.gender = decide(stored_clues(speaker), kind=speaker.kind, name=speaker.name)
        template = GENDER_INFERRED
    reason = fill(
        template, gender_label=_gender_label(speaker.gender), was_label=_gender_label(before_gender)
    )
    _save_with_history(speaker, user=user, reason=reason)
    if speaker.gender != before_gender:
        insight_counts_refresh(speaker_ids=[speaker.pk])
    return speaker
