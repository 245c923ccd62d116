"""Attribution speed in the app: plain spaCy parsing versus attributing stored articles.

Stores the articles in a scratch SQLite database, then, in one process, times plain `nlp.pipe`
(every component of the model) and the attribution service (`articles_attribute`: the engine,
the quotes, speakers and search index written, and the topics of each article and quote). It
prints both rates and their ratio: what the database work and topic extraction cost on top of
one parse. It gives the ratios by wall clock and by CPU time of the process, which a loaded
machine changes less.

Each round first deletes every quote (outside the timing), so the service writes its quotes, topic
links and index rows as for new articles, about people and subjects the database has seen; it
then attributes the same articles again, when nothing changes and little is written.

    .venv/bin/python bench/bench_ingest.py [ARTICLES.jsonl] [--rounds N] [--lang fr]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_extraction import (  # noqa: E402
    load_texts,
    parse_options,
    peak_memory_megabytes,
    time_plain_parse,
)


def setup_django(database: Path) -> None:
    """Point Django at a scratch SQLite file and create the schema, with DEBUG off.

    DEBUG off as in production: with DEBUG on, Django keeps every statement's SQL with its
    parameters quoted by a second SQLite query, which adds to the cost of every statement.
    """
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def store(texts: list[str], lang: str) -> list:
    """Store each text as an article, without attributing it."""
    from quotes.ingest.records import build_record
    from quotes.services.ingest import article_store

    records = [build_record(source=f"bench-{i}", text=text) for i, text in enumerate(texts)]
    return [article_store(record=record, language=lang).article for record in records]


def time_attribution(articles: list) -> tuple[float, float, int]:
    """Seconds (wall clock, CPU) to attribute every stored article, and the quotes written."""
    from quotes.models import Quote
    from quotes.search.query import stem
    from quotes.services.attribution import articles_attribute

    stem.cache_clear()  # every round starts cold, as new articles would
    started, cpu = time.perf_counter(), time.process_time()
    outcomes = articles_attribute(articles=articles)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    failed = [outcome.error for outcome in outcomes if outcome.failed]
    if failed:
        raise SystemExit(f"attribution failed: {failed[0]}")
    return seconds, cpu, Quote.objects.count()


def time_plain(texts: list[str], lang: str) -> tuple[float, float]:
    """Seconds (wall clock, CPU) of plain parsing."""
    cpu = time.process_time()
    seconds = time_plain_parse(texts, lang)
    return seconds, time.process_time() - cpu


def clear_quotes() -> None:
    """Delete every quote with its topic links and index rows; speakers and topics stay."""
    from quotes.models import Quote

    Quote.objects.all().delete()


def main() -> None:
    """Measure and print the three rates, the ratios and the peak memory."""
    options = parse_options(__doc__.splitlines()[0])
    texts = load_texts(options.articles)
    with tempfile.TemporaryDirectory() as scratch:
        setup_django(Path(scratch) / "bench.sqlite3")
        articles = store(texts, options.lang)
        # The first round loads the model and creates the speakers and topics.
        time_plain_parse(texts[:5], options.lang)
        time_attribution(articles)
        plain_times, new_times, again_times = [], [], []
        quotes = 0
        for _ in range(options.rounds):
            plain_times.append(time_plain(texts, options.lang))
            clear_quotes()
            *seconds, quotes = time_attribution(articles)
            new_times.append(seconds)
            again_times.append(time_attribution(articles)[:2])
        from django.db import connections

        connections.close_all()
    # Best of the rounds, for the wall clock and for CPU time apart.
    (plain, plain_cpu), (new, new_cpu), (again, again_cpu) = (
        (min(t[0] for t in times), min(t[1] for t in times))
        for times in (plain_times, new_times, again_times)
    )
    print(f"{len(texts)} articles, best of {options.rounds} rounds")
    print(f"plain nlp.pipe (all components):        {len(texts) / plain:6.1f} articles/s")
    print(f"attribution service, new ({quotes} quotes): {len(texts) / new:6.1f} articles/s")
    print(f"attribution service, again (unchanged): {len(texts) / again:6.1f} articles/s")
    print(f"ratio attribution / plain: {plain / new:.2f} new, {plain / again:.2f} again")
    # CPU time leaves out the time other processes take the cores: the ratio to read on a
    # loaded machine (it also leaves out waiting for the disk, small with SQLite's WAL).
    print(
        f"ratio by CPU time of this process: {plain_cpu / new_cpu:.2f} new, "
        f"{plain_cpu / again_cpu:.2f} again"
    )
    print(f"peak memory: {peak_memory_megabytes():.0f} MB")


if __name__ == "__main__":
    main()
