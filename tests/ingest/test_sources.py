"""Ingesting the formats a newsroom has: HTML pages, the seed article, repeated runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed_reuters_fr.txt"

HOSTILE_HTML = """<!doctype html>
<html lang="fr"><head>
<title>Le Conseil vote le budget</title>
<meta name="author" content="Claire Petit">
<script>document.cookie = "stolen";</script>
</head><body>
<nav><a href="/">Accueil</a> | <a href="/monde">Monde</a></nav>
<article>
<h1>Le Conseil vote le budget</h1>
<p>« Ce budget protège les services publics », a déclaré la présidente du conseil, Marie Lenoir,
mardi soir devant les élus réunis en séance plénière.</p>
<script>alert("xss")</script>
<p onclick="steal()">L'opposition a dénoncé un texte « irréaliste » et promis de saisir le
tribunal administratif dans les prochains jours, selon son porte-parole.</p>
<img src="x" onerror="alert('img')">
</article>
<footer>Tous droits réservés</footer>
</body></html>
"""


def test_html_is_reduced_to_its_article_text(tmp_path, run_command):
    page = tmp_path / "budget.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")

    run = run_command("ingest", str(page))

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.title == "Le Conseil vote le budget"
    assert article.byline == "Claire Petit"
    assert "« Ce budget protège les services publics », a déclaré" in article.body
    assert "tribunal administratif" in article.body
    for leftover in ("<", "alert", "stolen", "steal", "onerror", "Accueil", "Tous droits"):
        assert leftover not in article.body


def test_the_seed_article_twice_is_stored_once(run_command):
    first = run_command("ingest", str(SEED))
    counts = (Article.objects.count(), Quote.objects.count(), Speaker.objects.count())

    second = run_command("ingest", str(SEED))

    assert first.code == 0, first.stderr
    assert "1 new, 0 duplicate, 0 failed" in first.stdout
    assert second.code == 0
    assert "0 new, 1 duplicate, 0 failed" in second.stdout
    assert (Article.objects.count(), Quote.objects.count(), Speaker.objects.count()) == counts
    assert counts[0] == 1


def test_the_same_text_rewrapped_is_a_duplicate(tmp_path, run_command, seed_text):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed_text.replace("\n", "\r\n").encode("utf-8") + b"\r\n\r\n")
    run_command("ingest", str(SEED))

    run = run_command("ingest", str(copy))

    assert "0 new, 1 duplicate, 0 failed" in run.stdout
    assert Article.objects.count() == 1


def test_the_seed_article_is_attributed_to_its_speakers(run_command):
    run = run_command("ingest", str(SEED))

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    assert article.title.startswith("WASHINGTON (Reuters) – Le secrétaire d’Etat")
    speakers = set(article.quotes.exclude(speaker=None).values_list("speaker__name", flat=True))
    assert {"Anne-Marie Slaughter", "Daniel Fried"} <= speakers
    for quote in article.quotes.all():
        assert article.body[quote.start : quote.end] == quote.text


ENGLISH = (
    "Council approves the budget\n"
    '"This budget protects our public services," said Mary Black, the council president, on '
    "Tuesday. The opposition said it would take the decision to court.\n"
)


def test_the_language_is_detected_when_not_given(tmp_path, run_command):
    page = tmp_path / "budget.txt"
    page.write_text(ENGLISH, encoding="utf-8")

    run = run_command("ingest", str(page))

    assert run.code == 0, run.stderr
    article = Article.objects.get()
    assert article.language == "en"
    assert article.quotes.get(text__contains="This budget protects").speaker.name == "Mary Black"


def test_lang_overrides_detection(tmp_path, run_command):
    page = tmp_path / "budget.txt"
    page.write_text(ENGLISH, encoding="utf-8")

    run_command("ingest", "--lang", "fr", str(page))

    assert Article.objects.get().language == "fr"
