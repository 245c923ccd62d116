"""Load test: gunicorn on PostgreSQL under a mix of reader pages, driven by locust.

    .venv/bin/python bench/load_test.py                  # demo data, then the synthetic base
    .venv/bin/python bench/load_test.py --base demo --requests 2000

For each base the script makes its PostgreSQL database when missing (`quotes_load_demo`, filled
by `manage.py load_demo`; `quotes_synth`, the search benchmark's, filled by `manage.py
build_synthetic`) and reuses it otherwise, migrates it, collects static files, starts gunicorn
with the project's gunicorn.conf.py and DEBUG off on a free 127.0.0.1 port, sends a fixed,
seeded plan of GET requests from locust users with no think time (so the numbers are what the
machine can serve, not what a crowd of readers would ask), stops gunicorn and prints
throughput, latency percentiles per page kind and the errors. Each run is bounded by the plan's
length (--warmup plus --requests) and by --time-limit seconds; anything but a 200 is an error.
"""

from __future__ import annotations

# locust patches the standard library for gevent when imported, so it comes before the rest.
from locust import FastHttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser

# isort: split
import argparse
import http.client
import itertools
import math
import os
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import gevent
from gevent.event import Event

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SEED = 14
DEMO_DATABASE = "quotes_load_demo"
PRODUCTION_SECRET = secrets.token_urlsafe(50)
SYNTHETIC_DATABASE = "quotes_synth"

# How often each kind of page is asked for: a reader mostly searches and follows links.
PAGE_KINDS = {
    "home": 10,
    "speaker list": 7,
    "speaker page": 13,
    "article page": 11,
    "quote page": 11,
    "search": 14,
    "search with facets": 9,
    "topic list": 4,
    "topic page": 9,
    "htmx fragment": 12,
}
# Words a newsroom searches for, common and rare, French and English, one with no match.
SEARCH_WORDS = (
    "gouvernement", "président", "police", "guerre", "élections", "ministre", "défense",
    "economie", "Ukraine", "santé", "justice", "climat", "grève", "government", "police chief",
    '"premier ministre"', "président -Trump", "Koursk", "zxqvbn",
)  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One request of the plan."""

    kind: str
    path: str
    htmx: bool = False


@dataclass
class Sample:
    """What the database holds, to build paths from: slugs, ids, names, outlets."""

    speakers: list[str]
    top_speakers: list[str]
    speaker_names: list[str]
    articles: list[int]
    quotes: list[int]
    topics: list[str]
    top_topics: list[str]
    outlets: list[str]
    sizes: dict[str, int]


@dataclass
class Recorder:
    """Response times after the warm-up, by page kind, and the errors."""

    warmup: int
    planned: int
    seen: int = 0
    started_at: float = 0.0
    finished_at: float = 0.0
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_examples: list[str] = field(default_factory=list)
    done: Event = field(default_factory=Event)

    def record(self, kind: str, started: float, milliseconds: float, error: str | None) -> None:
        self.seen += 1
        if self.seen > self.warmup:
            if not self.started_at:
                self.started_at = started
            self.finished_at = time.time()
            self.timings.setdefault(kind, []).append(milliseconds)
            if error:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                if len(self.error_examples) < 5:
                    self.error_examples.append(error)
        if self.seen >= self.planned:
            self.done.set()


def psql(server: str, database: str, sql: str) -> list[list[str]]:
    """Rows of one statement, through psql (the script itself never loads Django)."""
    output = subprocess.run(
        ["psql", f"{server}/{database}", "-X", "-q", "-t", "-A", "-F", "\t", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.split("\t") for line in output.splitlines() if line]


def manage(database_url: str, *args: str, production: bool = False) -> None:
    """Run a manage.py command on the database, in development or production settings."""
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=django_env(database_url, production), check=True
    )


def django_env(database_url: str, production: bool) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    env.pop("TESTING", None)
    if production:
        # Production settings as the README gives them, over plain HTTP on loopback.
        env.update(
            DEBUG="false",
            SECRET_KEY=PRODUCTION_SECRET,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_COOKIES="false",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
        )
    else:
        env["DEBUG"] = "true"
    return env


def prepare(base: str, server: str, synthetic_quotes: int) -> str:
    """Create, fill (when empty) and migrate the base's database; return its URL."""
    database = DEMO_DATABASE if base == "demo" else SYNTHETIC_DATABASE
    url = f"{server}/{database}"
    if not psql(server, "postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'"):
        psql(server, "postgres", f"CREATE DATABASE {database}")
    manage(url, "migrate", "--noinput", "-v0")
    if psql(server, database, "SELECT count(*) FROM quotes_article")[0][0] == "0":
        started = time.perf_counter()
        if base == "demo":
            manage(url, "load_demo", "-v0")
        else:
            manage(
                url,
                "build_synthetic",
                f"--quotes={synthetic_quotes}",
                f"--speakers={max(synthetic_quotes // 20, 10)}",
                f"--articles={max(synthetic_quotes // 5, 10)}",
            )
        print(f"filled {database} in {time.perf_counter() - started:.0f} s", flush=True)
    return url


