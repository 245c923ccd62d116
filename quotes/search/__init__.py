"""Quote search: one interface, a PostgreSQL and a SQLite backend picked by database vendor.

The index is the quotes_search table (see migration 0003): one row per quote holding the columns
that filters and facets need, plus the full-text document. index_quotes() rewrites rows from the
source tables, so every writer calls it after changing quotes, speakers or articles.

Where the backends differ: PostgreSQL stems with its french/english Snowball dictionaries and
leaves stop words inside a phrase unmarked in snippets; SQLite stems with the same Snowball
algorithms (PyStemmer) and marks every word of a phrase. PostgreSQL ranks with ts_rank, SQLite
with bm25. PostgreSQL estimates counts from a sample beyond EXACT_MATCHES; SQLite always counts.
Name suggestions use trigrams on PostgreSQL and four-letter prefixes on SQLite.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString

from quotes.models import Article, Language, Quote, Speaker, Topic
from quotes.search.query import highlight, parse, render_marked
from quotes.selectors.pagination import Page

PAGE_SIZE = 20
EXPORT_CHUNK = 2000
FACET_SIZE = 10
# Speakers and topics are many: more of them are listed, with a box to filter them by name.
SEARCHABLE_FACET_SIZE = 50
SEARCHABLE_FACETS = ("speaker", "topic")
SUGGESTIONS = 5
# Beyond this many matches (the planner's estimate), counting every match and ranking it would
# read most of the index table: counts then come from a sample and hits come newest first.
EXACT_MATCHES = 8000
SAMPLE_MATCHES = 1500
MIN_SAMPLE_PERCENT = 0.5
MAX_SAMPLE_PERCENT = 5.0
# Facets that take several values at once (checkboxes): a quote matches any of them.
MULTI_FACETS = ("speaker", "speaker_kind", "kind", "language", "outlet", "topic", "review_status")
MAX_FACET_VALUES = 50
SORTS = ("relevance", "newest", "oldest")
_NOTHING = SafeString("")


@dataclass(frozen=True)
class SearchFilters:
    """Filters of a search, as they appear in the URL.

    Each facet holds the values chosen (any of them matches); a single value may be given as a
    plain string: SearchFilters(speaker="jane-doe").
    """

    speaker: tuple[str, ...] = ()
    speaker_kind: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    outlet: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    review_status: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    # Count a quote reported in several articles once (quotes.services.grouping).
    one_per_group: bool = False

    def __post_init__(self) -> None:
        for name in MULTI_FACETS:
            value = getattr(self, name)
            values = (value,) if isinstance(value, str) else tuple(value or ())
            object.__setattr__(self, name, tuple(v for v in values if v))

    @classmethod
    def from_querydict(cls, data: Mapping[str, str]) -> SearchFilters:
        """Filters from request parameters; unknown or malformed values are ignored."""
        choices = {
            "speaker_kind": Speaker.Kind.values,
            "kind": Quote.Kind.values,
            "language": Language.values,
            "review_status": Quote.Review.values,
        }
        values: dict[str, object] = {}
        for name in MULTI_FACETS:
            given = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
            wanted = [value.strip()[:200] for value in given]
            wanted = [v for v in wanted if v and (name not in choices or v in choices[name])]
            values[name] = tuple(dict.fromkeys(wanted))[:MAX_FACET_VALUES]
        for name in ("date_from", "date_to"):
            with contextlib.suppress(ValueError):
                values[name] = date.fromisoformat((data.get(name) or "").strip())
        values["one_per_group"] = data.get("one_per_group") == "1"
        return cls(**values)

    def active(self) -> dict[str, tuple[str, ...] | str]:
        """The filters that are set: facets as tuples of values, the others as URL values."""
        return {f.name: _parameter(value) for f in fields(self) if (value := getattr(self, f.name))}

    def params(self) -> list[tuple[str, str]]:
        """The filters that are set as URL parameters, one pair per value."""
        pairs = []
        for name, value in self.active().items():
            pairs += [(name, v) for v in value] if isinstance(value, tuple) else [(name, value)]
        return pairs

    def without(self, facet: str) -> SearchFilters:
        """The same filters with nothing chosen in one facet."""
        return replace(self, **{facet: ()})


def _parameter(value: tuple[str, ...] | date | bool) -> tuple[str, ...] | str:
    if isinstance(value, bool):
        return "1"
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, with how many matching quotes have it."""

    value: str
    label: str
    count: int
    selected: bool = False
    # True when the count was estimated from a sample.
    approximate: bool = False


