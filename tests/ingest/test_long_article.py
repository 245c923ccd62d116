"""A long article shows how far its parse has gone, and is stored and attributed whole."""

from __future__ import annotations

import re

import pytest

from quotes.attribution.pipeline import PROGRESS_EVERY_CHARS
from quotes.models import Article

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Le conseil municipal de Rennes a voté le budget de l'année prochaine mardi soir. "
    "« Les écoles seront rénovées avant l'été », a déclaré la maire, Nathalie Appéré.\n\n"
)


def test_a_long_article_reports_its_progress_when_verbose(tmp_path, run_command):
    paragraphs = PROGRESS_EVERY_CHARS * 2 // len(PARAGRAPH) + 1
    path = tmp_path / "long.txt"
    path.write_text("Le budget de Rennes\n" + PARAGRAPH * paragraphs, encoding="utf-8")

    run = run_command("ingest", str(path), "-v", "2")

    assert run.code == 0, run.stderr
    length = len(Article.objects.get().body)
    progress = re.findall(rf"parsed ([\d,]+) of {length:,} characters", run.stdout)
    assert len(progress) == 2
    assert [int(done.replace(",", "")) // PROGRESS_EVERY_CHARS for done in progress] == [1, 2]
    article = Article.objects.get()
    assert article.status == Article.Status.DONE
    assert article.quotes.count() == paragraphs
