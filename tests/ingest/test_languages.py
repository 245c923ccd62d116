"""Texts in languages other than French and English are refused, never parsed as French."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.attribution.language import guess_language
from quotes.ingest.records import RecordError, build_record
from quotes.models import Article
from quotes.services.ingest import article_store
from tests.ingest.bad_inputs import ARABIC, GERMAN

DEMO = Path(__file__).resolve().parent.parent.parent / "demo"

OTHER_LANGUAGES = {
    "Der Bürgermeister von Berlin sagte am Montag, dass die neue Brücke nicht vor dem Sommer "
    "fertig sein wird. Die Opposition hat die Kosten kritisiert.": "language 'de'",
    "El alcalde de Madrid dijo el lunes que el nuevo puente no estará listo antes del verano. "
    "La oposición ha criticado los costes y pide una investigación.": "language 'es'",
    "Il sindaco di Roma ha detto lunedì che il nuovo ponte non sarà pronto prima dell'estate. "
    "L'opposizione ha criticato i costi e chiede un'inchiesta.": "language 'it'",
    "O prefeito de Lisboa disse na segunda-feira que a nova ponte não estará pronta antes do "
    "verão. A oposição criticou os custos e pede uma investigação.": "language 'pt'",
    "De burgemeester van Amsterdam zei maandag dat de nieuwe brug niet voor de zomer klaar zal "
    "zijn. De oppositie heeft de kosten bekritiseerd en vraagt een onderzoek.": "language 'nl'",
    "Burmistrz Warszawy powiedział w poniedziałek, że nowy most nie będzie gotowy przed latem. "
    "Opozycja skrytykowała koszty i domaga się śledztwa w tej sprawie.": (
        "a language other than French or English"
    ),
    ARABIC: "Arabic script",
    "Мэр Москвы заявил в понедельник, что новый мост не будет готов до лета.": "Cyrillic script",
    "市长周一表示，新桥在夏季之前不会完工。": "CJK script",
}


@pytest.mark.parametrize(("text", "described"), OTHER_LANGUAGES.items())
def test_the_engine_names_what_a_text_is_written_in_when_it_is_neither_french_nor_english(
    text, described
):
    guess = guess_language(text)

    assert not guess.supported
    assert guess.describe() == described


@pytest.mark.parametrize("name", ["wikinews_fr_2012.jsonl", "wikinews_en.jsonl"])
def test_every_demo_article_and_its_first_paragraph_keep_their_language(name):
    for line in (DEMO / name).read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        expected = article.get("lang") or "fr"
        for text in (article["text"], article["text"][:200]):
            guess = guess_language(text)
            assert (guess.supported, guess.code) == (True, expected), text[:80]


def test_a_short_text_without_evidence_is_taken_as_french():
    assert guess_language("Bonjour Lyon").code == "fr"
    assert guess_language("Bonjour Lyon").supported


@pytest.mark.django_db
def test_an_arabic_or_german_text_is_refused_and_nothing_is_stored(tmp_path, run_command):
    arabic = tmp_path / "arabic.txt"
    arabic.write_text(ARABIC, encoding="utf-8")
    german = tmp_path / "german.jsonl"
    german.write_text(json.dumps({"title": "Brücke", "text": GERMAN}) + "\n", encoding="utf-8")

    run = run_command("ingest", str(arabic), str(german))

    assert run.code == 1
    assert run.error_lines == [
        f"{arabic}: Arabic script is not supported (fr, en; --lang forces one)",
        f"{german}:1: language 'de' is not supported (fr, en; --lang forces one)",
    ]
    assert "0 new, 0 duplicate, 2 failed" in run.stdout
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_lang_forces_a_language_the_engine_would_refuse(tmp_path, run_command):
    german = tmp_path / "german.txt"
    german.write_text(GERMAN, encoding="utf-8")

    run = run_command("ingest", "--lang", "en", str(german))

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.language == "en"
    assert article.status == Article.Status.DONE


@pytest.mark.django_db
def test_article_store_refuses_a_record_in_another_language_from_any_caller():
    record = build_record(source="api", text=ARABIC)

    with pytest.raises(RecordError, match="Arabic script is not supported"):
        article_store(record=record)

    assert not Article.objects.exists()
