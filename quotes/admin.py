"""Admin for every model, with search and filters."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from quotes.models import ApiToken, Article, Quote, Speaker, SpeakerAlias, Topic
from quotes.services.batches import batch_reattribute
from quotes.services.changes import quotes_changed
from quotes.services.counts import quote_topic_ids
from quotes.services.ingest import article_metadata_refresh
from quotes.tasks import uses_workers

# The list shows the start of an attribution error; the article's page shows all of it.
ERROR_PREVIEW_CHARS = 120
# Without workers the engine runs inside the admin's request: a few seconds at most.
REATTRIBUTE_IN_REQUEST_MAX = 20


def _delete_and_recount(quotes, delete) -> None:
    """Run delete() (which deletes these quotes), then recount their articles, speakers, topics."""
    article_ids = list(quotes.values_list("article", flat=True).distinct())
    speaker_ids = list(quotes.values_list("speaker", flat=True).distinct())
    topic_ids = quote_topic_ids(quotes)
    delete()
    quotes_changed(speaker_ids=speaker_ids, topic_ids=topic_ids, article_ids=article_ids)


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "outlet",
        "language",
        "published_at",
        "status",
        "status_changed_at",
        "attempts",
        "short_error",
    ]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "published_at"
    formfield_overrides = {
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}
    }
    # The body is what quote offsets point into; changing it would misplace every quote.
    # Status, error and attempts are the attribution's record: reattribute changes them.
    readonly_fields = [
        "body",
        "content_hash",
        "language",
        "status",
        "error",
        "status_changed_at",
        "attempts",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["topics"]
    actions = ["reattribute"]

    @admin.action(description="Re-attribute selected articles", permissions=["reattribute"])
    def reattribute(self, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        if not uses_workers() and len(ids) > REATTRIBUTE_IN_REQUEST_MAX:
            self.message_user(
                request,
                f"Without workers (CELERY_BROKER_URL) at most {REATTRIBUTE_IN_REQUEST_MAX} "
                "articles are re-attributed from here; for more run manage.py reattribute.",
                messages.ERROR,
            )
            return None
        batch = batch_reattribute(
            article_ids=ids,
            source=f"admin: re-attribute {len(ids)} article{'s' * (len(ids) != 1)}",
            started_by=request.user,
        )
        return HttpResponseRedirect(batch.get_absolute_url())

    def has_reattribute_permission(self, request) -> bool:
        # The action ends on the batch page, which is for editors.
        return request.user.has_perms(["quotes.change_article", "quotes.change_quote"])

    @admin.display(description="error", ordering="error")
    def short_error(self, obj: Article) -> str:
        return obj.error[:ERROR_PREVIEW_CHARS]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            article_metadata_refresh(article=form.instance)

    # Deleting an article deletes its quotes: the stored counts follow, as with the services.
    def delete_model(self, request, obj):
        _delete_and_recount(
            obj.quotes.all(), lambda: super(ArticleAdmin, self).delete_model(request, obj)
        )

    def delete_queryset(self, request, queryset):
        quotes = Quote.objects.filter(article__in=list(queryset.values_list("pk", flat=True)))
        _delete_and_recount(
            quotes, lambda: super(ArticleAdmin, self).delete_queryset(request, queryset)
        )


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "description", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    # Derived from the quotes by quotes.services.counts: a form must not write old values back.
    # Merging moves quotes and aliases too: it is done from the speaker page, not here.
    readonly_fields = ["quote_count", "latest_quote_at", "merged_into", "version"]
    inlines = [SpeakerAliasInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        quotes_changed(renamed_speaker_ids=[form.instance.pk])


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "normalized", "speaker"]
    search_fields = ["name", "normalized", "speaker__name"]
    raw_id_fields = ["speaker"]


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "speaker", "kind", "confidence", "origin", "review_status"]
    list_filter = ["kind", "origin", "review_status", "article__language"]
    search_fields = ["text", "speaker__name", "article__title"]
    raw_id_fields = ["article", "speaker"]
    filter_horizontal = ["topics"]
    # Offsets and text must agree with the article body; spans are fixed on the article page.
    readonly_fields = [
        "text",
        "start",
        "end",
        "speaker_mention",
        "speaker_start",
        "speaker_end",
        "cue_start",
        "cue_end",
        "origin",
        "version",
        "published_at",
        # Derived by quotes.services.grouping; a select of every group would not load either.
        "group",
    ]

    def has_add_permission(self, request):
        # A quote is added by selecting its words on the article page, which sets its offsets.
        return False

    # An admin edit can move, hide or delete quotes: the stored counts and the index follow.
    def save_related(self, request, form, formsets, change):
        quote = form.instance
        topics_before = quote_topic_ids([quote.pk])
        super().save_related(request, form, formsets, change)
        quotes_changed(
            quote_ids=[quote.pk], speaker_ids=[form.initial.get("speaker")], topic_ids=topics_before
        )

    def delete_model(self, request, obj):
        quotes = Quote.objects.filter(pk=obj.pk)
        _delete_and_recount(quotes, lambda: super(QuoteAdmin, self).delete_model(request, obj))

    def delete_queryset(self, request, queryset):
        quotes = Quote.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
        _delete_and_recount(
            quotes, lambda: super(QuoteAdmin, self).delete_queryset(request, queryset)
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "quote_count"]
    search_fields = ["label", "normalized"]
    readonly_fields = ["quote_count"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by manage.py create_api_token (the key is shown once); delete to revoke."""

    list_display = ["prefix", "user", "name", "created_at"]
    search_fields = ["prefix", "user__username", "name"]
    readonly_fields = ["user", "name", "prefix", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
