"""The hostile corpus in one batch: one line per refused item, every good article attributed."""

from __future__ import annotations

import pytest
from django.test import override_settings

from quotes.models import Article
from tests.ingest.bad_inputs import write_corpus

pytestmark = pytest.mark.django_db

MAX_BYTES = 20_000
MAX_JSON_BYTES = 300_000


@override_settings(INGEST_MAX_BYTES=MAX_BYTES, INGEST_JSON_MAX_BYTES=MAX_JSON_BYTES)
def test_every_bad_input_is_refused_with_one_line_and_the_good_ones_around_it_are_attributed(
    tmp_path, run_command
):
    corpus = write_corpus(tmp_path, max_bytes=MAX_BYTES, max_json_bytes=MAX_JSON_BYTES)

    run = run_command("ingest", *map(str, corpus.paths))

    assert run.code == 1
    assert len(run.error_lines) == len(corpus.refusals), run.stderr
    for line, refusal in zip(run.error_lines, corpus.refusals, strict=True):
        assert refusal.matches(line), (line, refusal)
    good, bad = len(corpus.good_titles), len(corpus.refusals)
    assert run.stdout.splitlines()[-1] == f"{good} new, 0 duplicate, {bad} failed"
    stored = {article.title: article for article in Article.objects.all()}
    assert set(stored) == set(corpus.good_titles)
    for title, article in stored.items():
        assert article.status == Article.Status.DONE, (title, article.error)
        assert article.language == corpus.good_titles[title]
        assert article.quotes.exclude(speaker=None).exists(), title
    assert stored["Grève à la poste de Rennes"].quotes.get().speaker.name == "Hélène Prévost"
    hostile = stored["Le Conseil vote le budget"].body
    assert not any(leftover in hostile for leftover in ("<", "alert", "stolen", "Accueil"))
