"""manage.py evaluate_gender scores the inference on annotated speakers (no database)."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command


def test_evaluate_gender_prints_coverage_and_accuracy(tmp_path):
    text = "Mme Kessler a parlé. Paul Vidal a répondu. Noa Brun aussi."
    (tmp_path / "set.jsonl").write_text(json.dumps({"id": "d1", "text": text}) + "\n")
    rows = [
        {"set": "set.jsonl", "doc_id": "d1", "speakers": ["Odile Kessler"], "gender": "woman"},
        {"set": "set.jsonl", "doc_id": "d1", "speakers": ["Paul Vidal"], "gender": "woman"},
        {"set": "set.jsonl", "doc_id": "d1", "speakers": ["Noa Brun"], "gender": "man"},
    ]
    gold = tmp_path / "speaker_gender.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = StringIO()

    call_command("evaluate_gender", str(gold), "--misses", stdout=out)

    printed = out.getvalue()
    assert "coverage: 0.667 (2/3 decided)" in printed
    assert "accuracy: 0.500 (1/2 right)" in printed
    assert "d1\tPaul Vidal\twoman\tman" in printed