@dataclass(frozen=True)
class SearchHit:
    """A matching quote with its highlighted snippet.

    matched_in says where the words were found: "quote" (its words), "speaker" (a name or
    alias of its speaker) or "title" (only the article's title, when titles are searched).
    """

    quote: Quote
    snippet: SafeString
    rank: float
    matched_in: str = "quote"
    speaker_name: SafeString = _NOTHING
    title: SafeString = _NOTHING


@dataclass
class SearchResults:
    """A page of hits (with the total, estimated when approximate), and the facet counts."""

    query: str
    filters: SearchFilters
    hits: Page[SearchHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Speakers with a similar name, offered when nothing matched.
    suggestions: list[Speaker] = field(default_factory=list)
    # The order asked for ("relevance", "newest", "oldest") and whether titles were searched.
    sort: str = "relevance"
    titles: bool = False

    @property
    def total(self) -> int:
        return self.hits.total or 0

    @property
    def approximate(self) -> bool:
        """Too many matches to count: the totals are estimates, the hits newest first."""
        return self.hits.approximate

    @property
    def by_relevance(self) -> bool:
        """True when the hits are in order of relevance (words given, few enough to rank)."""
        return self.sort == "relevance" and bool(self.query) and not self.approximate


def _backend():
    if connection.vendor == "postgresql":
        from quotes.search import postgres

        return postgres
    from quotes.search import sqlite

    return sqlite


def index_quotes(quote_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these quotes from the source tables."""
    ids = sorted(set(quote_ids))
    if ids:
        _backend().index_quotes(ids)


def index_article(article: Article) -> None:
    """Rewrite the index rows of every quote of an article."""
    index_quotes(article.quotes.values_list("id", flat=True))


def rebuild_index() -> None:
    """Rebuild the whole index from the source tables."""
    _backend().rebuild_index()


def search_quotes(
    query: str,
    filters: SearchFilters | None = None,
    page: int = 1,
    *,
    include_rejected: bool = False,
    page_size: int = PAGE_SIZE,
    sort: str = "relevance",
    titles: bool = False,
) -> SearchResults:
    """Quotes matching a web-search query and filters, with facet counts.

    The words are looked for in the quotes and their speakers' names and aliases, and in the
    articles' titles too with titles. The word at the very end of the query (no space after
    it) is the one being typed and matches as a prefix. Hits come best first ("relevance"),
    newest or oldest first. Rejected quotes are left out unless include_rejected (editors)
    and the review-status filter asks for them.
    """
    backend = _backend()
    filters = filters or SearchFilters()
    sort = sort if sort in SORTS else "relevance"
    query = query.lstrip()[:500]
    parsed = parse(query)
    query = query.strip()
    source = backend.match_sql(query, parsed, titles=titles) if parsed else None
    approximate = _rows_to_visit(backend, source, filters) > EXACT_MATCHES
    facets, total = _facets(backend, source, filters, include_rejected, sample=approximate)
    if approximate and not total:
        # The estimate was far too high: few enough matches to count them all.
        approximate = False
        facets, total = _facets(backend, source, filters, include_rejected, sample=False)
    num_pages = Page.last_number(total, page_size)
    page = min(max(1, page), num_pages)
    where, params = _filter_sql(backend, filters, include_rejected=include_rejected)
    order = sort
    if sort == "relevance" and (source is None or approximate):
        # Ranking every one of too many matches reads them all (0.3-0.6 s for a common word
        # at a million quotes): newest first walks the date index and stops after a page.
        order = "newest"
    ranked = _page(source, where, params, page=page, page_size=page_size, order=order)
    quotes = (
        Quote.objects.select_related("speaker", "article")
        .defer("article__body")
        .in_bulk([qid for qid, _ in ranked])
    )
    # The quote row is the truth: a rejection whose index refresh is still pending never shows.
    wants_rejected = include_rejected and Quote.Review.REJECTED in filters.review_status
    quotes = {
        pk: quote
        for pk, quote in quotes.items()
        if wants_rejected or quote.review_status != Quote.Review.REJECTED
    }
    snippets = backend.snippets(query, parsed, list(quotes)) if source else {}
    hits = [
        _hit(quotes[qid], snippets.get(qid), rank, parsed if source else None, titles=titles)
        for qid, rank in ranked
        if qid in quotes
    ]
    # Some hits may have been left out above, so whether a next page exists comes from the total.
    hit_page = Page(
        hits,
        size=page_size,
        number=page,
        has_next=page < num_pages,
        total=total,
        approximate=approximate,
    )
    results = SearchResults(query, filters, hit_page, facets, sort=sort, titles=titles)
    if query and not total:
        ids = backend.similar_speakers(query, SUGGESTIONS)
        found = Speaker.objects.in_bulk(ids)
        results.suggestions = [found[pk] for pk in ids if pk in found]
    return _mark_selected(results)


def _hit(
    quote: Quote, snippet: SafeString | None, rank: float, parsed, *, titles: bool
) -> SearchHit:
    """The hit with its words, speaker name and title highlighted, and where it matched."""
    speaker = quote.speaker.name if quote.speaker else ""
    if parsed is None:
        return SearchHit(quote, render_marked(quote.text), rank, "quote", escape(speaker))
    snippet = snippet or render_marked(quote.text)
    speaker_name = highlight(speaker, parsed, trim=False)
    title = highlight(quote.article.title, parsed, trim=False) if titles else _NOTHING
    if "<mark>" in snippet:
        matched_in = "quote"
    elif "<mark>" in title and "<mark>" not in speaker_name:
        matched_in = "title"
    else:
        # The name, an alias or the speaker as written in the article.
        matched_in = "speaker"
    return SearchHit(quote, snippet, rank, matched_in, speaker_name, title)


# A topic with more public quotes than this is read by walking the date index and checking
# each quote's links; a smaller one by reading its links, then its quotes, then sorting them.
WALK_TOPIC_QUOTES = 5000


@dataclass(frozen=True)
class _Newest:
    """A query and filters as SQL for reading matches newest first."""

    source: object
    where: list[str]
    params: list


def _newest_plan(query: str, filters: SearchFilters, *, titles: bool = False) -> _Newest | None:
    """The SQL of a newest-first read; None when no speaker or topic slug names anything.

    Speakers and topics are looked up first so that the planner sees their ids: through
    slugs it can only guess an average speaker's or topic's size, and read all 27,000
    quotes of the most quoted speaker, or walk the whole date index for a small topic.
    """
    backend = _backend()
    query = query.strip()[:500]
    parsed = parse(query)
    where, params = _filter_sql(
        backend, replace(filters, speaker=(), topic=()), include_rejected=False
    )

    def one_of(expression: str, values: list) -> None:
        where.append(f"{expression} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if filters.speaker:
        speaker_ids = list(
            Speaker.objects.filter(slug__in=filters.speaker).values_list("id", flat=True)
        )
        if not speaker_ids:
            return None
        one_of("s.speaker_id", speaker_ids)
    if filters.topic:
        topics = list(Topic.objects.filter(slug__in=filters.topic).values_list("id", "quote_count"))
        if not topics:
            return None
        topic_ids = [topic_id for topic_id, _ in topics]
        marks = ", ".join(["%s"] * len(topic_ids))
        if sum(count for _, count in topics) > WALK_TOPIC_QUOTES:
            where.append(
                "EXISTS (SELECT 1 FROM quotes_quote_topics qt"
                f" WHERE qt.quote_id = s.quote_id AND qt.topic_id IN ({marks}))"
            )
        else:
            where.append(backend.QUOTES_OF_TOPICS.format(marks=marks))
        params.extend(topic_ids)
    source = backend.match_sql(query, parsed, titles=titles) if parsed else None
    return _Newest(source, where, params)


def _newest_slice(
    plan: _Newest, position: tuple[datetime | None, int] | None, limit: int
) -> tuple[list[int], tuple[datetime | None, int] | None]:
    """Up to `limit` ids after a position, and the position after them (None at the end)."""
    # One row past the slice says whether there is more.
    wanted = limit + 1
    rows: list[tuple[int, object]] = []
    if position is None or position[0] is not None:
        dated = [*plan.where, "s.published_at IS NOT NULL"]
        dated_params = list(plan.params)
        if position is not None:
            dated.append("(s.published_at, s.quote_id) < (%s, %s)")
            dated_params += [connection.ops.adapt_datetimefield_value(position[0]), position[1]]
        rows = _newest_rows(
            plan.source, dated, dated_params, "s.published_at DESC NULLS LAST", wanted
        )
    if len(rows) < wanted:
        undated = [*plan.where, "s.published_at IS NULL"]
        undated_params = list(plan.params)
        if position is not None and position[0] is None:
            undated.append("s.quote_id < %s")
            undated_params.append(position[1])
        rows += _newest_rows(plan.source, undated, undated_params, "", wanted - len(rows))
    page = rows[:limit]
    following = _position(*page[-1]) if len(rows) > limit else None
    return [quote_id for quote_id, _ in page], following


def newest_quote_ids(
    query: str, filters: SearchFilters | None = None, *, after: str | None = None, limit: int
) -> Page[int]:
    """Public quotes matching a query and filters, newest first (undated last), by keyset.

    `after` is the position a previous call returned: each slice starts where the last one
    stopped, through the date index, however deep, and never repeats or skips a quote when
    others are added; the page's next_after is None at the end. Raises ValueError for a
    malformed position.
    """
    position = _parse_position(after) if after else None
    plan = _newest_plan(query, filters or SearchFilters())
    if plan is None:
        return Page([], size=limit)
    ids, following = _newest_slice(plan, position, limit)
    after = _format_position(following) if following else None
    return Page(ids, size=limit, has_next=after is not None, next_after=after)


def _newest_rows(source, where, params, date_order: str, limit: int) -> list[tuple[int, object]]:
    from_where, all_params, _ = _from_where(source, where, params)
    order = f"{date_order}, s.quote_id DESC" if date_order else "s.quote_id DESC"
    sql = f"SELECT s.quote_id, s.published_at {from_where} ORDER BY {order} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*all_params, limit])
        return cursor.fetchall()


def _position(quote_id: int, published_at) -> tuple[datetime | None, int]:
    """The keyset position of an index row."""
    if isinstance(published_at, str):
        # SQLite hands back the stored text: naive UTC.
        published_at = datetime.fromisoformat(published_at).replace(tzinfo=UTC)
    return published_at, quote_id


def _format_position(position: tuple[datetime | None, int]) -> str:
    """'<ISO date in UTC>~<id>', or '~<id>' for an undated quote."""
    published_at, quote_id = position
    if published_at is None:
        return f"~{quote_id}"
    return f"{published_at.astimezone(UTC).isoformat()}~{quote_id}"


def _parse_position(position: str) -> tuple[datetime | None, int]:
    stamp, _, quote_id = position.partition("~")
    if not quote_id.isdigit():
        raise ValueError(f"malformed position {position!r}")
    if not stamp:
        return None, int(quote_id)
    published_at = datetime.fromisoformat(stamp)
    if published_at.tzinfo is None:
        raise ValueError(f"position {position!r} has no time zone")
    return published_at, int(quote_id)


def _filter_sql(
    backend, filters: SearchFilters, *, include_rejected: bool
) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []

    def one_of(expression: str, values: tuple[str, ...]) -> None:
        where.append(f"{expression} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    for column in ("speaker_kind", "kind", "language", "outlet"):
        if values := getattr(filters, column):
            one_of(f"s.{column}", values)
    rejected = Quote.Review.REJECTED
    if include_rejected and rejected in filters.review_status:
        one_of("s.review_status", filters.review_status)
    else:
        where.append("s.review_status <> %s")
        params.append(rejected)
        if wanted := tuple(v for v in filters.review_status if v != rejected):
            one_of("s.review_status", wanted)
        elif filters.review_status:
            # Only "rejected" was asked for, by someone who may not see rejected quotes.
            where.append("1 = 0")
    if filters.speaker:
        marks = ", ".join(["%s"] * len(filters.speaker))
        where.append(f"s.speaker_id IN (SELECT id FROM quotes_speaker WHERE slug IN ({marks}))")
        params.extend(filters.speaker)
    if filters.topic:
        marks = ", ".join(["%s"] * len(filters.topic))
        where.append(
            "s.quote_id IN (SELECT qt.quote_id FROM quotes_quote_topics qt"
            f" JOIN quotes_topic t ON t.id = qt.topic_id WHERE t.slug IN ({marks}))"
        )
        params.extend(filters.topic)
    if filters.one_per_group:
        # Only the first stored quote of a group, as on the speaker page.
        where.append(
            "NOT EXISTS (SELECT 1 FROM quotes_quote q JOIN quotes_quote earlier"
            " ON earlier.group_id = q.group_id AND earlier.id < q.id WHERE q.id = s.quote_id)"
        )
    if filters.date_from:
        where.append(f"s.published_at >= {backend.DATE_PARAM}")
        params.append(filters.date_from.isoformat())
    # Inclusive of the whole last day (and of everything when that day is the last one).
    if filters.date_to and filters.date_to < date.max:
        where.append(f"s.published_at < {backend.DATE_PARAM}")
        params.append(date.fromordinal(filters.date_to.toordinal() + 1).isoformat())
    return where, params


def _rows_to_visit(backend, source, filters: SearchFilters) -> int:
    """Estimated rows a count must read: the text match, narrowed only by indexed filters.

    Column filters (kind, language, outlet...) are checked row by row after the index has
    been read, so they do not make counting cheaper.
    """
    indexed = SearchFilters(
        speaker=filters.speaker,
        topic=filters.topic,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    where, params = _filter_sql(backend, indexed, include_rejected=False)
    from_where, all_params, _ = _from_where(source, where, params)
    return backend.estimate_matches(from_where, all_params)


def _from_where(
    source, where: list[str], params: list, sample_sql: str = ""
) -> tuple[str, list, str]:
    """FROM/WHERE clause and parameters, and the rank expression, for a match and filters."""
    table = f"FROM quotes_search s {sample_sql}".rstrip()
    if source is None:
        return _join(table, list(where)), list(params), "0"
    return (
        _join(f"{table} {source.join}", [source.where, *where]),
        [*source.join_params, *source.where_params, *params],
        source.rank,
    )


def _join(clause: str, conditions: list[str]) -> str:
    return f"{clause} WHERE {' AND '.join(conditions)}" if conditions else clause


# Dated quotes first in both date orders: newest first walks quotes_search_date_idx.
_ORDERS = {
    "newest": "s.published_at DESC NULLS LAST, s.quote_id DESC",
    "oldest": "s.published_at ASC NULLS LAST, s.quote_id ASC",
}


def _page(
    source, where, params, *, page: int, page_size: int, order: str
) -> list[tuple[int, float]]:
    from_where, all_params, rank = _from_where(source, where, params)
    if order == "relevance":
        order_sql = f"rank DESC, {_ORDERS['newest']}"
    else:
        order_sql = _ORDERS[order]
        rank = "0"
    sql = f"SELECT s.quote_id, {rank} AS rank {from_where} ORDER BY {order_sql} LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*all_params, page_size, (page - 1) * page_size])
        return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]


def _facets(
    backend, source, filters: SearchFilters, include_rejected: bool, *, sample: bool
) -> tuple[dict[str, list[FacetValue]], int]:
    """Counts per facet value, and the total number of matches.

    A facet with values chosen is counted over the matches of every other filter, so its other
    values stay on offer (a quote matches any chosen value); the others, and the total, over
    the matches of all filters. With sample, counts are estimated from a sample of pages.
    """
    chosen = [name for name in MULTI_FACETS if getattr(filters, name)]
    where, params = _filter_sql(backend, filters, include_rejected=include_rejected)
    groups = [name for name in _GROUPS if name not in chosen]
    rows, scaled = _count(backend, source, where, params, groups, filters, sample=sample)
    total = next((count for facet, _, count in rows if facet == "total"), 0)
    sampled = {facet for facet, _, _ in rows} if scaled else set()
    for name in chosen:
        others = filters.without(name)
        where, params = _filter_sql(backend, others, include_rejected=include_rejected)
        own_sample = sample or _rows_to_visit(backend, source, others) > EXACT_MATCHES
        facet_rows, facet_scaled = _count(
            backend, source, where, params, [name], filters, sample=own_sample
        )
        rows += facet_rows
        if facet_scaled:
            sampled.add(name)
    return _label_facets(rows, sampled), total


# Each facet: the expression grouped on and the condition a quote needs to be counted.
_GROUPS = {
    "speaker": ("CAST(speaker_id AS TEXT)", "speaker_id IS NOT NULL"),
    "speaker_kind": ("speaker_kind", "speaker_kind IS NOT NULL"),
    "kind": ("kind", ""),
    "language": ("language", ""),
    "outlet": ("outlet", "outlet <> ''"),
    "review_status": ("review_status", ""),
    "year": (None, "published_at IS NOT NULL"),
    # Counted through the topic links, and the total: their SQL is written out in _count.
    "topic": (None, ""),
    "total": (None, ""),
}


def _count(backend, source, where, params, groups, filters: SearchFilters, *, sample: bool):
    """(facet, value, count) rows for these facets over the matches of a FROM/WHERE."""
    scale = 1.0
    if sample and backend.SAMPLE_SQL:
        from_where, all_params, _ = _from_where(source, where, params)
        estimate = max(1, backend.estimate_matches(from_where, all_params))
        percent = max(
            MIN_SAMPLE_PERCENT, min(MAX_SAMPLE_PERCENT, 100.0 * SAMPLE_MATCHES / estimate)
        )
        scale = 100.0 / percent
        from_where, all_params, _ = _from_where(source, where, params, backend.SAMPLE_SQL)
        all_params = [percent, *all_params]
    else:
        from_where, all_params, _ = _from_where(source, where, params)
    columns = (
        "s.quote_id, s.speaker_id, s.speaker_kind, s.kind, s.language, s.outlet,"
        " s.review_status, s.published_at"
    )
    branches = []
    for name in groups:
        if name == "topic":
            branches.append(
                "SELECT 'topic' AS facet, CAST(qt.topic_id AS TEXT) AS value, COUNT(*) AS n"
                " FROM matched m JOIN quotes_quote_topics qt ON qt.quote_id = m.quote_id"
                " GROUP BY qt.topic_id"
            )
            continue
        if name == "total":
            branches.append("SELECT 'total' AS facet, '' AS value, COUNT(*) AS n FROM matched")
            continue
        expr, cond = _GROUPS[name]
        expr = expr or backend.YEAR_SQL
        branches.append(
            f"SELECT '{name}' AS facet, {expr} AS value, COUNT(*) AS n FROM matched"
            f"{' WHERE ' + cond if cond else ''} GROUP BY {expr}"
        )
    keep, keep_params = _keep_chosen(filters, groups)
    sql = (
        f"WITH matched AS (SELECT {columns} {from_where}) "
        "SELECT facet, value, n FROM (SELECT facet, value, n, ROW_NUMBER() OVER"
        " (PARTITION BY facet ORDER BY n DESC, value) AS position FROM ("
        + " UNION ALL ".join(branches)
        + ") counted) ranked WHERE position <= CASE WHEN facet IN ('speaker', 'topic')"
        f" THEN %s ELSE %s END OR facet IN ('year', 'total'){keep}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*all_params, SEARCHABLE_FACET_SIZE, FACET_SIZE, *keep_params])
        rows = cursor.fetchall()
    if scale != 1.0:
        rows = [(facet, value, round_estimate(count * scale)) for facet, value, count in rows]
    return rows, scale != 1.0


def _keep_chosen(filters: SearchFilters, groups) -> tuple[str, list]:
    """SQL that keeps the chosen values of these facets however far down their counts are."""
    conditions, params = [], []
    for name in groups:
        values = getattr(filters, name, ()) if name in MULTI_FACETS else ()
        if not values:
            continue
        marks = ", ".join(["%s"] * len(values))
        if name in ("speaker", "topic"):
            table = "quotes_speaker" if name == "speaker" else "quotes_topic"
            match = f"SELECT CAST(id AS TEXT) FROM {table} WHERE slug IN ({marks})"
        else:
            match = marks
        conditions.append(f" OR (facet = '{name}' AND value IN ({match}))")
        params.extend(values)
    return "".join(conditions), params


def round_estimate(estimate: float) -> int:
    """An estimate to two significant digits: 36,412.7 -> 36,000."""
    if estimate < 100:
        return max(1, round(estimate))
    digits = len(str(int(estimate))) - 2
    return int(round(estimate, -digits))


def _label_facets(rows, sampled: set[str] = frozenset()) -> dict[str, list[FacetValue]]:
    by_facet: dict[str, list[tuple[str, int]]] = {}
    for facet, value, count in rows:
        if facet != "total":
            by_facet.setdefault(facet, []).append((str(value), int(count)))
    speakers = Speaker.objects.in_bulk([int(v) for v, _ in by_facet.get("speaker", [])])
    topics = Topic.objects.in_bulk([int(v) for v, _ in by_facet.get("topic", [])])
    labels = {
        "speaker_kind": dict(Speaker.Kind.choices),
        "kind": dict(Quote.Kind.choices),
        "language": dict(Language.choices),
        "review_status": dict(Quote.Review.choices),
    }
    facets: dict[str, list[FacetValue]] = {}
    for facet, values in by_facet.items():
        estimated = facet in sampled
        items = []
        for value, count in values:
            if facet == "speaker":
                speaker = speakers.get(int(value))
                if speaker:
                    items.append(FacetValue(speaker.slug, speaker.name, count, False, estimated))
            elif facet == "topic":
                topic = topics.get(int(value))
                if topic:
                    items.append(FacetValue(topic.slug, topic.label, count, False, estimated))
            else:
                label = labels.get(facet, {}).get(value, value)
                items.append(FacetValue(value, label, count, False, estimated))
        if facet == "year":
            items.sort(key=lambda v: v.value, reverse=True)
        else:
            items.sort(key=lambda v: (-v.count, v.label))
        facets[facet] = items
    return facets


def _mark_selected(results: SearchResults) -> SearchResults:
    filters = results.filters
    for name, values in results.facets.items():
        wanted = getattr(filters, name) if name in MULTI_FACETS else ()
        results.facets[name] = [replace(v, selected=v.value in wanted) for v in values]
    return results


def matching_quote_ids(
    query: str,
    filters: SearchFilters | None = None,
    *,
    titles: bool = False,
    chunk_size: int | None = None,
) -> Iterator[list[int]]:
    """Ids of every public quote matching a query and filters, newest first, chunk by chunk.

    Each chunk is one slice of a newest-first read (as newest_quote_ids), resuming after the
    last row of the one before on the date index, so memory stays flat however many quotes
    match. Undated quotes come last, newest stored first. Rejected quotes never appear.
    """
    plan = _newest_plan(query, filters or SearchFilters(), titles=titles)
    position = None
    while plan is not None:
        ids, position = _newest_slice(plan, position, chunk_size or EXPORT_CHUNK)
        if ids:
            yield ids
        if position is None:
            return
