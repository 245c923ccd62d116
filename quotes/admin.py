"""Admin for every model, with search and filters."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quotes.models import Article, Quote, Speaker, SpeakerAlias, Topic


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "published_at", "status"]
    list_filter = ["status", "language", "outlet"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    filter_horizontal = ["topics"]


@admin.register(Speaker)
class SpeakerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "description", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    # Derived from the quotes by quotes.services.counts: a form must not write old values back.
    readonly_fields = ["quote_count", "latest_quote_at"]
    inlines = [SpeakerAliasInline]
    raw_id_fields = ["merged_into"]


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


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["label", "slug", "quote_count"]
    search_fields = ["label", "normalized"]
    readonly_fields = ["quote_count"]
