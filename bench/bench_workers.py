"""Scale-out: articles/s of an ingest shared by 1, then 2 Celery worker processes.

    .venv/bin/python bench/bench_workers.py                  # 1,000 articles, 1 then 2 workers
    .venv/bin/python bench/bench_workers.py --articles 40    # a quick look

Each round starts from an empty PostgreSQL database of the script's own (`quotes_bench_workers`,
copied from a migrated template; both dropped at the end) and an empty Redis database of its own
(number 14 by default; the script refuses one that holds keys, and flushes it at the end). It
starts K real `celery -A newsroom worker --concurrency 1` processes, waits until each answers a
ping, ingests the first N articles of the WiNER French corpus through the project's ingest
service (which stores each article, then queues its attribution), and times from the first
queued task until no article is pending. spaCy models load inside the first task of each
worker, so that time is counted, as it is in a real batch.
"""

from __future__ import annotations

import argparse
import itertools
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CELERY = str(Path(sys.executable).with_name("celery"))
DATABASE = "quotes_bench_workers"
TEMPLATE = f"{DATABASE}_template"
SERVER = os.environ.get("PG_SERVER", "postgres://postgres@127.0.0.1:5432")
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "winer_fr" / "articles.jsonl"
DEFAULT_BROKER = "redis://127.0.0.1:6379/14"

# Production settings for this process and the workers: the queue is only used with a broker.
os.environ.update(
    DJANGO_SETTINGS_MODULE="newsroom.settings",
    DEBUG="false",
    SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    ALLOWED_HOSTS="127.0.0.1",
    DATABASE_URL=f"{SERVER}/{DATABASE}",
    LOG_LEVEL="WARNING",
)
os.environ.pop("TESTING", None)


@dataclass(frozen=True)
class Round:
    """One ingest with K workers."""

    workers: int
    articles: int
    seconds: float
    done: int
    failed: int
    pending: int
    load: tuple[float, float]
    tasks_per_worker: tuple[int, ...]

    @property
    def rate(self) -> float:
        return (self.done + self.failed) / self.seconds


