"""PostgreSQL backend: accent-free french/english/simple tsvectors, websearch queries, ts_rank."""

from __future__ import annotations

import json

from django.db import connection
from django.utils.safestring import SafeString

from quotes.search.query import (
    MARK_END,
    MARK_START,
    Match,
    ParsedQuery,
    render_marked,
    tsquery_text,
)

YEAR_SQL = "to_char(published_at AT TIME ZONE 'UTC', 'YYYY')"
DATE_PARAM = "CAST(%s AS date)"
# Whole pages, so a sample reads a few percent of the table instead of every match.
SAMPLE_SQL = "TABLESAMPLE SYSTEM (%s) REPEATABLE (7)"
# The quotes of small topics (quotes.search.WALK_TOPIC_QUOTES), read inside the statement: an
# array the planner cannot see into makes it fetch each quote by id, then sort the few
# thousand, instead of walking the date index in the hope of meeting them early (100 ms for a
# topic of 2,700 quotes in a million). Reading the ids into Python and sending them back made
# every such request allocate a 2,700-value statement, and then pay for the full garbage
# collection it set off (200 ms, one request in about thirteen).
QUOTES_OF_TOPICS = (
    "s.quote_id = ANY(ARRAY(SELECT qt.quote_id FROM quotes_quote_topics qt"
    " WHERE qt.topic_id IN ({marks})))"
)

# A query matches a document when its french, english or plain reading does: quote text is
# stemmed in its article's language, names are not stemmed at all. The query text is written
# by quotes.search.query.tsquery_text (web-search syntax, plus a prefix for the word typed).
_TSQUERY = (
    "(to_tsquery('quotes_fr', %s) || to_tsquery('quotes_en', %s)"
    " || to_tsquery('quotes_simple', %s))"
)
# The document's parts: A the quote's words, B its speaker's names, C the article's title.
QUOTE_AND_NAMES = "AB"
_CONFIG = "CASE a.language WHEN 'en' THEN 'quotes_en'::regconfig ELSE 'quotes_fr'::regconfig END"

_DOCUMENT = f"""
    setweight(to_tsvector({_CONFIG}, q.text), 'A')
    || setweight(
        to_tsvector('quotes_simple', concat_ws(' ', sp.name, al.names, q.speaker_mention)), 'B'
    )
    || setweight(to_tsvector({_CONFIG}, a.title), 'C')
"""

_SELECT_ROWS = f"""
    SELECT q.id, q.article_id, q.speaker_id, sp.kind, q.kind, a.language, a.outlet,
           q.review_status, COALESCE(q.published_at, a.published_at), {_DOCUMENT}
    FROM quotes_quote q
    JOIN quotes_article a ON a.id = q.article_id
    LEFT JOIN quotes_speaker sp ON sp.id = q.speaker_id
    LEFT JOIN LATERAL (
        SELECT string_agg(name, ' ') AS names FROM quotes_speakeralias
        WHERE speaker_id = q.speaker_id
    ) al ON true
"""

_COLUMNS = (
    "quote_id, article_id, speaker_id, speaker_kind, kind, language, outlet, review_status,"
    " published_at, document"
)


def match_sql(query: str, parsed: ParsedQuery, *, titles: bool = False) -> Match:
    """Match on the stored tsvector through its GIN index; rank with ts_rank.

    Quote words and speaker names are searched (weights A and B); article titles (C) only
    with titles.
    """
    text = tsquery_text(parsed, weights="" if titles else QUOTE_AND_NAMES)
    return Match(
        join=f"CROSS JOIN (SELECT {_TSQUERY} AS tsq) AS wanted",
        join_params=[text, text, text],
        where="s.document @@ wanted.tsq",
        where_params=[],
        rank="ts_rank(s.document, wanted.tsq)",
    )


def estimate_matches(from_where: str, params: list) -> int:
    """The planner's estimate of the rows a FROM/WHERE yields: no rows are read."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 {from_where}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def snippets(query: str, parsed: ParsedQuery, quote_ids: list[int]) -> dict[int, SafeString]:
    """ts_headline of each quote, read in its own language, trimmed and made HTML-safe."""
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
    text = tsquery_text(parsed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT q.id, ts_headline({_CONFIG}, q.text, {_TSQUERY}, %s)
            FROM quotes_quote q JOIN quotes_article a ON a.id = q.article_id
            WHERE q.id = ANY(%s)""",
            [text, text, text, options, quote_ids],
        )
        return {quote_id: render_marked(headline) for quote_id, headline in cursor.fetchall()}


def similar_speakers(query: str, limit: int) -> list[int]:
    """Speakers with a name part close to the query, by trigram word similarity (typos)."""
    with connection.cursor() as cursor:
        # The default threshold (0.6) misses a single swapped letter in a short name.
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', false)")
        cursor.execute(
            """SELECT id FROM quotes_speaker
            WHERE merged_into_id IS NULL
              AND quotes_unaccent(lower(%s)) <%% quotes_unaccent(lower(name))
            ORDER BY word_similarity(quotes_unaccent(lower(%s)), quotes_unaccent(lower(name))) DESC
            LIMIT %s""",
            [query, query, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def index_quotes(quote_ids: list[int]) -> None:
    """Upsert index rows of these quotes in one statement; drop rows of vanished quotes."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO quotes_search ({_COLUMNS}) {_SELECT_ROWS} WHERE q.id = ANY(%s)
            ON CONFLICT (quote_id) DO UPDATE SET
              article_id = EXCLUDED.article_id, speaker_id = EXCLUDED.speaker_id,
              speaker_kind = EXCLUDED.speaker_kind, kind = EXCLUDED.kind,
              language = EXCLUDED.language, outlet = EXCLUDED.outlet,
              review_status = EXCLUDED.review_status, published_at = EXCLUDED.published_at,
              document = EXCLUDED.document""",
            [quote_ids],
        )


def rebuild_index() -> None:
    """Refill the whole index in one pass."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE quotes_search")
        cursor.execute(f"INSERT INTO quotes_search ({_COLUMNS}) {_SELECT_ROWS}")
        cursor.execute("ANALYZE quotes_search")
