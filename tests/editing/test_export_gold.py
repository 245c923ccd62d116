"""export_gold: editors' reviews become a gold file that `evaluate` reads."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from quotes.models import Quote
from quotes.services import editing
from tests.factories import make_article, make_quote, make_speaker

BODY = (
    "« Nous rouvrirons le pont en septembre », a déclaré Marie Dupont lundi. "
    "Le préfet a estimé que les travaux étaient indispensables. "
    "Le chantier, baptisé « Grand Pont », durera six mois."
)


def _span(text: str) -> dict:
    start = BODY.index(text)
    return {"start": start, "end": start + len(text)}


@pytest.fixture
def reviewed(db, editor):
    """One article with a confirmed, a corrected, an added, a rejected and an unreviewed quote."""
    article = make_article(body=BODY, title="Le pont")
    dupont = make_speaker("Marie Dupont", aliases=("la maire",))
    confirmed = make_quote(
        article, dupont, **_span("Nous rouvrirons le pont en septembre"), cue="a déclaré"
    )
    editing.quote_confirm(quote=confirmed, expected_version=1, user=editor)
    corrected = make_quote(
        article, dupont, **_span("les travaux étaient indispensables"), kind="indirect"
    )
    editing.quote_reassign(
        quote=corrected, new_speaker_name="Le préfet", expected_version=1, user=editor
    )
    rejected = make_quote(article, None, **_span("Grand Pont"))
    editing.quote_reject(quote=rejected, expected_version=1, user=editor)
    unreviewed = make_quote(article, None, **_span("durera six mois"), kind="indirect")
    added = editing.quote_add(
        article=article, **_span("Le chantier"), kind="direct", speaker=dupont, user=editor
    )
    make_quote(make_article(), None)  # an article nobody reviewed: not exported
    return article, {
        "confirmed": confirmed,
        "corrected": corrected,
        "rejected": rejected,
        "unreviewed": unreviewed,
        "added": added,
    }


def test_export_writes_one_gold_document_per_reviewed_article(reviewed, tmp_path):
    article, _ = reviewed
    path = tmp_path / "gold.jsonl"
    err = StringIO()

    call_command("export_gold", str(path), stderr=err)

    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["id"] == f"quotes/article/{article.pk}"
    assert (doc["lang"], doc["title"], doc["text"]) == ("fr", "Le pont", BODY)
    by_text = {item["quote_text"]: item for item in doc["quotes"]}
    assert set(by_text) == {
        "Nous rouvrirons le pont en septembre",
        "les travaux étaient indispensables",
        "durera six mois",
        "Le chantier",
    }
    for item in doc["quotes"]:
        assert BODY[item["quote_start"] : item["quote_end"]] == item["quote_text"]
    assert by_text["Nous rouvrirons le pont en septembre"]["speakers"] == [
        "Marie Dupont",
        "la maire",
    ]
    assert by_text["Nous rouvrirons le pont en septembre"]["cue"] == "a déclaré"
    assert by_text["les travaux étaient indispensables"]["speakers"] == ["Le préfet"]
    assert by_text["les travaux étaient indispensables"]["required"] is True
    assert by_text["Le chantier"]["origin"] == "editor"
    assert by_text["durera six mois"]["required"] is False
    assert [n["quote_text"] for n in doc["negatives"]] == ["Grand Pont"]
    assert "1 articles, 3 gold quotes, 1 rejected" in err.getvalue()


def test_export_to_stdout_and_language_filter(reviewed):
    out = StringIO()
    call_command("export_gold", "-", "--lang", "en", stdout=out, stderr=StringIO())
    assert out.getvalue() == ""

    call_command("export_gold", "-", "--lang", "fr", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["text"] == BODY


def test_exported_file_is_scored_by_evaluate(reviewed, tmp_path):
    path = tmp_path / "gold.jsonl"
    call_command("export_gold", str(path), stderr=StringIO())
    out = StringIO()

    call_command("evaluate", str(path), stdout=out)

    report = out.getvalue().lower()
    assert "precision" in report
    assert "recall" in report


def test_reverted_rejection_is_no_longer_a_negative(reviewed, tmp_path, editor):
    _, quotes = reviewed
    rejected = Quote.objects.get(pk=quotes["rejected"].pk)
    editing.change_revert(
        instance=rejected,
        history_id=rejected.history.first().history_id,
        expected_version=rejected.version,
        user=editor,
    )
    path = tmp_path / "gold.jsonl"

    call_command("export_gold", str(path), stderr=StringIO())

    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["negatives"] == []
