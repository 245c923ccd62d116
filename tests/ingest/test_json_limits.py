"""A .json file and a .jsonl line are bounded as a whole, and every record in them still is."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from django.test import override_settings

from quotes.ingest import ArticleRecord, ReadError, read_path
from quotes.models import Article
from tests.ingest.test_bad_input import GOOD_TEXT, LATIN1_TEXT, write_good

JSON_LIMIT_ERROR = "over the limit of {limit} for a .json file (INGEST_JSON_MAX_BYTES)"


def article_text(number: int) -> str:
    opposition = "Les élus de l'opposition ont voté contre. " * 10
    return (
        f"Le conseil municipal vote le budget numéro {number}\n"
        f"« Ce budget numéro {number} protège les écoles », a déclaré la maire, Claire Martin. "
        f"{opposition}"
    )


def peak_memory_while(read) -> int:
    """Peak bytes allocated by Python while read() runs."""
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.django_db
@override_settings(INGEST_MAX_BYTES=1000, INGEST_JSON_MAX_BYTES=3000)
def test_json_file_over_its_limit_is_refused_with_one_line_and_the_batch_goes_on(
    tmp_path, run_command
):
    bundle = tmp_path / "bundle.json"
    bundle.write_text(
        json.dumps([{"title": f"N{n}", "text": article_text(n)} for n in range(10)]),
        encoding="utf-8",
    )
    size = bundle.stat().st_size
    good = write_good(tmp_path)

    run = run_command("ingest", str(bundle), str(good))

    assert run.code == 1
    assert run.error_lines == [
        f"{bundle}: file is {size} bytes, {JSON_LIMIT_ERROR.format(limit=3000)}; "
        "split it, or use .jsonl, which is read line by line"
    ]
    assert "1 new, 0 duplicate, 1 failed" in run.stdout
    assert Article.objects.get().title == "Le maire de Lyon inaugure un pont"


@pytest.mark.django_db
@override_settings(INGEST_MAX_BYTES=1000, INGEST_JSON_MAX_BYTES=100_000)
def test_json_list_larger_than_one_article_is_stored_and_each_record_is_still_checked(
    tmp_path, run_command
):
    too_long = "Un titre\n" + "Une phrase de plus. " * 60
    bundle = tmp_path / "bundle.json"
    bundle.write_text(
        json.dumps(
            [
                {"title": "Un", "text": GOOD_TEXT},
                {"title": "Trop long", "text": too_long},
                {"title": "Deux", "text": LATIN1_TEXT},
                {"title": "Trois", "text": article_text(3)},
            ]
        ),
        encoding="utf-8",
    )
    assert bundle.stat().st_size > 1000

    run = run_command("ingest", str(bundle))

    assert run.code == 1
    assert run.error_lines == [
        f"{bundle} item 2: text is {len(too_long.strip().encode())} bytes, "
        "over the limit of 1000 (INGEST_MAX_BYTES)"
    ]
    assert "3 new, 0 duplicate, 1 failed" in run.stdout
    assert set(Article.objects.values_list("title", flat=True)) == {"Un", "Deux", "Trois"}


@override_settings(INGEST_JSON_MAX_BYTES=1_000_000)
def test_a_huge_json_file_is_refused_without_being_read(tmp_path):
    huge = tmp_path / "huge.json"
    record = json.dumps({"title": "Gros", "text": "é" * 1000}) + ","
    huge.write_text("[" + record * 4000 + "{}]", encoding="utf-8")
    found: list[ArticleRecord | ReadError] = []

    peak = peak_memory_while(lambda: found.extend(read_path(huge)))

    assert [str(item) for item in found] == [
        f"{huge}: file is {huge.stat().st_size} bytes, "
        f"{JSON_LIMIT_ERROR.format(limit=1_000_000)}; "
        "split it, or use .jsonl, which is read line by line"
    ]
    assert huge.stat().st_size > 20_000_000
    assert peak < 1_000_000


@pytest.mark.django_db
@override_settings(INGEST_JSON_MAX_BYTES=2000)
def test_jsonl_line_over_the_limit_is_refused_and_the_next_lines_are_stored(tmp_path, run_command):
    long_line = json.dumps({"title": "Énorme", "text": "Un mot. " * 1000})
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "Premier", "text": GOOD_TEXT}),
        long_line,
        json.dumps({"title": "Second", "text": LATIN1_TEXT}),
        '{"title": "Cassé", ',
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = run_command("ingest", str(feed))

    assert run.code == 1
    assert run.error_lines == [
        f"{feed}:2: line is {len(long_line.encode())} bytes, over the limit of 2000 "
        "for one JSON document (INGEST_JSON_MAX_BYTES)",
        f"{feed}:4: not valid JSON (Expecting property name enclosed in double quotes)",
    ]
    assert "2 new, 0 duplicate, 2 failed" in run.stdout
    assert set(Article.objects.values_list("title", flat=True)) == {"Premier", "Second"}


@override_settings(INGEST_JSON_MAX_BYTES=200)
def test_jsonl_line_limit_counts_the_line_without_its_newline(tmp_path):
    def line_of(size: int, title: str) -> str:
        padding = size - len(json.dumps({"title": title, "text": ""}).encode())
        line = json.dumps({"title": title, "text": "x" * padding})
        assert len(line.encode()) == size
        return line

    feed = tmp_path / "feed.jsonl"
    # The last line has no newline: a file cut short must still be measured right.
    feed.write_text(
        "\n".join([line_of(200, "juste"), line_of(201, "trop"), line_of(250, "fin")]),
        encoding="utf-8",
    )

    found = list(read_path(feed))

    assert isinstance(found[0], ArticleRecord)
    assert found[0].title == "juste"
    assert [str(item) for item in found[1:]] == [
        f"{feed}:2: line is 201 bytes, over the limit of 200 for one JSON document "
        "(INGEST_JSON_MAX_BYTES)",
        f"{feed}:3: line is 250 bytes, over the limit of 200 for one JSON document "
        "(INGEST_JSON_MAX_BYTES)",
    ]


@override_settings(INGEST_JSON_MAX_BYTES=1_000_000)
def test_a_huge_jsonl_line_is_skipped_without_being_held_in_memory(tmp_path):
    huge_line = json.dumps({"title": "Énorme", "text": "Un mot. " * 3_000_000})
    huge_size = len(huge_line.encode())
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        huge_line + "\n" + json.dumps({"title": "Après", "text": GOOD_TEXT}) + "\n",
        encoding="utf-8",
    )
    del huge_line
    found: list[ArticleRecord | ReadError] = []

    peak = peak_memory_while(lambda: found.extend(read_path(feed)))

    assert str(found[0]) == (
        f"{feed}:1: line is {huge_size} bytes, over the limit of 1000000 for one JSON document "
        "(INGEST_JSON_MAX_BYTES)"
    )
    assert found[1].title == "Après"
    assert peak < 5_000_000
