"""The extract_quotes and evaluate management commands (no database)."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from quotes.management.commands.evaluate import Command as EvaluateCommand


def test_extract_quotes_prints_one_design_record_per_quote(tmp_path):
    article = tmp_path / "article.txt"
    text = "Le maire était présent.\n\n« La digue tiendra », a assuré Marc Blanc, le maire.\n"
    article.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("extract_quotes", str(article), "--lang", "fr", stdout=out)
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert text[record["start"] : record["end"]] == record["text"] == "La digue tiendra"
    assert record["speaker"] == "Marc Blanc"
    assert text[record["speaker_start"] : record["speaker_end"]] == record["speaker_mention"]


def test_extract_quotes_reads_jsonl_articles_and_keeps_their_ids(tmp_path):
    articles = tmp_path / "articles.jsonl"
    rows = [
        {"id": "a1", "text": "« Nous gagnerons », a dit Léa Roche."},
        {"id": "a2", "text": '"We will win," said Ann Rook.', "lang": "en"},
    ]
    articles.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    out = io.StringIO()
    call_command("extract_quotes", str(articles), stdout=out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(record["id"], record["text"]) for record in records] == [
        ("a1", "Nous gagnerons"),
        ("a2", "We will win"),
    ]


def test_extract_quotes_reads_standard_input(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("« Oui », a répondu Zoé Lambert."))
    out = io.StringIO()
    call_command("extract_quotes", "-", stdout=out)
    assert json.loads(out.getvalue().splitlines()[0])["speaker"] == "Zoé Lambert"


def test_evaluate_reports_the_design_metric(tmp_path):
    text = "« Tout est prêt », a déclaré Jean Dupuis. Il fait beau."
    start = text.index("Tout")
    gold = {
        "id": "g1",
        "lang": "fr",
        "text": text,
        "quotes": [
            {
                "quote_start": start,
                "quote_end": start + len("Tout est prêt"),
                "kind": "direct",
                "speakers": ["Jean Dupuis"],
                "required": True,
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold), encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate", str(path), "-v", "2", stdout=out)
    report = out.getvalue()
    assert "precision 1.000  recall 1.000  F1 1.000" in report
    assert "end-to-end F1: 1.000" in report
    assert "MISSES (0)" in report


def test_evaluate_accepts_a_bare_verbose_flag():
    parser = EvaluateCommand().create_parser("manage.py", "evaluate")
    assert parser.parse_args(["gold.jsonl", "-v"]).verbosity == 2
    assert parser.parse_args(["gold.jsonl"]).verbosity == 1


def test_commands_report_a_missing_file_as_a_command_error(tmp_path):
    missing = str(tmp_path / "missing.txt")
    for command in ("extract_quotes", "evaluate"):
        with pytest.raises(CommandError, match="no such file"):
            call_command(command, missing)


def test_extract_quotes_rejects_a_jsonl_line_without_text(tmp_path):
    articles = tmp_path / "bad.jsonl"
    articles.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        call_command("extract_quotes", str(articles))