def sample(server: str, database: str) -> Sample:
    """Random and most visited speakers, articles, quotes and topics of the database."""

    def column(sql: str) -> list[str]:
        return [row[0] for row in psql(server, database, sql)]

    live_speakers = "FROM quotes_speaker WHERE merged_into_id IS NULL AND quote_count > 0"
    public_quotes = "FROM quotes_quote WHERE review_status <> 'rejected'"
    sizes = {
        table: int(column(f"SELECT count(*) FROM quotes_{table}")[0])
        for table in ("article", "quote", "speaker", "topic")
    }
    return Sample(
        speakers=column(f"SELECT slug {live_speakers} ORDER BY random() LIMIT 300"),
        top_speakers=column(f"SELECT slug {live_speakers} ORDER BY quote_count DESC LIMIT 20"),
        speaker_names=column(f"SELECT name {live_speakers} ORDER BY random() LIMIT 50"),
        articles=[
            int(pk)
            for pk in column(
                "SELECT DISTINCT article_id FROM (SELECT article_id "
                f"{public_quotes} ORDER BY random() LIMIT 300) AS picked"
            )
        ],
        quotes=[int(pk) for pk in column(f"SELECT id {public_quotes} ORDER BY random() LIMIT 300")],
        topics=column(
            "SELECT slug FROM quotes_topic WHERE quote_count > 0 ORDER BY random() LIMIT 200"
        ),
        top_topics=column("SELECT slug FROM quotes_topic ORDER BY quote_count DESC LIMIT 20"),
        outlets=column("SELECT DISTINCT outlet FROM quotes_article WHERE outlet <> '' LIMIT 20"),
        sizes=sizes,
    )


