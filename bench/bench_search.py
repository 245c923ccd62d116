"""Search and browsing latency (home, lists, speaker and topic pages) on a large PostgreSQL base.

Build the data first (a dedicated database, about 20 minutes on 2 cores):

    createdb quotes_synth
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/quotes_synth DEBUG=true
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py build_synthetic
    .venv/bin/python bench/bench_search.py --output bench/RESULTS_search.md
    .venv/bin/python bench/bench_search.py --only api: --only feed: --output bench/RESULTS_api.md

Each case is a full GET through Django's test client (view, queries, template), warmed up, then
timed RUNS times; the slowest SQL statement of each case is shown with EXPLAIN ANALYZE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "true")
# Each API case makes 34 requests from one address: lift the anonymous rate limit (its check,
# a cache read and write, is still timed).
os.environ.setdefault("API_ANON_RATE_LIMIT", "1000000")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from quotes.models import Article, Quote, Speaker, Topic  # noqa: E402

WARMUP = 3
RUNS = 30
# The browsing pages as they were before the stored counts (commit 7cd61db, same database and
# machine, load average 1.5 to 2.9): p50, p95, SQL queries.
BEFORE_STORED_COUNTS = {
    "home: latest quotes, most quoted over 7 and 30 days": (128, 135, 6),
    "speaker list: most quoted first": (280, 392, 2),
    "speaker list: latest quote first": (382, 416, 2),
    "speaker list: by name": (11, 12, 2),
    "speaker list: people, most quoted, page 3": (315, 356, 2),
    "speaker list: name filter `martin`": (612, 654, 2),
    "topic list: most quoted first": (312, 332, 3),
    "topic list: filtered `guerre`": (280, 323, 4),
}
# /insights/ as it was before its stored counts (commit 4e6c642, counting the quotes on every
# request; same database and machine, load average 2.8 to 4.3, 1 warm-up then 5 timed):
# p50, p95 (the slowest of the 5), SQL queries.
BEFORE_INSIGHT_COUNTS = {
    "insights: sources by gender": (6109, 9668, 6),
}
# A speaker's detail before its top topics came from those stored counts (commit df5c1a4,
# joining its quotes to their topics; same database and machine, load average 3.9 to 4.6).
BEFORE_SPEAKER_TOPICS = {
    "api: speaker, most quoted (26482)": (228, 254, 5),
}
# A small topic's quotes through their ids read into Python and sent back in the statement
# (commit 673cdb0; same database and machine, load average 4.1 to 4.5): the 2,742 ids made
# every request allocate enough to set off a full garbage collection (200 ms) one time in 13.
BEFORE_TOPIC_IDS_IN_DATABASE = {
    "api: quotes on a 90th percentile topic (2742)": (51, 265, 5),
}
# A small topic's page while its 2,793 rows were counted and sorted in Python (commit 2b6fdb5;
# same database and machine, load average 1.7 to 1.8, run alternating with the new code).
BEFORE_TOPIC_COUNTS_IN_DATABASE = {
    "topic page: 90th percentile topic (2793 quotes)": (71, 79, 6),
}
NOTES = """
Building the data: `manage.py build_synthetic` (defaults: 1,000,000 quotes, 50,000 speakers,
200,000 articles) took 3 min 58 s wall on this 2-core machine (COPY, then the search index
in one INSERT ... SELECT, then VACUUM ANALYZE; peak memory 1.1 GB) and made a 2.0 GB database.
It now also fills the stored counts (`counts_rebuild`, as `manage.py rebuild_counts`: 9.6 s
here); on this database migration 0005 added and filled them in 17 s. Keeping them exact costs
each writer one recount per speaker or topic it touches: 3 ms for a median speaker, 10 ms for
the most quoted (26,000 quotes), about 100 ms for the most linked topic (34,000 quotes).

## How the queries stay fast

