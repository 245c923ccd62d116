"""Paths that are not plain files or readable folders: each one is named, none blocks the run."""

from __future__ import annotations

import io
import json
import os
import pwd
import socket
import tempfile
import threading
import traceback
from pathlib import Path

import pytest
from django.core.management import call_command

from quotes.ingest import read_paths
from quotes.models import Article
from tests.ingest.test_bad_input import write_good

pytestmark = pytest.mark.django_db


def test_a_named_pipe_is_refused_without_being_opened(tmp_path, run_command):
    pipe = tmp_path / "feed.jsonl"
    os.mkfifo(pipe)
    good = write_good(tmp_path)
    found: list[str] = []
    # Opening a FIFO waits for a writer that never comes: read in a thread so a regression
    # fails this test instead of hanging the suite.
    reader = threading.Thread(target=lambda: found.extend(map(str, read_paths([pipe]))))
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():
        with open(pipe, "wb"):  # releases the blocked reader
            pass
        pytest.fail("reading a named pipe blocked")

    run = run_command("ingest", str(pipe), str(good))

    assert found == [f"{pipe}: not a regular file (named pipe)"]
    assert run.code == 1
    assert run.error_lines == [f"{pipe}: not a regular file (named pipe)"]
    assert Article.objects.count() == 1


def test_a_device_and_a_socket_are_refused_without_being_read(tmp_path, run_command):
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")
    socket_path = tmp_path / "listening.txt"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listening:
        listening.bind(str(socket_path))

        run = run_command("ingest", str(device), str(socket_path))

    assert run.code == 1
    assert run.error_lines == [
        f"{device}: not a regular file (device)",
        f"{socket_path}: not a regular file (socket)",
    ]


def test_a_folder_holding_only_a_folder_says_it_found_nothing(tmp_path, run_command):
    outer = tmp_path / "outer"
    (outer / "inner").mkdir(parents=True)
    (outer / "inner" / "notes.pdf").write_bytes(b"%PDF-1.4")

    run = run_command("ingest", str(outer))

    assert run.code == 1
    assert run.error_lines == [
        f"{outer}: no article files found (looked for .txt, .json, .jsonl, .html, .htm)"
    ]
    assert "0 new, 0 duplicate, 1 failed" in run.stdout


def test_empty_json_inputs_say_they_hold_no_article(tmp_path, run_command):
    empty_list = tmp_path / "list.json"
    empty_list.write_text("[]", encoding="utf-8")
    blank_feed = tmp_path / "feed.jsonl"
    blank_feed.write_text("\n\n", encoding="utf-8")

    run = run_command("ingest", str(empty_list), str(blank_feed))

    assert run.code == 1
    assert run.error_lines == [
        f"{empty_list}: no articles in JSON list",
        f"{blank_feed}: no articles (the file has no JSON lines)",
    ]


def test_a_jsonl_line_that_is_not_utf8_is_refused_by_line_not_stored_as_mojibake(
    tmp_path, run_command
):
    feed = tmp_path / "feed.jsonl"
    good_line = json.dumps({"title": "Bon", "text": "Le maire a dit « oui » à Lyon."})
    bad_line = '{"title": "Mauvais", "text": "Le préfet a déclaré « non »."}'.encode("cp1252")
    feed.write_bytes(good_line.encode() + b"\n" + bad_line + b"\n")

    run = run_command("ingest", str(feed))

    assert run.error_lines == [
        f"{feed}:2: not UTF-8 (byte 0xe9 at byte 36); a .jsonl file must be UTF-8"
    ]
    assert list(Article.objects.values_list("title", flat=True)) == ["Bon"]


def run_ingest_as_nobody(*paths: str) -> dict:
    """Run `ingest` in a child process that has given up root for the unprivileged 'nobody'.

    The suite runs as root, which reads every folder whatever its mode; only a real
    unprivileged process meets a permission error. The child reads and refuses, and never
    reaches the database.
    """
    nobody = pwd.getpwnam("nobody")
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command("ingest", *paths, stdout=out, stderr=err)
                code = 0
            except SystemExit as exit_:
                code = int(exit_.code or 0)
            report = {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}
        except BaseException:
            report = {"crash": traceback.format_exc()}
        os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        report = json.loads(pipe.read())
    os.waitpid(child, 0)
    assert "crash" not in report, report.get("crash")
    return report


def test_an_unreadable_folder_is_named_for_a_user_who_cannot_read_it():
    top = Path(tempfile.mkdtemp(prefix="ingest-unreadable-"))
    try:
        top.chmod(0o755)
        locked = top / "locked"
        locked.mkdir()
        (locked / "article.txt").write_text("Un titre\nUn texte.", encoding="utf-8")
        locked.chmod(0o000)

        report = run_ingest_as_nobody(str(top), str(locked))

        assert report["code"] == 1
        assert report["stderr"].splitlines() == [
            f"{locked}: permission denied",
            f"{locked}: permission denied",
        ]
        assert report["stdout"].splitlines()[-1] == "0 new, 0 duplicate, 2 failed"
    finally:
        locked.chmod(0o755)
        (locked / "article.txt").unlink()
        locked.rmdir()
        top.rmdir()
