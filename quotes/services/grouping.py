"""One quote across articles: grouping the same speaker's same words, give or take a cut.

Two quotes are the same when their speaker is the same (aliases and merges are already resolved
on the quote) and their words are, once folded: case, accents, punctuation, quotation marks and
translation marks ("(traduction)", "[sic]") do not count, and an ellipsis cuts the text into
pieces. A quote of at least LONG_WORDS words matches another when nearly all the word pairs of
the shorter one occur in the longer one (a cut, a dropped clause, a word changed). A shorter
quote matches only the very same words: a common phrase must not chain unrelated long quotes.

Two paths share that test. quotes_regroup() runs after quotes change and looks up candidates
of each changed quote among its speaker's quotes holding one of its rarer words: on PostgreSQL
through the trigram index of migration 0011, on SQLite by LIKE. groups_rebuild() regroups
everything: MinHash LSH (datasketch) proposes candidate pairs within each speaker's quotes, the
same test confirms them, and the connected components become the groups.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, groupby, pairwise

from datasketch import MinHash, MinHashLSH
from django.db import connection, transaction
from django.db.models import Case, Count, QuerySet, Value, When

from quotes.models import PUBLIC_QUOTES, Quote, QuoteGroup
from quotes.text import fold

# Shorter quotes are grouped only when their folded words are identical.
LONG_WORDS = 8
# Shorter quotes are not grouped at all: "merci" or "c'est faux" say nothing about a source.
MIN_WORDS = 3
# Share of the shorter quote's word pairs that must occur in the longer one.
CONTAINMENT = 0.7
# Speakers with more long quotes than this are compared through MinHash LSH, not pair by pair.
PAIRWISE_MAX = 48
MINHASH_PERMUTATIONS = 64
# Below the containment threshold: a half cut of a quote has a Jaccard index of about 0.5.
LSH_THRESHOLD = 0.35
WRITE_BATCH = 2000

_TRANSLATION_MARK = re.compile(
    r"[(\[]\s*(?:trad\w*|translat\w*|sic|nous traduisons|our translation)[^)\]]{0,40}[)\]]"
)
_CUT = re.compile(r"\[\s*(?:\.\.\.|…)\s*\]|\(\s*(?:\.\.\.|…)\s*\)|\.\.\.+|…")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Words:
    """A quote's folded words: the exact key of a short quote, the word pairs of a long one."""

    count: int
    key: str
    pairs: frozenset[str]

    @property
    def is_long(self) -> bool:
        return self.count >= LONG_WORDS


def quote_words(text: str) -> Words:
    """Fold the text, drop translation marks and punctuation, and pair words within each piece."""
    folded = _TRANSLATION_MARK.sub(" ", fold(text))
    pieces = [_WORD.findall(piece.replace("'", " ")) for piece in _CUT.split(folded)]
    words = [word for piece in pieces for word in piece]
    pairs = frozenset(f"{a} {b}" for piece in pieces for a, b in pairwise(piece))
    return Words(count=len(words), key=" ".join(words), pairs=pairs)


def is_groupable(words: Words) -> bool:
    return words.count >= MIN_WORDS


def same_words(a: Words, b: Words) -> bool:
    """True when two quotes of one speaker say the same thing, allowing small differences."""
    if not (is_groupable(a) and is_groupable(b)):
        return False
    if not (a.is_long and b.is_long):
        return a.key == b.key
    shorter, longer = (a, b) if len(a.pairs) <= len(b.pairs) else (b, a)
    if not shorter.pairs:
        return False
    return len(shorter.pairs & longer.pairs) >= CONTAINMENT * len(shorter.pairs)


def _pair_hash(pair: str) -> int:
    return zlib.crc32(pair.encode())


class _Components:
    """Union-find over the indexes of one speaker's quotes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[int]]:
        members: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            members.setdefault(self.find(item), []).append(item)
        return [items for items in members.values() if len(items) > 1]


def _candidate_pairs(long_words: list[Words], permutations) -> Iterator[tuple[int, int]]:
    """Index pairs worth testing: all of them for a few quotes, LSH buckets for many."""
    if len(long_words) <= PAIRWISE_MAX:
        yield from combinations(range(len(long_words)), 2)
        return
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=MINHASH_PERMUTATIONS)
    # Each quote is looked up before it goes in, so no signature is kept once indexed.
    for index, words in enumerate(long_words):
        signature = MinHash(
            num_perm=MINHASH_PERMUTATIONS,
            permutations=permutations,
            scheme="affine32",
            hashfunc=_pair_hash,
        )
        signature.update_batch(words.pairs)
        for other in lsh.query(signature):
            yield other, index
        lsh.insert(index, signature, check_duplication=False)


def _speaker_groups(quotes: list[tuple[int, str]], permutations) -> list[list[int]]:
    """Groups (quote ids) among one speaker's quotes."""
    words = [quote_words(text) for _, text in quotes]
    groups: list[list[int]] = []
    by_key: dict[str, list[int]] = {}
    long_indexes = []
    for index, item in enumerate(words):
        if not is_groupable(item):
            continue
        if item.is_long:
            long_indexes.append(index)
        else:
            by_key.setdefault(item.key, []).append(quotes[index][0])
    groups += [ids for ids in by_key.values() if len(ids) > 1]
    long_words = [words[index] for index in long_indexes]
    components = _Components(len(long_words))
    for a, b in _candidate_pairs(long_words, permutations):
        if same_words(long_words[a], long_words[b]):
            components.union(a, b)
    groups += [
        [quotes[long_indexes[item]][0] for item in component] for component in components.groups()
    ]
    return groups


