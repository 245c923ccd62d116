"""SQLite search index: speaker names and article titles stemmed in columns of their own.

Search matches quote words and speaker names, and article titles only when asked; the FTS5
table had one stems column for names and titles together. PostgreSQL already keeps them apart
(weights B and C of its tsvector), so nothing changes there.
"""

from django.db import migrations

from quotes.search.sqlite import stems

CREATE = """CREATE VIRTUAL TABLE quotes_search_fts USING fts5(
    body, names, title, body_stems, names_stems, title_stems,
    tokenize = 'unicode61 remove_diacritics 2'
)"""
CREATE_BEFORE = """CREATE VIRTUAL TABLE quotes_search_fts USING fts5(
    body, names, title, body_stems, other_stems,
    tokenize = 'unicode61 remove_diacritics 2'
)"""
# Renaming a table rewrites the triggers that name it: drop the trigger first, then remake it.
DROP_TRIGGER = "DROP TRIGGER IF EXISTS quotes_search_fts_delete"
CREATE_TRIGGER = """CREATE TRIGGER quotes_search_fts_delete AFTER DELETE ON quotes_search BEGIN
    DELETE FROM quotes_search_fts WHERE rowid = old.quote_id;
END"""
SELECT_ROWS = """SELECT f.rowid, f.body, f.names, f.title, f.body_stems, s.language
FROM quotes_search_fts_before f JOIN quotes_search s ON s.quote_id = f.rowid"""


def split_stems(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP_TRIGGER)
        cursor.execute("ALTER TABLE quotes_search_fts RENAME TO quotes_search_fts_before")
        cursor.execute(CREATE)
        cursor.execute(SELECT_ROWS)
        rows = [
            (rowid, body, names, title, body_stems, stems(names, lang), stems(title, lang))
            for rowid, body, names, title, body_stems, lang in cursor.fetchall()
        ]
        cursor.executemany(
            "INSERT INTO quotes_search_fts"
            " (rowid, body, names, title, body_stems, names_stems, title_stems)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        cursor.execute("DROP TABLE quotes_search_fts_before")
        cursor.execute(CREATE_TRIGGER)


def join_stems(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(DROP_TRIGGER)
        cursor.execute("ALTER TABLE quotes_search_fts RENAME TO quotes_search_fts_after")
        cursor.execute(CREATE_BEFORE)
        cursor.execute(
            "INSERT INTO quotes_search_fts (rowid, body, names, title, body_stems, other_stems)"
            " SELECT rowid, body, names, title, body_stems, names_stems || ' ' || title_stems"
            " FROM quotes_search_fts_after"
        )
        cursor.execute("DROP TABLE quotes_search_fts_after")
        cursor.execute(CREATE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("quotes", "0012_speaker_merge")]

    operations = [migrations.RunPython(split_stems, join_stems)]