def psql(sql: str, database: str = "postgres") -> None:
    subprocess.run(
        ["psql", f"{SERVER}/{database}", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


def fresh_database() -> None:
    """An empty, migrated database for the round, copied from the template."""
    from django.db import connections

    connections.close_all()
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE} TEMPLATE {TEMPLATE}")


def make_template() -> None:
    psql(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
    psql(f"CREATE DATABASE {TEMPLATE}")
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{TEMPLATE}"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def drop_databases() -> None:
    from django.db import connections

    connections.close_all()
    for name in (DATABASE, TEMPLATE):
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def start_workers(count: int, broker: str, log_dir: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "CELERY_BROKER_URL": broker}
    workers = []
    for number in range(1, count + 1):
        log = (log_dir / f"worker{number}.log").open("w")
        workers.append(
            subprocess.Popen(
                [
                    CELERY, "-A", "newsroom", "worker", "--concurrency=1", "--loglevel=WARNING",
                    f"--hostname=bench{number}@%h", "--without-gossip", "--without-mingle",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )  # fmt: skip
    return workers


def wait_for_workers(count: int, workers: list[subprocess.Popen], timeout: float) -> None:
    from newsroom.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(worker.poll() is not None for worker in workers):
            raise RuntimeError("a Celery worker exited while starting; see its log")
        if len(app.control.ping(timeout=1.0)) >= count:
            return
    raise RuntimeError(f"{count} Celery workers did not answer a ping within {timeout:.0f} s")


def stop_workers(workers: list[subprocess.Popen]) -> None:
    """Warm shutdown (SIGTERM) of each worker's process group, SIGKILL if it lingers."""
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def show_logs(log_dir: Path) -> None:
    for log in sorted(log_dir.glob("*.log")):
        print(f"{log.name}:\n{log.read_text()[-3000:]}", file=sys.stderr)


def ingest_round(workers: int, source: Path, broker: str, time_limit: float) -> Round:
    """Queue every article of `source` for `workers` workers; time until none is pending."""
    from newsroom.celery import app
    from quotes.ingest import read_paths
    from quotes.models import Article
    from quotes.services.ingest import IngestStatus, articles_ingest

    fresh_database()
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as log_dir:
        processes = start_workers(workers, broker, Path(log_dir))
        try:
            wait_for_workers(workers, processes, timeout=120)
            load_before = os.getloadavg()[0]
            first_queued: list[float] = []

            def on_result(status: IngestStatus, message: str) -> None:
                if status is IngestStatus.NEW and not first_queued:
                    first_queued.append(time.perf_counter())
                elif status is IngestStatus.FAILED:
                    print(f"  {message}", file=sys.stderr)

            report = articles_ingest(items=read_paths([str(source)]), on_result=on_result)
            if not first_queued:
                raise RuntimeError(f"nothing was queued: {report.summary()}")
            pending = Article.objects.filter(status=Article.Status.PENDING)
            deadline = first_queued[0] + time_limit
            shown = time.perf_counter()
            while (left := pending.count()) and time.perf_counter() < deadline:
                if time.perf_counter() - shown >= 30:
                    shown = time.perf_counter()
                    print(f"  {left} pending after {shown - first_queued[0]:.0f} s", flush=True)
                time.sleep(0.25)
            seconds = time.perf_counter() - first_queued[0]
            load_after = os.getloadavg()[0]
            stats = app.control.inspect(timeout=2.0).stats() or {}
            tasks = sorted(
                (sum(reply.get("total", {}).values()) for reply in stats.values()), reverse=True
            )
        except BaseException:
            show_logs(Path(log_dir))
            raise
        finally:
            stop_workers(processes)
    counts = {
        status: Article.objects.filter(status=status).count() for status in Article.Status.values
    }
    for article in Article.objects.filter(status=Article.Status.FAILED).order_by("pk"):
        print(f"  article {article.pk} failed: {article.error[-500:]}", file=sys.stderr)
    return Round(
        workers=workers,
        articles=report.new,
        seconds=seconds,
        done=counts["done"],
        failed=counts["failed"],
        pending=counts["pending"],
        load=(load_before, load_after),
        tasks_per_worker=tuple(tasks),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="how many articles to ingest")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="worker counts, one round each"
    )
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="a JSONL of articles")
    parser.add_argument("--broker", default=DEFAULT_BROKER, help="a Redis database of our own")
    parser.add_argument(
        "--time-limit", type=float, default=4 * 3600, help="seconds a round may last at most"
    )
    args = parser.parse_args()

    # Set before Django reads its settings: without a broker, tasks would run in this process.
    os.environ["CELERY_BROKER_URL"] = args.broker
    import django
    import redis

    sys.path.insert(0, str(ROOT))
    django.setup()
    from newsroom.celery import app

    if app.conf.task_always_eager or app.conf.broker_url != args.broker:
        sys.exit(f"the project's Celery app does not send tasks to {args.broker}")

    broker = redis.Redis.from_url(args.broker)
    if broker.dbsize():
        sys.exit(f"{args.broker} holds keys: pick a Redis database of the benchmark's own")
    rounds: list[Round] = []
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as folder:
        subset = Path(folder) / "articles.jsonl"
        with args.source.open(encoding="utf-8") as source:
            subset.write_text("".join(itertools.islice(source, args.articles)))
        try:
            make_template()
            for workers in args.workers:
                print(f"{args.articles} articles, {workers} worker(s)...", flush=True)
                rounds.append(ingest_round(workers, subset, args.broker, args.time_limit))
                last = rounds[-1]
                print(
                    f"  {last.done} done, {last.failed} failed, {last.pending} pending in "
                    f"{last.seconds:.1f} s",
                    flush=True,
                )
        finally:
            drop_databases()
            broker.flushdb()
    print()
    print(
        "| workers | articles | done | failed | pending | tasks per worker | seconds "
        "| articles/s | speed-up |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for result in rounds:
        print(
            f"| {result.workers} | {result.articles} | {result.done} | {result.failed} "
            f"| {result.pending} | {' + '.join(map(str, result.tasks_per_worker))} "
            f"| {result.seconds:.1f} | {result.rate:.2f} | {result.rate / rounds[0].rate:.2f}x |"
        )
    loads = ", ".join(
        f"{r.workers} worker(s): {r.load[0]:.1f} before, {r.load[1]:.1f} after" for r in rounds
    )
    print(f"\nLoad average ({os.cpu_count()} cores): {loads}.")


if __name__ == "__main__":
    main()