- **Search** reads one denormalised table, `quotes_search` (quote id, speaker, speaker kind,
  quote kind, language, outlet, review status, date, and a `tsvector` built with accent-free
  french/english/simple configurations), through a GIN index. Before counting, the planner's
  estimate of the rows the index makes us read (`EXPLAIN`, no rows read) picks one of two plans:
  - up to 8,000 rows: exact facet counts in one statement (a CTE and a `UNION ALL` of
    `GROUP BY`s) and hits ranked by `ts_rank`;
  - beyond: facet counts and the total are estimated from `TABLESAMPLE SYSTEM` (at most 5 % of
    the table's pages, scaled up and shown as "about" / "≈"), and hits come newest first
    by walking the `(published_at DESC, quote_id DESC)` index, which stops after one page.
  Ranking every one of 36,000 matches of a common word would read 23,000 scattered pages
  (about 250 ms here); newest-first is what a newsroom reads for broad words anyway.
- **Topic page**: up to 5,000 quotes, one statement reads the topic's links through the
  covering index `quote_id_cover_idx (id) INCLUDE (speaker_id, published_at, review_status)`
  once (a CTE) and returns under 200 rows: counts per UTC month and the top speakers
  (`GROUP BY`), the first and latest dated quote, and the page's ids (`ROW_NUMBER()` newest
  first). Reading the 2,800 rows into Python to count and sort them there cost more than the
  SQL. Beyond, the same counts come from a sample of the link table and the page walks the
  date index.
- **API and feeds, a topic's quotes**: up to 5,000 (`WALK_TOPIC_QUOTES`), the statement reads
  the topic's links into an array, fetches each quote by id and sorts them; beyond, it walks
  the date index and checks each quote's links. The ids never travel through Python.
- **Speaker page** (the browsing views): its counts and timeline are index-only scans of
  `quote_speaker_stats_idx (speaker_id, published_at) INCLUDE (review_status, id, article_id)`.
