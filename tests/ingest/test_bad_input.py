"""Each bad input gets a one-line error naming its file, and the rest of the batch goes on."""

from __future__ import annotations

import json
import random

import pytest
from django.test import override_settings
from django.urls import reverse

from quotes.models import Article

pytestmark = pytest.mark.django_db

GOOD_TEXT = (
    "Le maire de Lyon inaugure un pont\n"
    "« Ce pont relie enfin les deux rives », a déclaré le maire de Lyon, Paul Durand, lundi.\n"
)
LATIN1_TEXT = (
    "Grève à la poste de Rennes\n"
    "« Nous ne céderons pas », a affirmé la déléguée syndicale Hélène Prévost, à Rennes.\n"
)


def write_good(tmp_path, name="good.txt"):
    path = tmp_path / name
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def test_missing_file_is_reported_and_the_others_are_stored(tmp_path, run_command):
    good = write_good(tmp_path)
    missing = tmp_path / "missing.txt"

    run = run_command("ingest", str(missing), str(good))

    assert run.code == 1
    assert run.error_lines == [f"{missing}: no such file or directory"]
    assert "1 new, 0 duplicate, 1 failed" in run.stdout
    assert Article.objects.get().title == "Le maire de Lyon inaugure un pont"


@pytest.mark.parametrize("content", ["", "   \n\t\n  ", "\ufeff\n"])
def test_empty_or_whitespace_text_is_refused(tmp_path, run_command, content):
    empty = tmp_path / "empty.txt"
    empty.write_text(content, encoding="utf-8")
    good = write_good(tmp_path)

    run = run_command("ingest", str(empty), str(good))

    assert run.code == 1
    assert run.error_lines == [f"{empty}: text is empty"]
    assert Article.objects.count() == 1


def test_binary_data_is_refused(tmp_path, run_command):
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    good = write_good(tmp_path)

    run = run_command("ingest", str(image), str(good))

    assert run.code == 1
    assert run.error_lines == [f"{image}: binary data, not text"]
    assert Article.objects.count() == 1


def test_undecodable_bytes_are_refused(tmp_path, run_command):
    noise = tmp_path / "noise.txt"
    rng = random.Random(7)
    noise.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    good = write_good(tmp_path)

    run = run_command("ingest", str(noise), str(good))

    assert run.code == 1
    assert len(run.error_lines) == 1
    assert run.error_lines[0].startswith(f"{noise}: undecodable bytes")
    assert Article.objects.count() == 1


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_text_is_detected_and_decoded_correctly(tmp_path, run_command, encoding):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(LATIN1_TEXT.encode(encoding))

    run = run_command("ingest", str(legacy))

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.title == "Grève à la poste de Rennes"
    assert "« Nous ne céderons pas », a affirmé la déléguée syndicale Hélène" in article.body


def test_bad_jsonl_lines_are_reported_by_line_and_the_other_lines_stored(tmp_path, run_command):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"title": "Premier", "text": GOOD_TEXT, "outlet": "Le Progrès"}),
        '{"title": "Cassé", "text": ',
        json.dumps({"title": "Sans texte", "outlet": "Le Progrès"}),
        json.dumps({"title": "Vide", "body": "   "}),
        "",
        json.dumps({"title": "Second", "body": LATIN1_TEXT, "published_at": "2024-11-12"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = run_command("ingest", str(feed))

    assert run.code == 1
    assert run.error_lines == [
        f"{feed}:2: not valid JSON (Expecting value)",
        f"{feed}:3: no text (expected a non-empty 'text' or 'body')",
        f"{feed}:4: no text (expected a non-empty 'text' or 'body')",
    ]
    assert "2 new, 0 duplicate, 3 failed" in run.stdout
    stored = {a.title: a for a in Article.objects.all()}
    assert set(stored) == {"Premier", "Second"}
    assert stored["Premier"].outlet == "Le Progrès"
    assert stored["Second"].published_at.date().isoformat() == "2024-11-12"


def test_json_file_with_a_list_of_articles(tmp_path, run_command):
    bundle = tmp_path / "bundle.json"
    bundle.write_text(
        json.dumps(
            [
                {"title": "Un", "text": GOOD_TEXT, "url": "https://example.org/un", "lang": "fr"},
                {"title": "Deux", "text": 42},
            ]
        ),
        encoding="utf-8",
    )

    run = run_command("ingest", str(bundle))

    assert run.code == 1
    assert run.error_lines == [f"{bundle} item 2: text is not a string"]
    assert Article.objects.get().url == "https://example.org/un"


@override_settings(INGEST_MAX_BYTES=300)
def test_text_over_the_size_limit_is_refused(tmp_path, run_command):
    long_file = tmp_path / "long.txt"
    long_file.write_text("Un titre\n" + "Une phrase de plus. " * 40, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "Long", "text": "é" * 200}) + "\n", encoding="utf-8")
    good = write_good(tmp_path)

    run = run_command("ingest", str(long_file), str(feed), str(good))

    assert run.code == 1
    assert len(run.error_lines) == 2
    assert run.error_lines[0].startswith(f"{long_file}: file is 809 bytes, over the limit of 300")
    assert run.error_lines[1] == (
        f"{feed}:1: text is 400 bytes, over the limit of 300 (INGEST_MAX_BYTES)"
    )
    assert Article.objects.count() == 1


