"""SQLite backend: FTS5 (unicode61, remove_diacritics 2) over words as written and their stems."""

from __future__ import annotations

from django.db import connection
from django.utils.safestring import SafeString

from quotes.models import Quote
from quotes.search.query import Clause, Match, ParsedQuery, highlight, stem, stem_words, words

YEAR_SQL = "strftime('%%Y', published_at)"
DATE_PARAM = "%s"
# SQLite cannot sample pages; at the sizes it serves, counting every match is affordable.
SAMPLE_SQL = ""
# The quotes of small topics (quotes.search.WALK_TOPIC_QUOTES), each then fetched by id.
QUOTES_OF_TOPICS = (
    "s.quote_id IN (SELECT qt.quote_id FROM quotes_quote_topics qt WHERE qt.topic_id IN ({marks}))"
)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _columns(names: tuple[str, ...], titles: bool) -> str:
    return "{" + " ".join(names + (("title",) if titles else ())) + "}"


def _stem_columns(titles: bool) -> str:
    return "{body_stems names_stems" + (" title_stems}" if titles else "}")


def _run_expression(run: tuple[str, ...], *, prefix: bool, titles: bool) -> str:
    """One word matches by stem in either language; several words must appear as a phrase.

    A word being typed (prefix) matches every word, or stem, that starts with it.
    """
    written = _columns(("body", "names"), titles)
    star = " *" if prefix else ""
    if len(run) == 1:
        stemmed = sorted({stem(run[0], "fr"), stem(run[0], "en")})
        alternatives = " OR ".join(_quoted(s) + star for s in stemmed)
        return (
            f"({_stem_columns(titles)} : ({alternatives}) OR {written} : {_quoted(run[0])}{star})"
        )
    return f"{written} : {_quoted(' '.join(run))}{star}"


def _clause_expression(clause: Clause, titles: bool) -> str:
    last = len(clause.alternatives) - 1
    runs = [
        _run_expression(run, prefix=clause.prefix and index == last, titles=titles)
        for index, run in enumerate(clause.alternatives)
    ]
    return "(" + " OR ".join(runs) + ")"


def match_sql(query: str, parsed: ParsedQuery, *, titles: bool = False) -> Match:
    """An FTS5 MATCH expression equivalent to the web-search query; rank with bm25.

    Quote words and speaker names are searched; article titles only with titles.
    """
    negative = " OR ".join(_clause_expression(c, titles) for c in parsed.negative)
    if not parsed.positive:
        return Match(
            join="",
            join_params=[],
            where="s.quote_id NOT IN (SELECT rowid FROM quotes_search_fts"
            " WHERE quotes_search_fts MATCH %s)",
            where_params=[negative],
            rank="0",
        )
    expression = " AND ".join(_clause_expression(c, titles) for c in parsed.positive)
    if negative:
        expression = f"({expression}) NOT ({negative})"
    return Match(
        join="JOIN quotes_search_fts f ON f.rowid = s.quote_id",
        join_params=[],
        where="quotes_search_fts MATCH %s",
        where_params=[expression],
        # bm25 is lower for better matches; quote words weigh most, then names, then titles.
        rank="-bm25(quotes_search_fts, 4.0, 2.0, 1.0, 4.0, 2.0, 1.0)",
    )


def estimate_matches(from_where: str, params: list) -> int:
    """SQLite has no cheap estimate; report none so that counts stay exact."""
    return 0


def snippets(query: str, parsed: ParsedQuery, quote_ids: list[int]) -> dict[int, SafeString]:
    """Highlights computed in Python, matching words the way the stems column does."""
    texts = Quote.objects.filter(id__in=quote_ids).values_list("id", "text")
    return {quote_id: highlight(text, parsed) for quote_id, text in texts}


def similar_speakers(query: str, limit: int) -> list[int]:
    """Speakers with an alias sharing a word's first four letters: SQLite has no trigrams."""
    prefixes = {word[:4] for word in words(query) if len(word) >= 4}
    if not prefixes:
        return []
    condition = " OR ".join(["a.normalized LIKE %s"] * len(prefixes))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT s.id FROM quotes_speaker s"
            " JOIN quotes_speakeralias a ON a.speaker_id = s.id"
            f" WHERE s.merged_into_id IS NULL AND ({condition}) ORDER BY s.id LIMIT %s",
            [*(f"%{prefix}%" for prefix in sorted(prefixes)), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def stems(text: str, language: str) -> str:
    return " ".join(stem_words(words(text), language))


# The source rows of index rows, with the speaker's names (its own and its aliases') joined.
_SOURCE_ROWS = """
    SELECT q.id, a.id, sp.id, sp.kind, q.kind, a.language, a.outlet, q.review_status,
           COALESCE(q.published_at, a.published_at), q.text, q.speaker_mention, a.title,
           sp.name, (SELECT group_concat(al.name, ' ') FROM quotes_speakeralias al
                     WHERE al.speaker_id = q.speaker_id)
    FROM quotes_quote q
    JOIN quotes_article a ON a.id = q.article_id
    LEFT JOIN quotes_speaker sp ON sp.id = q.speaker_id
    WHERE q.id IN ({marks})
"""


def index_quotes(quote_ids: list[int]) -> None:
    """Delete then insert the index rows of these quotes (the trigger clears their FTS rows)."""
    rows, documents = [], []
    with connection.cursor() as cursor:
        # Plain SQL: building model instances cost more than the reading itself.
        for start in range(0, len(quote_ids), 500):
            chunk = quote_ids[start : start + 500]
            cursor.execute(_SOURCE_ROWS.format(marks=", ".join(["%s"] * len(chunk))), chunk)
            for *row, text, mention, title, name, aliases in cursor.fetchall():
                language = row[5]
                names = " ".join(part for part in (name, aliases, mention) if part)
                rows.append(row)
                documents.append(
                    (
                        row[0],
                        text,
                        names,
                        title,
                        stems(text, language),
                        stems(names, language),
                        stems(title, language),
                    )
                )
    with connection.cursor() as cursor:
        for start in range(0, len(quote_ids), 500):
            chunk = quote_ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM quotes_search WHERE quote_id IN ({marks})", chunk)
        cursor.executemany(
            "INSERT INTO quotes_search (quote_id, article_id, speaker_id, speaker_kind, kind,"
            " language, outlet, review_status, published_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        cursor.executemany(
            "INSERT INTO quotes_search_fts"
            " (rowid, body, names, title, body_stems, names_stems, title_stems)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            documents,
        )


def rebuild_index() -> None:
    """Refill the whole index, a thousand quotes at a time."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM quotes_search")
        cursor.execute("DELETE FROM quotes_search_fts")
    ids = list(Quote.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), 1000):
        index_quotes(ids[start : start + 1000])
