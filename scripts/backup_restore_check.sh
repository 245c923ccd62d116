#!/usr/bin/env bash
# Back up a PostgreSQL database with pg_dump, restore the dump into a fresh database with
# pg_restore, and check that every table has the same number of rows in both.
#
#   scripts/backup_restore_check.sh [DATABASE_URL] [DUMP_FILE]
#
# DATABASE_URL defaults to $DATABASE_URL; DUMP_FILE (kept) defaults to a temporary file (removed).
# The scratch database "<name>_restore_check" is dropped at the end. Exit status 0 when the
# restored copy matches, 1 otherwise.
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"

source_url=${1:-${DATABASE_URL:?give a postgres:// URL or set DATABASE_URL}}
# Debian keeps the client tools per version; use the newest when they are not on PATH.
if ! command -v pg_dump >/dev/null; then
  PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1):$PATH"
fi

base_url=${source_url%%\?*}
source_name=${base_url##*/}
restore_name="${source_name}_restore_check"
restore_url="${base_url%/*}/${restore_name}"

work=$(mktemp -d)
dump=${2:-$work/backup.dump}
cleanup() {
  psql --quiet --no-psqlrc "$source_url" -c "DROP DATABASE IF EXISTS \"$restore_name\"" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Rows per table of the public schema, one "table count" line each, in name order.
count_rows() {
  psql --no-psqlrc --tuples-only --no-align --field-separator=' ' "$1" -c "
    SELECT table_name,
           (xpath('/row/n/text()', query_to_xml(
              format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
              false, true, '')))[1]::text
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name"
}

pg_dump --format=custom --no-owner --file="$dump" "$source_url"
psql --quiet --no-psqlrc "$source_url" -c "DROP DATABASE IF EXISTS \"$restore_name\"" >/dev/null
psql --quiet --no-psqlrc "$source_url" -c "CREATE DATABASE \"$restore_name\"" >/dev/null
pg_restore --no-owner --exit-on-error --dbname="$restore_url" "$dump"

count_rows "$source_url" >"$work/source.counts"
count_rows "$restore_url" >"$work/restored.counts"
if ! diff -u "$work/source.counts" "$work/restored.counts"; then
  echo "restore check FAILED: row counts differ (source -, restored +)" >&2
  exit 1
fi
tables=$(wc -l <"$work/source.counts")
rows=$(awk '{ total += $2 } END { print total + 0 }' "$work/source.counts")
echo "restore check OK: $tables tables, $rows rows, identical after pg_dump and pg_restore ($(du -h "$dump" | cut -f1) dump)"