@pytest.mark.parametrize("date", ["hier", "2024-13-45", "12/11/2024", 20241112])
def test_unparseable_date_is_refused(tmp_path, run_command, date):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "Daté", "text": LATIN1_TEXT, "published_at": date})
        + "\n"
        + json.dumps({"title": "Bon", "text": GOOD_TEXT, "published_at": "2024-11-12T08:30+01:00"})
        + "\n",
        encoding="utf-8",
    )

    run = run_command("ingest", str(feed))

    assert run.code == 1
    assert run.error_lines == [
        f"{feed}:1: published_at {date!r} is not a date (use ISO 8601: 2024-11-12)"
    ]
    article = Article.objects.get()
    assert article.title == "Bon"
    assert article.published_at.isoformat() == "2024-11-12T07:30:00+00:00"


def test_unsupported_language_and_bad_url_are_refused(tmp_path, run_command):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": GOOD_TEXT, "lang": "de"})
        + "\n"
        + json.dumps({"text": LATIN1_TEXT, "url": "javascript:alert(1)"})
        + "\n",
        encoding="utf-8",
    )

    run = run_command("ingest", str(feed))

    assert run.error_lines == [
        f"{feed}:1: lang 'de' is not supported (use fr, en)",
        f"{feed}:2: url 'javascript:alert(1)' is not a valid http(s) URL",
    ]
    assert not Article.objects.exists()


def test_folders_are_read_recursively(tmp_path, run_command):
    (tmp_path / "a" / "b").mkdir(parents=True)
    write_good(tmp_path / "a", "one.txt")
    (tmp_path / "a" / "b" / "two.json").write_text(
        json.dumps({"title": "Deux", "text": LATIN1_TEXT}), encoding="utf-8"
    )
    (tmp_path / "a" / "b" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a" / ".hidden.txt").write_text("Caché\nPas un article.", encoding="utf-8")

    run = run_command("ingest", str(tmp_path))

    assert run.code == 0, run.stderr
    assert "2 new, 0 duplicate, 0 failed" in run.stdout
    assert set(Article.objects.values_list("title", flat=True)) == {
        "Le maire de Lyon inaugure un pont",
        "Deux",
    }


def test_a_command_without_input_is_a_usage_error(run_command):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least one PATH or --url"):
        run_command("ingest")


@pytest.mark.parametrize(
    "date", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "9999-12-31T12:00:00Z"]
)
def test_a_date_outside_years_1_to_9999_in_any_time_zone_is_refused(tmp_path, run_command, date):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "Daté", "text": LATIN1_TEXT, "published_at": date}) + "\n",
        encoding="utf-8",
    )

    run = run_command("ingest", str(feed), str(write_good(tmp_path)))

    assert run.error_lines == [
        f"{feed}:1: published_at {date!r} is out of range (0001-01-02 to 9999-12-30 UTC)"
    ]
    assert Article.objects.get().status == Article.Status.DONE


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12"])
def test_the_earliest_and_latest_dates_accepted_are_shown_in_any_time_zone(
    tmp_path, run_command, admin_client, zone
):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "Ancien", "text": GOOD_TEXT, "published_at": "0001-01-02"})
        + "\n"
        + json.dumps({"title": "Futur", "text": LATIN1_TEXT, "published_at": "9999-12-30"})
        + "\n",
        encoding="utf-8",
    )

    run = run_command("ingest", str(feed))

    assert run.code == 0, run.stderr
    with override_settings(TIME_ZONE=zone):
        assert admin_client.get(reverse("admin:quotes_article_changelist")).status_code == 200
        for article in Article.objects.all():
            assert admin_client.get(article.get_absolute_url()).status_code == 200
