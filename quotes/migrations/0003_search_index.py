"""Full-text search index: a denormalised quotes_search table per backend.

PostgreSQL: unaccent + pg_trgm, accent-free french/english/simple text search configurations,
a tsvector column with a GIN index. SQLite: an FTS5 table (unicode61, remove_diacritics 2) kept in
step with quotes_search by a trigger. The table is written only by quotes.search.index_quotes.
"""

from django.db import migrations

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is only STABLE; an immutable wrapper with an explicit dictionary can be indexed.
    """CREATE OR REPLACE FUNCTION quotes_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    "CREATE TEXT SEARCH CONFIGURATION quotes_fr (COPY = pg_catalog.french)",
    "ALTER TEXT SEARCH CONFIGURATION quotes_fr ALTER MAPPING FOR hword, hword_part, word"
    " WITH unaccent, french_stem",
    "CREATE TEXT SEARCH CONFIGURATION quotes_en (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION quotes_en ALTER MAPPING FOR hword, hword_part, word"
    " WITH unaccent, english_stem",
    "CREATE TEXT SEARCH CONFIGURATION quotes_simple (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION quotes_simple ALTER MAPPING FOR hword, hword_part, word"
    " WITH unaccent, simple",
    """CREATE TABLE quotes_search (
        quote_id bigint PRIMARY KEY REFERENCES quotes_quote (id) ON DELETE CASCADE,
        article_id bigint NOT NULL,
        speaker_id bigint NULL,
        speaker_kind varchar(16) NULL,
        kind varchar(16) NOT NULL,
        language varchar(8) NOT NULL,
        outlet varchar(200) NOT NULL,
        review_status varchar(16) NOT NULL,
        published_at timestamp with time zone NULL,
        document tsvector NOT NULL
    )""",
    "CREATE INDEX quotes_search_document_idx ON quotes_search USING gin (document)",
    "CREATE INDEX quotes_search_date_idx ON quotes_search"
    " (published_at DESC NULLS LAST, quote_id DESC)",
    "CREATE INDEX quotes_search_speaker_idx ON quotes_search"
    " (speaker_id, published_at DESC NULLS LAST)",
    "CREATE INDEX quotes_speaker_name_trgm_idx ON quotes_speaker"
    " USING gin (quotes_unaccent(lower(name)) gin_trgm_ops)",
]

POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS quotes_speaker_name_trgm_idx",
    "DROP TABLE IF EXISTS quotes_search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS quotes_simple",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS quotes_en",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS quotes_fr",
    "DROP FUNCTION IF EXISTS quotes_unaccent(text)",
]

SQLITE_UP = [
    """CREATE TABLE quotes_search (
        quote_id integer PRIMARY KEY REFERENCES quotes_quote (id) ON DELETE CASCADE,
        article_id integer NOT NULL,
        speaker_id integer NULL,
        speaker_kind varchar(16) NULL,
        kind varchar(16) NOT NULL,
        language varchar(8) NOT NULL,
        outlet varchar(200) NOT NULL,
        review_status varchar(16) NOT NULL,
        published_at datetime NULL
    )""",
    "CREATE INDEX quotes_search_date_idx ON quotes_search (published_at DESC, quote_id DESC)",
    "CREATE INDEX quotes_search_speaker_idx ON quotes_search (speaker_id)",
    # body/names/title hold the words as written (phrases, highlights); the stems columns hold
    # their Snowball stems so that plurals and conjugations match, which unicode61 cannot do.
    """CREATE VIRTUAL TABLE quotes_search_fts USING fts5(
        body, names, title, body_stems, other_stems,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER quotes_search_fts_delete AFTER DELETE ON quotes_search BEGIN
        DELETE FROM quotes_search_fts WHERE rowid = old.quote_id;
    END""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS quotes_search_fts_delete",
    "DROP TABLE IF EXISTS quotes_search_fts",
    "DROP TABLE IF EXISTS quotes_search",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        with schema_editor.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("quotes", "0002_editors_group")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        ),
    ]
