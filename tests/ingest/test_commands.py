"""The commands around ingestion: failed attribution and its retry, reattribute, editors, demo."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.http import HttpRequest

from quotes.attribution import get_nlp
from quotes.models import Article, Quote
from quotes.tasks import attribute_article
from tests.factories import make_article, make_speaker

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Lyon inaugure un pont\n"
    "« Ce pont relie enfin les deux rives », a déclaré Paul Durand, le maire de Lyon, lundi. "
    "Le maire a ajouté que les travaux avaient coûté moins que prévu.\n"
)


@pytest.fixture
def broken_french_model(monkeypatch):
    """Point the French model setting at a package that is not installed, as a typo would."""
    monkeypatch.setenv("SPACY_MODEL_FR", "fr_model_that_is_not_installed")
    get_nlp.cache_clear()
    yield
    monkeypatch.undo()
    get_nlp.cache_clear()


def repair_french_model(monkeypatch):
    monkeypatch.undo()
    get_nlp.cache_clear()


def test_a_failed_attribution_keeps_the_article_and_reattribute_failed_retries_it(
    tmp_path, run_command, broken_french_model, monkeypatch
):
    source = tmp_path / "pont.txt"
    source.write_text(ARTICLE, encoding="utf-8")

    run = run_command("ingest", str(source))

    assert run.code == 1
    assert "0 new, 0 duplicate, 1 failed" in run.stdout
    article = Article.objects.get()
    assert run.error_lines == [
        f"{source}: stored as article {article.pk} but attribution failed: {article.error} "
        "(retry with: manage.py reattribute --failed)"
    ]
    assert article.status == Article.Status.FAILED
    assert "fr_model_that_is_not_installed" in article.error
    assert article.body == ARTICLE.strip()
    assert not article.quotes.exists()

    still_broken = run_command("reattribute", "--failed")
    assert still_broken.code == 1
    assert "0 attributed, 1 failed" in still_broken.stdout

    repair_french_model(monkeypatch)
    retry = run_command("reattribute", "--failed")

    assert retry.code == 0, retry.stderr
    assert "1 attributed, 0 failed" in retry.stdout
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.error == ""
    quote = article.quotes.get(text__contains="Ce pont relie enfin les deux rives")
    assert quote.speaker.name == "Paul Durand"


def test_a_failed_reattribution_leaves_existing_quotes_alone(run_command, broken_french_model):
    article = make_article(body=ARTICLE.strip())
    Quote.objects.create(article=article, text=article.body[:5], start=0, end=5, kind="direct")

    run = run_command("reattribute", "--article", str(article.pk))

    assert run.code == 1
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.quotes.count() == 1


def test_reattribute_all_keeps_a_speaker_an_editor_reassigned(tmp_path, run_command):
    source = tmp_path / "pont.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    run_command("ingest", str(source))
    quote = Quote.objects.get(text__contains="Ce pont relie enfin les deux rives")
    other = make_article()
    editor_choice = make_speaker("Marie Lenoir")
    Quote.objects.filter(pk=quote.pk).update(
        speaker=editor_choice, review_status=Quote.Review.CORRECTED
    )

    run = run_command("reattribute", "--all")

    assert run.code == 0, run.stderr
    assert re.search(r"^\d+ attributed, 0 failed$", run.stdout, re.M)
    quote.refresh_from_db()
    assert quote.speaker == editor_choice
    assert quote.review_status == Quote.Review.CORRECTED
    assert Quote.objects.filter(article=quote.article, start=quote.start).count() == 1
    other.refresh_from_db()
    assert other.status == Article.Status.DONE


def test_reattribute_needs_exactly_one_selection_and_known_ids(run_command):
    with pytest.raises(CommandError):
        run_command("reattribute")
    with pytest.raises(CommandError, match="no article with id 999"):
        run_command("reattribute", "--article", "999")


def test_the_attribution_task_runs_in_process_without_a_broker():
    article = make_article(body=ARTICLE.strip(), status=Article.Status.PENDING)

    result = attribute_article.delay(article.pk)

    assert result.get() == "done"
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert article.quotes.exists()


def test_make_editor_gives_an_existing_user_the_editor_role(run_command, reader, client):
    run = run_command("make_editor", "reader")

    assert run.stdout.strip() == "reader is an editor"
    reader.refresh_from_db()
    assert reader.has_perm("quotes.change_quote")


def test_make_editor_create_prints_a_password_that_works(run_command, client):
    run = run_command("make_editor", "claire", "--create")

    password = re.search(r"^password: (\S+)$", run.stdout, re.M).group(1)
    assert client.login(request=HttpRequest(), username="claire", password=password)
    assert User.objects.get(username="claire").groups.filter(name="Editors").exists()


def test_make_editor_refuses_an_unknown_user_without_create(run_command):
    with pytest.raises(CommandError, match=r"no user 'nobody' \(add --create to create it\)"):
        run_command("make_editor", "nobody")
    assert not User.objects.filter(username="nobody").exists()


def test_load_demo_fills_the_database_once_and_prints_working_credentials(run_command, client):
    first = run_command("load_demo")
    counts = (Article.objects.count(), Quote.objects.count())

    second = run_command("load_demo")

    assert first.code == 0, first.stderr
    assert "108 new, 0 duplicate, 0 failed" in first.stdout
    assert "0 new, 108 duplicate, 0 failed" in second.stdout
    assert (Article.objects.count(), Quote.objects.count()) == counts
    assert counts[1] > 200
    assert "Open http://127.0.0.1:8000" in second.stdout
    assert Article.objects.filter(outlet="Wikinews", language="en").count() == 7
    seed = Article.objects.get(outlet="Reuters")
    assert seed.quotes.filter(speaker__name="Daniel Fried").exists()
    password = re.search(r"username editor, password (\S+)$", second.stdout, re.M).group(1)
    assert client.login(request=HttpRequest(), username="editor", password=password)
    assert User.objects.get(username="editor").has_perm("quotes.change_quote")
