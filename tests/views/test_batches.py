"""Batch pages: editors only, counts and failures, polling while pending, the admin action."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from quotes.admin import REATTRIBUTE_IN_REQUEST_MAX
from quotes.models import Article, IngestBatch, Quote
from quotes.services.attribution import article_mark_failed
from quotes.services.batches import batch_add_articles, batch_start
from tests.factories import make_article, make_quote, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
POLLING = 'hx-trigger="every 2s"'
BODY = "« Nous tiendrons le budget », a déclaré Marie Durand devant la presse."


def make_batch(*statuses: str, source: str = "manage.py ingest corpus/") -> IngestBatch:
    """A batch of one article per status given."""
    batch = batch_start(source=source)
    articles = [make_article(status=status) for status in statuses]
    batch_add_articles(batch=batch, article_ids=[article.pk for article in articles])
    return batch


def test_anonymous_visitors_are_sent_to_log_in(client):
    batch = make_batch("pending")

    response = client.get(batch.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_anonymous_poll_sends_the_page_to_log_in_instead_of_swapping_it(client):
    batch = make_batch("pending")

    response = client.get(batch.get_absolute_url(), **HTMX)

    assert response["HX-Redirect"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["batch-list", "batch-detail"])
def test_readers_are_refused(reader_client, name):
    batch = make_batch("failed")
    url = reverse(name, args=[batch.pk] if name == "batch-detail" else [])

    assert reader_client.get(url).status_code == 403
    assert reader_client.get(url, **HTMX).status_code == 403


def test_an_unknown_batch_is_not_found(editor_client):
    assert editor_client.get(reverse("batch-detail", args=[999])).status_code == 404


def test_editors_see_the_counts_a_progress_bar_and_a_refresh_link(editor_client):
    batch = make_batch("done", "done", "failed", "pending")

    response = editor_client.get(batch.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "manage.py ingest corpus/" in html
    for name, count in {"total": 4, "done": 2, "failed": 1, "pending": 1}.items():
        assert f'<dd data-count="{name}">{count}</dd>' in html
    assert '<progress max="4" value="3"' in html
    assert f'<a href="{batch.get_absolute_url()}">Refresh</a>' in html


def test_failed_articles_are_listed_with_their_error_and_a_link(editor_client):
    batch = make_batch("done")
    failed = make_article(title="Un article cassé", status=Article.Status.PENDING)
    batch_add_articles(batch=batch, article_ids=[failed.pk])
    article_mark_failed(article=failed, error="ValueError: the parser gave up")

    html = editor_client.get(batch.get_absolute_url()).content.decode()

    assert f'<a href="{failed.get_absolute_url()}">Un article cassé</a>' in html
    assert "ValueError: the parser gave up" in html


def test_an_htmx_poll_gets_only_the_progress_region(editor_client):
    batch = make_batch("done", "pending")

    response = editor_client.get(batch.get_absolute_url(), **HTMX)

    html = response.content.decode().strip()
    assert html.startswith('<section id="batch-progress"')
    assert html.endswith("</section>")
    assert "<html" not in html
    # The language (Accept-Language, or the language cookie) changes the page too.
    assert response["Vary"] == "HX-Request, Accept-Language, Cookie"


def test_the_region_polls_while_articles_are_pending_and_stops_when_none_is(editor_client):
    batch = make_batch("done", "pending")
    pending = batch.articles.get(status=Article.Status.PENDING)

    while_pending = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()
    Article.objects.filter(pk=pending.pk).update(status=Article.Status.DONE)
    once_done = editor_client.get(batch.get_absolute_url(), **HTMX).content.decode()

    assert POLLING in while_pending
    assert f'hx-get="{batch.get_absolute_url()}"' in while_pending
    assert POLLING not in once_done
    assert "hx-get" not in once_done
    assert "Finished." in once_done


def test_the_page_takes_the_same_queries_however_large_the_batch(
    editor_client, django_assert_num_queries
):
    small = make_batch("done", "failed", "pending")
    large = make_batch(*["done"] * 20, *["failed"] * 20, *["pending"] * 20)

    # Session, user, the editor's permissions, the batch with its counts, its failures.
    for batch in (small, large):
        with django_assert_num_queries(6):
            assert editor_client.get(batch.get_absolute_url()).status_code == 200
        with django_assert_num_queries(6):
            editor_client.get(batch.get_absolute_url(), **HTMX)


def test_the_list_shows_recent_batches_with_their_counts(editor_client, editor):
    make_batch("done", source="manage.py ingest old/")
    recent = make_batch("done", "failed", "pending", source="admin: re-attribute 3 articles")
    IngestBatch.objects.filter(pk=recent.pk).update(started_by=editor)

    response = editor_client.get(reverse("batch-list"))

    html = response.content.decode()
    assert [batch.pk for batch in response.context["batches"]] == [recent.pk, recent.pk - 1]
    assert f'<a href="{recent.get_absolute_url()}">Batch {recent.pk}</a>' in html
    assert "by editor" in html
    assert html.index("admin: re-attribute 3 articles") < html.index("manage.py ingest old/")
    assert "<td>3</td>\n        <td>1</td>\n        <td>1</td>\n        <td>1</td>" in html


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="pass-word-123"))
    return client


def reattribute(client: Client, articles: list[Article]):
    return client.post(
        reverse("admin:quotes_article_changelist"),
        {"action": "reattribute", "_selected_action": [article.pk for article in articles]},
    )


def test_the_admin_action_reattributes_the_selection_in_a_batch_and_shows_its_page(
    admin_client, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY, status=Article.Status.FAILED, error="old error")
    untouched = make_article(status=Article.Status.FAILED, error="not selected")

    # The test's transaction never commits: run what the batch's commit starts.
    with django_capture_on_commit_callbacks(execute=True):
        response = reattribute(admin_client, [article])

    batch = IngestBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    assert batch.source == "admin: re-attribute 1 article"
    assert batch.started_by.username == "root"
    assert list(batch.articles.all()) == [article]
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.DONE, "")
    assert Quote.objects.get(article=article).speaker.name == "Marie Durand"
    untouched.refresh_from_db()
    assert untouched.status == Article.Status.FAILED
    page = admin_client.get(response["Location"]).content.decode()
    assert '<dd data-count="done">1</dd>' in page


def test_the_admin_action_keeps_quotes_an_editor_confirmed(
    admin_client, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    confirmed = make_quote(article, start=2, end=26, review_status=Quote.Review.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        reattribute(admin_client, [article])

    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert Quote.objects.get(article=article) == confirmed


def test_without_workers_a_large_selection_is_refused_with_a_message(admin_client):
    articles = [make_article() for _ in range(REATTRIBUTE_IN_REQUEST_MAX + 1)]

    response = reattribute(admin_client, articles)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:quotes_article_changelist")
    assert not IngestBatch.objects.exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "for more run manage.py reattribute" in page


def test_the_action_is_offered_only_to_staff_who_can_see_the_batch_page(client):
    staff = make_user("clerk")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    make_article()
    client.force_login(staff)
    changelist = reverse("admin:quotes_article_changelist")
    assert "Re-attribute selected articles" not in client.get(changelist).content.decode()

    staff.user_permissions.add(Permission.objects.get(codename="change_quote"))

    assert "Re-attribute selected articles" in client.get(changelist).content.decode()