def plan(data: Sample, count: int, rng: random.Random) -> list[Step]:
    """A seeded list of requests drawn from PAGE_KINDS, each with a path built from the data."""

    def speaker() -> str:
        # Readers go to the most quoted speakers and topics far more often than to the rest.
        return rng.choice(data.top_speakers if rng.random() < 0.3 else data.speakers)

    def topic() -> str:
        return rng.choice(data.top_topics if rng.random() < 0.3 else data.topics)

    def query(**params: object) -> str:
        return urlencode({name: value for name, value in params.items() if value})

    def search_words() -> str:
        return rng.choice([*SEARCH_WORDS, *data.speaker_names[:10]])

    def facets() -> str:
        year = rng.randint(2014, 2026)
        return query(
            q=rng.choice([search_words(), ""]),
            language=rng.choice(["", "fr", "en"]),
            kind=rng.choice(["", "direct", "indirect"]),
            speaker_kind=rng.choice(["", "person", "organisation"]),
            outlet=rng.choice(["", *data.outlets]) if data.outlets else "",
            topic=topic() if rng.random() < 0.2 else "",
            date_from=f"{year}-01-01" if rng.random() < 0.4 else "",
            date_to=f"{year}-12-31" if rng.random() < 0.2 else "",
            page=rng.choice(["", "", "2"]),
        )

    def fragment() -> Step:
        choice = rng.randrange(4)
        if choice == 0:
            # Search as you type: the prefixes of a word, each a request.
            word = search_words()
            prefix = word[: rng.randint(3, max(3, len(word)))]
            return Step("htmx fragment", f"/search/?{query(q=prefix)}", htmx=True)
        if choice == 1:
            return Step("htmx fragment", f"/speakers/{speaker()}/?page=2", htmx=True)
        if choice == 2:
            name = rng.choice(data.speaker_names)[:4]
            return Step("htmx fragment", f"/speakers/?{query(q=name)}", htmx=True)
        return Step("htmx fragment", f"/topics/{topic()}/?page=2", htmx=True)

    builders = {
        "home": lambda: Step("home", "/"),
        "speaker list": lambda: Step(
            "speaker list",
            "/speakers/?"
            + query(
                sort=rng.choice(["", "latest", "name"]),
                kind=rng.choice(["", "", "person", "organisation"]),
                page=rng.choice(["", "", "2", "3"]),
            ),
        ),
        "speaker page": lambda: Step("speaker page", f"/speakers/{speaker()}/"),
        "article page": lambda: Step("article page", f"/articles/{rng.choice(data.articles)}/"),
        "quote page": lambda: Step("quote page", f"/quotes/{rng.choice(data.quotes)}/"),
        "search": lambda: Step("search", f"/search/?q={quote(search_words())}"),
        "search with facets": lambda: Step("search with facets", f"/search/?{facets()}"),
        "topic list": lambda: Step(
            "topic list", "/topics/?" + query(q=rng.choice(["", "", "guerre", "pol"]))
        ),
        "topic page": lambda: Step("topic page", f"/topics/{topic()}/"),
        "htmx fragment": fragment,
    }
    kinds = rng.choices(list(PAGE_KINDS), weights=list(PAGE_KINDS.values()), k=count)
    return [builders[kind]() for kind in kinds]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(port: int, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer GET / within {timeout:.0f} s")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's process group (master and workers), SIGKILL if it lingers."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def drive(port: int, steps: list[Step], users: int, warmup: int, time_limit: float) -> Recorder:
    """Send the steps from `users` locust users with no think time; stop when done or late."""
    recorder = Recorder(warmup=warmup, planned=len(steps))
    queue: Iterator[Step] = iter(steps)

    class Reader(FastHttpUser):
        host = f"http://127.0.0.1:{port}"
        wait_time = constant(0)
        network_timeout = 60.0
        connection_timeout = 10.0

        @task
        def visit(self) -> None:
            step = next(queue, None)
            if step is None:
                raise StopUser
            headers = {"HX-Request": "true", "HX-Current-URL": self.host + step.path}
            started = time.time()
            with self.client.get(
                step.path,
                name=step.kind,
                headers=headers if step.htmx else {},
                catch_response=True,
            ) as response:
                error = None
                if response.status_code != 200:
                    error = f"{response.status_code} GET {step.path}"
                    response.failure(error)
                elapsed = (time.time() - started) * 1000
            recorder.record(step.kind, started, elapsed, error)

    environment = Environment(user_classes=[Reader])
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    recorder.done.wait(timeout=time_limit)
    runner.quit()
    gevent.sleep(0)
    return recorder


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def report(title: str, recorder: Recorder, cpu_seconds: float, load: tuple[float, float]) -> str:
    """The markdown section for one base."""
    elapsed = recorder.finished_at - recorder.started_at
    total = sum(len(values) for values in recorder.timings.values())
    errors = sum(recorder.errors.values())
    lines = [
        f"### {title}",
        "",
        f"{total:,} requests after {recorder.warmup} warm-up requests in {elapsed:.1f} s: "
        f"**{total / elapsed:.1f} requests/s**, **{errors} errors**. Load average "
        f"{load[0]:.1f} before, {load[1]:.1f} after; locust itself used {cpu_seconds:.0f} s "
        "of CPU on the same two cores.",
        "",
        "| page kind | requests | errors | p50 (ms) | p95 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = [
        *sorted(recorder.timings.items()),
        ("all", list(itertools.chain(*recorder.timings.values()))),
    ]
    for kind, values in rows:
        values = sorted(values)
        failed = errors if kind == "all" else recorder.errors.get(kind, 0)
        label = "**all**" if kind == "all" else kind
        lines.append(
            f"| {label} | {len(values):,} | {failed} | {percentile(values, 0.50):.0f} "
            f"| {percentile(values, 0.95):.0f} | {percentile(values, 0.99):.0f} |"
        )
    if recorder.error_examples:
        lines += ["", "First errors: " + "; ".join(recorder.error_examples)]
    return "\n".join(lines)


def run_base(base: str, args: argparse.Namespace) -> str:
    database_url = prepare(base, args.server, args.synthetic_quotes)
    database = database_url.rsplit("/", 1)[1]
    data = sample(args.server, database)
    sizes = data.sizes
    title = (
        f"{'Demo data' if base == 'demo' else 'Synthetic base'} ({database}: "
        f"{sizes['article']:,} articles, {sizes['quote']:,} quotes, "
        f"{sizes['speaker']:,} speakers, {sizes['topic']:,} topics), "
        f"{args.workers} gunicorn workers, {args.users} users"
    )
    steps = plan(data, args.warmup + args.requests, random.Random(SEED))
    manage(database_url, "collectstatic", "--noinput", "-v0", production=True)
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [
                GUNICORN,
                *(["--config=gunicorn.conf.py"] if (ROOT / "gunicorn.conf.py").exists() else []),
                f"--bind=127.0.0.1:{port}",
                f"--workers={args.workers}",
                "newsroom.wsgi:application",
            ],
            cwd=ROOT,
            env=django_env(database_url, production=True),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_serving(port, server, timeout=120)
            print(f"{title}: {len(steps):,} requests on port {port}", flush=True)
            load_before = os.getloadavg()[0]
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            recorder = drive(port, steps, args.users, args.warmup, args.time_limit)
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            load_after = os.getloadavg()[0]
        except BaseException:
            log.seek(0)
            print("gunicorn's log ends with:\n" + log.read()[-3000:], file=sys.stderr)
            raise
        finally:
            stop(server)
        log.seek(0)
        server_log = log.read()
    if recorder.errors:
        print("gunicorn's log ends with:\n" + server_log[-3000:], file=sys.stderr)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    return report(title, recorder, cpu, (load_before, load_after))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base",
        choices=["demo", "synthetic"],
        action="append",
        help="which data to serve (repeatable; default: both)",
    )
    parser.add_argument("--requests", type=int, default=5000, help="measured requests per base")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured requests first")
    parser.add_argument("--users", type=int, default=8, help="concurrent locust users")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: gunicorn.conf.py's, 2 per core plus 1)",
    )
    parser.add_argument(
        "--time-limit", type=float, default=300, help="seconds after which a run stops anyway"
    )
    parser.add_argument(
        "--synthetic-quotes",
        type=int,
        default=1_000_000,
        help="size of the synthetic base when it has to be built",
    )
    parser.add_argument(
        "--server",
        default=os.environ.get("PG_SERVER", "postgres://postgres@127.0.0.1:5432"),
        help="PostgreSQL server URL, without a database name",
    )
    parser.add_argument("--output", type=Path, help="also write the markdown sections here")
    args = parser.parse_args()
    sections = [run_base(base, args) for base in args.base or ["demo", "synthetic"]]
    text = "\n\n".join(sections)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
