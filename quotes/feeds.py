"""Atom feeds of the newest quotes: a speaker's, a topic's and a search's (filters included)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from quotes.models import Quote, Speaker
from quotes.search import SearchFilters
from quotes.selectors.api import Moved, quotes_newest, topic_get
from quotes.selectors.browse import speaker_get
from quotes.views import without_nul_bytes

FEED_SIZE = 20
TITLE_WORDS = 16


class _QuoteFeed(Feed):
    """Newest public quotes first; each entry links to the quote's page."""

    feed_type = Atom1Feed
    author_name = gettext_lazy("Quote tracker")
    # An Atom summary of type html, rendered with the request so that its links are absolute;
    # the quote's own text is escaped there, never read as markup.
    description_template = "quotes/feeds/quote_summary.html"

    def quotes(self, obj) -> list[Quote]:
        raise NotImplementedError

    def items(self, obj) -> list[Quote]:
        return self.quotes(obj)

    def get_context_data(self, **kwargs) -> dict:
        origin = f"{kwargs['request'].scheme}://{kwargs['site'].domain}"
        return {"quote": kwargs["item"], "origin": origin}

    def item_title(self, quote: Quote) -> str:
        speaker = quote.speaker.name if quote.speaker else gettext("Unknown speaker")
        return f"{speaker}: « {Truncator(quote.text).words(TITLE_WORDS)} »"

    def item_link(self, quote: Quote) -> str:
        return quote.get_absolute_url()

    def item_pubdate(self, quote: Quote):
        return quote.published_at or quote.created_at

    def item_updateddate(self, quote: Quote):
        return quote.updated_at

    def item_author_name(self, quote: Quote) -> str:
        return quote.article.byline or quote.article.outlet or gettext("Unknown author")

    def item_categories(self, quote: Quote) -> list[str]:
        return [topic.label for topic in quote.topics.all()]


class SpeakerFeed(_QuoteFeed):
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except Moved as moved:
            return HttpResponsePermanentRedirect(reverse("speaker-feed", args=[moved.speaker.slug]))

    def get_object(self, request: HttpRequest, slug: str) -> Speaker:
        speaker = speaker_get(slug=slug)
        if speaker.merged_into is not None:
            raise Moved(speaker.merged_into)
        if speaker.slug != slug:  # a former slug, from before a rename
            raise Moved(speaker)
        return speaker

    def title(self, speaker: Speaker) -> str:
        return gettext("%(name)s: newest quotes") % {"name": speaker.name}

    def subtitle(self, speaker: Speaker) -> str:
        return gettext("What %(speaker)s said, newest first, as the quote tracker found it.") % {
            "speaker": speaker.name
        }

    def link(self, speaker: Speaker) -> str:
        return speaker.get_absolute_url()

    def quotes(self, speaker: Speaker) -> list[Quote]:
        filters = SearchFilters(speaker=speaker.slug)
        return quotes_newest(filters=filters, limit=FEED_SIZE).items


class TopicFeed(_QuoteFeed):
    def get_object(self, request: HttpRequest, slug: str):
        return topic_get(slug=slug)

    def title(self, topic) -> str:
        return gettext("%(name)s: newest quotes") % {"name": topic.label}

    def subtitle(self, topic) -> str:
        return gettext("Quotes on %(topic)s, newest first.") % {"topic": topic.label}

    def link(self, topic) -> str:
        return topic.get_absolute_url()

    def quotes(self, topic) -> list[Quote]:
        return quotes_newest(filters=SearchFilters(topic=topic.slug), limit=FEED_SIZE).items


@dataclass(frozen=True)
class SearchSpec:
    """A search as its URL states it."""

    query: str
    filters: SearchFilters

    @classmethod
    def from_querydict(cls, data: QueryDict) -> SearchSpec:
        return cls(data.get("q", "").strip()[:500], SearchFilters.from_querydict(data))

    def urlencode(self) -> str:
        params = [("q", self.query)] if self.query else []
        return urlencode([*params, *self.filters.params()])


class SearchFeed(_QuoteFeed):
    def get_object(self, request: HttpRequest) -> SearchSpec:
        return SearchSpec.from_querydict(request.GET)

    def title(self, search: SearchSpec) -> str:
        described = f"“{search.query}”" if search.query else gettext("all quotes")
        narrowed = ", ".join(f"{k} {v}" for k, v in search.filters.params())
        title = gettext("Quotes matching %(search)s") % {"search": described}
        return title + (f" ({narrowed})" if narrowed else "")

    def subtitle(self, search: SearchSpec) -> str:
        return gettext("The newest quotes matching a search of the quote tracker.")

    def link(self, search: SearchSpec) -> str:
        return _with_query(reverse("search"), search.urlencode())

    def feed_url(self, search: SearchSpec) -> str:
        return _with_query(reverse("search-feed"), search.urlencode())

    def quotes(self, search: SearchSpec) -> list[Quote]:
        return quotes_newest(query=search.query, filters=search.filters, limit=FEED_SIZE).items


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


urlpatterns = [
    path("speakers/<slug:slug>/feed/", require_safe(SpeakerFeed()), name="speaker-feed"),
    path("topics/<slug:slug>/feed/", require_safe(TopicFeed()), name="topic-feed"),
    path("search/feed/", require_safe(without_nul_bytes(SearchFeed())), name="search-feed"),
]