def find_groups(rows: Iterable[tuple[int, int, str]]) -> Iterator[list[int]]:
    """Groups of quote ids from (id, speaker id, text) rows sorted by speaker.

    Memory holds one speaker's quotes at a time; no group spans two speakers.
    """
    permutations = MinHash(num_perm=MINHASH_PERMUTATIONS).permutations
    for _, speaker_rows in groupby(rows, key=lambda row: row[1]):
        quotes = [(pk, text) for pk, _, text in speaker_rows]
        if len(quotes) > 1:
            yield from _speaker_groups(quotes, permutations)


def _groupable_quotes() -> QuerySet[Quote]:
    return Quote.objects.filter(PUBLIC_QUOTES, speaker__isnull=False)


@dataclass(frozen=True)
class RegroupOutcome:
    """What a full regroup found."""

    quotes: int
    groups: int
    grouped_quotes: int


@transaction.atomic
def groups_rebuild(*, progress: Callable[[int], None] | None = None) -> RegroupOutcome:
    """Regroup every public quote from scratch (after a bulk load, or to split stale groups)."""
    Quote.objects.filter(group__isnull=False).update(group=None)
    QuoteGroup.objects.all().delete()
    rows = _groupable_quotes().order_by("speaker_id", "id").values_list("id", "speaker_id", "text")
    seen = groups = grouped = 0

    def counted(source: Iterable[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
        nonlocal seen
        for row in source:
            seen += 1
            if progress is not None and seen % 10_000 == 0:
                progress(seen)
            yield row

    pending: list[list[int]] = []
    for members in find_groups(counted(rows.iterator(chunk_size=WRITE_BATCH))):
        pending.append(members)
        if sum(len(ids) for ids in pending) >= WRITE_BATCH:
            _write_groups(pending)
            groups, grouped = groups + len(pending), grouped + sum(len(ids) for ids in pending)
            pending = []
    _write_groups(pending)
    groups, grouped = groups + len(pending), grouped + sum(len(ids) for ids in pending)
    return RegroupOutcome(quotes=seen, groups=groups, grouped_quotes=grouped)


def _write_groups(member_lists: list[list[int]]) -> None:
    if not member_lists:
        return
    created = QuoteGroup.objects.bulk_create([QuoteGroup() for _ in member_lists])
    updates = [
        Quote(pk=pk, group_id=group.pk)
        for group, members in zip(created, member_lists, strict=True)
        for pk in members
    ]
    Quote.objects.bulk_update(updates, ["group"], batch_size=500)


# A changed quote's candidates are the speaker's quotes holding one of its probe words: the
# longest plain-letter word of each run of PROBE_RUN words (at most PROBES runs), so a copy cut
# down to PROBE_RUN * 2 - 1 words or more still holds one. PostgreSQL finds them through the
# trigram index of the folded text, SQLite by LIKE over the speaker's quotes.
PROBE_RUN = 4
PROBES = 8
PROBE_MIN_LETTERS = 4
_PLAIN_WORD = re.compile(r"[a-z]+")
_PROBE_SQL = "quotes_unaccent(lower(text)) LIKE %s"
PROBES_PER_QUERY = 200
_REJECTED = Quote.Review.REJECTED.value


def probe_words(text: str) -> list[str]:
    """Words the same quote's copies should hold, written with plain letters in the text itself.

    A word with an accent is left out: a copy may drop the accent, and SQLite's LIKE compares
    accented letters exactly.
    """
    words = _WORD.findall(_TRANSLATION_MARK.sub(" ", text.lower().replace("'", " ")))
    size = max(PROBE_RUN, -(-len(words) // PROBES))
    probes = []
    for start in range(0, len(words), size):
        plain = [
            word
            for word in words[start : start + size]
            if len(word) >= PROBE_MIN_LETTERS and _PLAIN_WORD.fullmatch(word)
        ]
        if plain:
            probes.append(max(plain, key=len))
    return sorted(set(probes))


def _candidate_rows(changed: list[tuple[Quote, Words]]) -> list[tuple[int, int, str, int | None]]:
    """(id, speaker, text, group) of the quotes that may match the changed ones, by id.

    The changed quotes themselves are among them, so two new copies find each other. One query
    per PROBES_PER_QUERY probe words (a batch of articles has hundreds): SQLite refuses an
    expression nested a thousand deep, and a long OR is one. Plain SQL, as Django took longer
    to compile the ORs than the database to run them.
    """
    speakers = sorted({quote.speaker_id for quote, _ in changed})
    probes = sorted({word for quote, _ in changed for word in probe_words(quote.text)})
    # Quotes without a probe word are compared with every quote of their speaker.
    unprobed = sorted({quote.speaker_id for quote, _ in changed if not probe_words(quote.text)})
    probe = _PROBE_SQL if connection.vendor == "postgresql" else "text LIKE %s"
    chunks = [probes[i : i + PROBES_PER_QUERY] for i in range(0, len(probes), PROBES_PER_QUERY)]
    rows: dict[int, tuple[int, int, str, int | None]] = {}
    with connection.cursor() as cursor:
        for number, chunk in enumerate(chunks or [[]]):
            conditions = [probe] * len(chunk)
            params: list = [f"%{word}%" for word in chunk]
            if unprobed and number == 0:
                conditions.append(f"speaker_id IN ({', '.join(['%s'] * len(unprobed))})")
                params += unprobed
            if not conditions:
                continue
            cursor.execute(
                "SELECT id, speaker_id, text, group_id FROM quotes_quote WHERE review_status <> %s"
                f" AND speaker_id IN ({', '.join(['%s'] * len(speakers))})"
                f" AND ({' OR '.join(conditions)})",
                [_REJECTED, *speakers, *params],
            )
            rows.update((row[0], row) for row in cursor.fetchall())
    return [rows[pk] for pk in sorted(rows)]


@transaction.atomic(savepoint=False)
def quotes_regroup(*, quote_ids: Iterable[int]) -> None:
    """Regroup quotes that were written, edited or rejected: each joins its matches' group.

    Groups that a changed quote links are merged; a quote that no longer matches leaves its
    group, and a group left with one quote goes. A group that a change would split in two
    stays whole until group_quotes runs. A fixed number of statements for one article's quotes
    (a batch's may take more: see _candidate_rows).
    """
    ids = sorted(set(quote_ids))
    if not ids:
        return
    quotes = list(Quote.objects.filter(pk__in=ids).order_by("pk").select_for_update(of=("self",)))
    left = {quote.group_id for quote in quotes if quote.group_id is not None}
    Quote.objects.filter(pk__in=ids, group__isnull=False).update(group=None)
    changed = [
        (quote, words)
        for quote in quotes
        if quote.speaker_id is not None
        and quote.review_status != Quote.Review.REJECTED
        and is_groupable(words := quote_words(quote.text))
    ]
    if changed:
        left -= _link(changed, _candidate_rows(changed))
    _dissolve_singletons(left)


def _link(
    changed: list[tuple[Quote, Words]], rows: list[tuple[int, int, str, int | None]]
) -> set[int]:
    """Group the changed quotes with the candidates they match; the ids of the groups used.

    Candidates already in one group stay together, and groups that a changed quote links are
    merged into the oldest of them.
    """
    changed_ids = {quote.pk for quote, _ in changed}
    position_of = {row[0]: position for position, row in enumerate(rows)}
    row_words = [quote_words(text) for _, _, text, _ in rows]
    components = _Components(len(rows))
    group_start: dict[int, int] = {}
    for position, (_, _, _, group_id) in enumerate(rows):
        if group_id is not None:
            components.union(group_start.setdefault(group_id, position), position)
    for quote, words in changed:
        if quote.pk not in position_of:
            continue
        for position, (pk, speaker_id, _, _) in enumerate(rows):
            if (
                pk != quote.pk
                and speaker_id == quote.speaker_id
                and same_words(words, row_words[position])
            ):
                components.union(position_of[quote.pk], position)
    new_groups: list[list[int]] = []
    moves: dict[int, int] = {}
    joins: dict[int, int] = {}
    for component in components.groups():
        if not changed_ids.intersection(rows[position][0] for position in component):
            continue
        existing = sorted({rows[p][3] for p in component if rows[p][3] is not None})
        loose = [rows[p][0] for p in component if rows[p][3] is None]
        if not existing:
            new_groups.append(loose)
            continue
        joins.update(dict.fromkeys(loose, existing[0]))
        moves.update(dict.fromkeys(existing[1:], existing[0]))
    created = QuoteGroup.objects.bulk_create([QuoteGroup() for _ in new_groups])
    for group, loose in zip(created, new_groups, strict=True):
        joins.update(dict.fromkeys(loose, group.pk))
    if moves:
        Quote.objects.filter(group_id__in=moves).update(
            group_id=Case(*(When(group_id=old, then=Value(new)) for old, new in moves.items()))
        )
        QuoteGroup.objects.filter(pk__in=moves).delete()
    if joins:
        Quote.objects.filter(pk__in=joins).update(
            group_id=Case(*(When(pk=pk, then=Value(group)) for pk, group in joins.items()))
        )
    return set(joins.values())


def _dissolve_singletons(group_ids: set[int]) -> None:
    """Delete the groups, among these, that kept fewer than two quotes."""
    if not group_ids:
        return
    sizes = dict(
        Quote.objects.filter(group_id__in=group_ids)
        .values("group_id")
        .annotate(n=Count("id"))
        .values_list("group_id", "n")
    )
    alone = [pk for pk in group_ids if sizes.get(pk, 0) < 2]
    if alone:
        QuoteGroup.objects.filter(pk__in=alone).delete()