- **Speaker list, topic list, home totals** read stored counts (migration 0005):
  `Speaker.quote_count` and `Speaker.latest_quote_at` (public quotes only) and
  `Topic.quote_count`, recomputed by `quotes/services/counts.py` in one set-based `UPDATE`
  per writer call (ingest, re-attribution, every editor's change, topic edits). Each list
  ordering walks its own index and stops one row past the page: `speaker_count_idx
  (quote_count DESC, name, id)`, `speaker_latest_idx (latest_quote_at DESC NULLS LAST, id)`,
  `speaker_name_idx (name, id)`, `topic_count_idx (quote_count DESC, label, id)`. The home
  page's totals add up the speakers' counts (plus the unattributed quotes) instead of counting
  a million quotes; its "most quoted over the last 7 / 30 days" stays a windowed count, read
  through `quote_date_idx` (6,400 quotes for 30 days here, about 25 ms).
- Snippets (`ts_headline`) run on the 20 quotes of the page only.
"""


def cases() -> list[tuple[str, str]]:
    """(label, URL) of every case, with speakers and topics picked from the data."""
    search = reverse("search")
    speakers = list(
        Speaker.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", "n")[:1]
    )
    median_speaker = Speaker.objects.order_by("id")[Speaker.objects.count() // 2]
    topics = list(Topic.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", "n"))
    top_topic, mid_topic = topics[0], topics[len(topics) // 10]
    return [
        ("search: one common word `gouvernement`", f"{search}?q=gouvernement"),
        ("search: accents omitted `defense`", f"{search}?q=defense"),
        ("search: rare word `Koursk`", f"{search}?q=Koursk"),
        ('search: phrase `"Corée du Sud"`', f"{search}?q=%22Cor%C3%A9e+du+Sud%22"),
        ("search: exclusion `président -Trump`", f"{search}?q=pr%C3%A9sident+-Trump"),
        ("search: two words `guerre Ukraine`", f"{search}?q=guerre+Ukraine"),
        ("search: speaker name `Marie Martin`", f"{search}?q=Marie+Martin"),
        (
            "search: word + filters (fr, indirect, organisation)",
            f"{search}?q=gouvernement&language=fr&kind=indirect&speaker_kind=organisation",
        ),
        (
            "search: word + date range 2020",
            f"{search}?q=police&date_from=2020-01-01&date_to=2020-12-31",
        ),
        ("search: no words, filter only (en)", f"{search}?language=en"),
        ("search: no words, no filter (page 2 of everything)", f"{search}?page=2"),
        ("search: htmx fragment `defense`", f"{search}?q=defense"),
        ("search: word being typed `gouv` (prefix)", f"{search}?q=gouv"),
        ("search: common word, oldest first", f"{search}?q=gouvernement&sort=oldest"),
        ("search: word, titles too `Ukraine`", f"{search}?q=Ukraine&titles=1"),
        (
            "search: word + two outlets and a speaker kind (checkboxes)",
            f"{search}?q=police&outlet=Reuters&outlet=AFP&speaker_kind=person",
        ),
        (
            f"speaker page: most quoted ({speakers[0][1]} quotes)",
            reverse("speaker-detail", args=[speakers[0][0]]),
        ),
        (
            f"speaker page: median speaker ({median_speaker.quotes.count()} quotes)",
            median_speaker.get_absolute_url(),
        ),
        ("home: latest quotes, most quoted over 7 and 30 days", reverse("home")),
        ("speaker list: most quoted first", reverse("speaker-list")),
        ("speaker list: latest quote first", f"{reverse('speaker-list')}?sort=latest"),
        ("speaker list: by name", f"{reverse('speaker-list')}?sort=name"),
        (
            "speaker list: people, most quoted, page 3",
            f"{reverse('speaker-list')}?kind=person&page=3",
        ),
        ("speaker list: name filter `martin`", f"{reverse('speaker-list')}?q=martin"),
        ("article list: newest first", reverse("article-list")),
        ("article list: most quotes first", f"{reverse('article-list')}?sort=quotes"),
        (
            "article list: outlet, unreviewed quotes, oldest first",
            f"{reverse('article-list')}?outlet=Reuters&unreviewed=1&sort=oldest",
        ),
        ("topic list: most quoted first", reverse("topic-list")),
        ("topic list: filtered `guerre`", f"{reverse('topic-list')}?q=guerre"),
        (
            f"topic page: most quoted ({top_topic[1]} quotes)",
            reverse("topic-detail", args=[top_topic[0]]),
        ),
        (
            f"topic page: 90th percentile topic ({mid_topic[1]} quotes)",
            reverse("topic-detail", args=[mid_topic[0]]),
        ),
        ("insights: sources by gender", reverse("insights")),
        ("insights: CSV download", reverse("insights-csv")),
    ]


def api_cases() -> list[tuple[str, str]]:
    """(label, URL) of the read API's and the feeds' cases."""
    from quotes.api.views import encode_cursor

    top_speaker = Speaker.objects.order_by("-quote_count", "name", "id").first()
    topics = list(
        Topic.objects.order_by("-quote_count", "label", "id").values_list("slug", "quote_count")
    )
    top_topic, mid_topic = topics[0], topics[len(topics) // 10]
    quote = Quote.objects.exclude(review_status="rejected").order_by("id")[
        Quote.objects.count() // 2
    ]
    article = quote.article
    # The position of the 500,000th quote, newest first, as a cursor hands it back.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_id, published_at FROM quotes_search WHERE review_status <> 'rejected'"
            " AND published_at IS NOT NULL ORDER BY published_at DESC, quote_id DESC"
            " OFFSET 500000 LIMIT 1"
        )
        deep_id, deep_date = cursor.fetchone()
    deep = encode_cursor(f"{deep_date.astimezone(dt.UTC).isoformat()}~{deep_id}")
    api = "/api/v1"
    return [
        ("api: quotes, newest first", f"{api}/quotes"),
        ("api: quotes, 100 per page", f"{api}/quotes?limit=100"),
        ("api: quotes, cursor at the 500,000th", f"{api}/quotes?cursor={deep}"),
        ("api: quotes, common word `gouvernement`", f"{api}/quotes?q=gouvernement"),
        ("api: quotes, rare word `Koursk`", f"{api}/quotes?q=Koursk"),
        ('api: quotes, phrase `"Corée du Sud"`', f"{api}/quotes?q=%22Cor%C3%A9e+du+Sud%22"),
        (
            "api: quotes, word + filters (fr, indirect, organisation)",
            f"{api}/quotes?q=gouvernement&language=fr&kind=indirect&speaker_kind=organisation",
        ),
        ("api: quotes, date range 2020", f"{api}/quotes?date_from=2020-01-01&date_to=2020-12-31"),
        (
            "api: quotes, outlet and review status",
            f"{api}/quotes?outlet=Reuters&review_status=unreviewed",
        ),
        (
            f"api: quotes of the most quoted speaker ({top_speaker.quote_count})",
            f"{api}/quotes?speaker={top_speaker.slug}",
        ),
        (
            f"api: quotes on the most quoted topic ({top_topic[1]})",
            f"{api}/quotes?topic={top_topic[0]}",
        ),
        (
            f"api: quotes on a 90th percentile topic ({mid_topic[1]})",
            f"{api}/quotes?topic={mid_topic[0]}",
        ),
        ("api: quote", f"{api}/quotes/{quote.pk}"),
        ("api: search `gouvernement` (ranked, facets)", f"{api}/search?q=gouvernement"),
        ("api: search `Koursk`", f"{api}/search?q=Koursk"),
        ("api: speakers, most quoted", f"{api}/speakers"),
        ("api: speakers, by name", f"{api}/speakers?sort=name"),
        ("api: speakers, name filter `martin`", f"{api}/speakers?q=martin"),
        (
            f"api: speaker, most quoted ({top_speaker.quote_count})",
            f"{api}/speakers/{top_speaker.pk}",
        ),
        ("api: articles, newest first", f"{api}/articles"),
        ("api: articles, outlet", f"{api}/articles?outlet=Reuters"),
        ("api: article with its quotes", f"{api}/articles/{article.pk}"),
        ("api: topics", f"{api}/topics"),
        ("api: topic", f"{api}/topics/{top_topic[0]}"),
        (
            f"feed: most quoted speaker ({top_speaker.quote_count})",
            f"/speakers/{top_speaker.slug}/feed/",
        ),
        (f"feed: most quoted topic ({top_topic[1]})", f"/topics/{top_topic[0]}/feed/"),
        ("feed: search `gouvernement`", "/search/feed/?q=gouvernement"),
    ]


def measure(client: Client, label: str, url: str) -> dict:
    headers = {"HX-Request": "true"} if "htmx" in label else {}
    for _ in range(WARMUP):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url, headers=headers)
    # The planner's estimates (EXPLAIN) are not statements EXPLAIN ANALYZE could show.
    statements = [q for q in captured.captured_queries if not q["sql"].startswith("EXPLAIN")]
    slowest = max(statements, key=lambda q: float(q["time"]))
    timings.sort()
    return {
        "label": label,
        "url": url,
        "p50": statistics.median(timings),
        "p95": timings[round(0.95 * (len(timings) - 1))],
        "queries": len(captured.captured_queries),
        "slowest_sql": slowest["sql"],
    }


def explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="also write the markdown report here")
    parser.add_argument(
        "--only", action="append", default=[], help="run the cases whose label starts so"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL to the synthetic database.")
    client = Client()
    load_before = os.getloadavg()[0]
    chosen = [
        (label, url)
        for label, url in [*cases(), *api_cases()]
        if not args.only or any(label.startswith(prefix) for prefix in args.only)
    ]
    results = [measure(client, label, url) for label, url in chosen]
    load_after = os.getloadavg()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    lines = [
        "# Search benchmark",
        "",
        f"{Quote.objects.count():,} quotes, {Speaker.objects.count():,} speakers, "
        f"{Article.objects.count():,} articles, {Topic.objects.count():,} topics "
        f"({version}, {os.cpu_count()} cores). Full GET through Django's test client, "
        f"{WARMUP} warm-up requests then {RUNS} timed; milliseconds. Load average "
        f"{load_before:.1f} before and {load_after:.1f} after: other processes shared the "
        "two cores, so the tails are noisier than on an idle machine.",
        "",
        "| case | p50 (ms) | p95 (ms) | SQL queries |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {r['label']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['queries']} |" for r in results
    ]
    lines += [
        "",
        "## Before and after",
        "",
        "The browsing pages that counted quotes on every request, measured on this database "
        "just before migration 0005 (commit 7cd61db), and /insights/ just before migration "
        "0014 (commit 4e6c642), the API's speaker detail before its top topics read them "
        "(commit df5c1a4), a small topic's quotes in the API before their ids stayed in the "
        "database (commit 673cdb0), a small topic's page before the database counted its "
        "quotes (commit 2b6fdb5), then as they are now (this run):",
        "",
        "| case | before p50 | before p95 | before queries | p50 | p95 | queries |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['label']} | {before[0]} | {before[1]} | {before[2]} "
        f"| {r['p50']:.0f} | {r['p95']:.0f} | {r['queries']} |"
        for r in results
        if (
            before := BEFORE_STORED_COUNTS.get(r["label"])
            or BEFORE_INSIGHT_COUNTS.get(r["label"])
            or BEFORE_SPEAKER_TOPICS.get(r["label"])
            or BEFORE_TOPIC_IDS_IN_DATABASE.get(r["label"])
            or BEFORE_TOPIC_COUNTS_IN_DATABASE.get(r["label"])
        )
    ]
    lines += [NOTES, "## Slowest query of each case, explained", ""]
    for result in results:
        lines += [
            f"### {result['label']}",
            "",
            f"`GET {result['url']}`",
            "",
            "```sql",
            result["slowest_sql"],
            "```",
            "",
            "```",
            explain(result["slowest_sql"]),
            "```",
            "",
        ]
    report = "\n".join(lines)
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
