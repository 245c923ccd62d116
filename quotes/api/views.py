"""The read API, /api/v1/: quotes, search, speakers, articles and topics (django-ninja).

Views stay thin: parse the query (ninja validates it against the schemas), call one selector,
shape the result. Every list is keyset-paginated through an opaque cursor; every object carries
its stable id, its API URL and the URL of its page on the site. Rejected quotes never appear,
whoever asks.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.urls import reverse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError

from quotes.api import schemas
from quotes.api.security import AnonymousThrottle, TokenOrAnonymous, TokenThrottle
from quotes.models import Article, Quote, Speaker, Topic
from quotes.search import SearchFilters, search_quotes
from quotes.selectors import api as selectors

# The relevance-ranked search counts its offset; deeper walks belong to /quotes (keyset).
MAX_SEARCH_PAGE = 500

api = NinjaAPI(
    title="Quote tracker API",
    version="1",
    description=(
        "Read-only access to the quotes, speakers, articles and topics the quote tracker "
        "publishes. Rejected quotes never appear. Lists are newest or most quoted first and "
        "paginated by `cursor`: pass each page's `next_cursor` (or follow `next`) until it is "
        "null. Anonymous calls are limited per client address; editors may send "
        "`Authorization: Bearer KEY` (`manage.py create_api_token USER`) for a higher limit. "
        "Over the limit, the answer is 429 with `Retry-After` (seconds)."
    ),
    urls_namespace="api-v1",
    auth=TokenOrAnonymous(),
    throttle=[AnonymousThrottle(), TokenThrottle()],
)

NOT_FOUND = {404: schemas.Detail}
INVALID_CURSOR = "Invalid cursor: pass back a next_cursor exactly as received."


class Links:
    """Absolute URLs on this host, for the site's pages, the API and the feeds.

    A list of 100 quotes names about 700 URLs: each URL name is reversed once per request,
    with a marker in place of its argument, and filled in after (reverse() was half the time).
    """

    _MARKER = "2147483647"

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.origin = f"{request.scheme}://{request.get_host()}"
        self._templates: dict[str, str] = {}

    def __call__(self, name: str, arg: object = None) -> str:
        """The absolute URL of a named route taking at most one argument (an id or a slug)."""
        if arg is None:
            return self.origin + reverse(name)
        if name not in self._templates:
            path = reverse(name, args=[self._MARKER])
            self._templates[name] = self.origin + path.replace(self._MARKER, "{}")
        return self._templates[name].format(arg)

    def api(self, name: str, arg: object = None) -> str:
        return self(f"api-v1:{name}", arg)

    def next_page(self, cursor: str | None) -> str | None:
        """This request's URL with the cursor of the next page; None on the last page."""
        if cursor is None:
            return None
        params = self.request.GET.copy()
        params["cursor"] = cursor
        return f"{self.origin}{self.request.path}?{params.urlencode()}"


def encode_cursor(position: object) -> str | None:
    """An opaque cursor for a list position (None stays None)."""
    if position is None:
        return None
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, check: Callable[[object], bool]) -> object | None:
    """The position a cursor holds; 400 when it is not one this list hands out."""
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        position = None
    if position is None or not check(position):
        raise HttpError(400, INVALID_CURSOR)
    return position


def _is_list_of(*types) -> Callable[[object], bool]:
    def check(position: object) -> bool:
        return (
            isinstance(position, list)
            and len(position) == len(types)
            and all(
                isinstance(v, t) and not isinstance(v, bool)
                for v, t in zip(position, types, strict=True)
            )
        )

    return check


def _is_article_position(position: object) -> bool:
    """[ISO date or None, id]."""
    if not (_is_list_of(str, int)(position) or _is_list_of(type(None), int)(position)):
        return False
    if position[0] is None:
        return True
    try:
        dt.datetime.fromisoformat(position[0])
    except ValueError:
        return False
    return True


def _search_filters(filters: schemas.QuoteFilters) -> SearchFilters:
    return SearchFilters(
        speaker=tuple(filters.speaker),
        speaker_kind=tuple(filters.speaker_kind),
        kind=tuple(filters.kind),
        language=tuple(filters.language),
        outlet=tuple(filters.outlet),
        topic=tuple(filters.topic),
        review_status=tuple(filters.review_status),
        date_from=filters.date_from,
        date_to=filters.date_to,
        one_per_group=filters.one_per_group,
    )


def _speaker_ref(links: Links, speaker: Speaker) -> dict:
    return {
        "id": speaker.pk,
        "slug": speaker.slug,
        "name": speaker.name,
        "kind": speaker.kind,
        "url": links("speaker-detail", speaker.slug),
        "api_url": links.api("speaker", speaker.pk),
    }


def _topic_ref(links: Links, topic: Topic) -> dict:
    return {
        "id": topic.pk,
        "slug": topic.slug,
        "label": topic.label,
        "url": links("topic-detail", topic.slug),
        "api_url": links.api("topic", topic.slug),
    }


def _article_ref(links: Links, article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "outlet": article.outlet,
        "language": article.language,
        "published_at": article.published_at,
        "url": links("article-detail", article.pk),
        "api_url": links.api("article", article.pk),
        "source_url": article.url,
    }


def _quote(links: Links, quote: Quote) -> dict:
    return {
        "id": quote.pk,
        "url": links("quote-detail", quote.pk),
        "api_url": links.api("quote", quote.pk),
        "text": quote.text,
        "kind": quote.kind,
        "speaker": _speaker_ref(links, quote.speaker) if quote.speaker else None,
        "speaker_mention": quote.speaker_mention,
        "cue": quote.cue,
        "confidence": quote.confidence,
        "review_status": quote.review_status,
        "origin": quote.origin,
        "published_at": quote.published_at,
        "language": quote.article.language,
        "start": quote.start,
        "end": quote.end,
        "article": _article_ref(links, quote.article),
        "topics": [_topic_ref(links, topic) for topic in quote.topics.all()],
    }


def _quotes_api_url(links: Links, **filters: str) -> str:
    return f"{links.api('quote-list')}?{urlencode(filters)}"


def _speaker(links: Links, speaker: Speaker) -> dict:
    return {
        **_speaker_ref(links, speaker),
        "description": speaker.description,
        "aliases": [a.name for a in speaker.aliases.all() if a.name != speaker.name],
        "gender": speaker.gender,
        "quote_count": speaker.quote_count,
        "latest_quote_at": speaker.latest_quote_at,
        "quotes_api_url": _quotes_api_url(links, speaker=speaker.slug),
        "feed_url": links("speaker-feed", speaker.slug),
    }


def _topic(links: Links, topic: Topic) -> dict:
    return {
        **_topic_ref(links, topic),
        "quote_count": topic.quote_count,
        "quotes_api_url": _quotes_api_url(links, topic=topic.slug),
        "feed_url": links("topic-feed", topic.slug),
    }


def _article(links: Links, article: Article) -> dict:
    return {
        **_article_ref(links, article),
        "byline": article.byline,
    }


def _page(links: Links, items: list, position: object) -> dict:
    cursor = encode_cursor(position)
    return {"items": items, "next_cursor": cursor, "next": links.next_page(cursor)}


@api.get("/quotes", response=schemas.QuotePage, url_name="quote-list", tags=["quotes"])
def quote_list(
    request: HttpRequest,
    filters: Query[schemas.QuoteFilters],
    page: Query[schemas.PageParams],
):
    """Quotes matching the search page's filters, newest first (undated last)."""
    after = decode_cursor(page.cursor, lambda p: isinstance(p, str))
    try:
        found = selectors.quotes_newest(
            query=filters.q, filters=_search_filters(filters), after=after, limit=page.limit
        )
    except ValueError:
        raise HttpError(400, INVALID_CURSOR) from None
    links = Links(request)
    return _page(links, [_quote(links, q) for q in found.items], found.next_after)


@api.get(
    "/quotes/{int:quote_id}",
    response={200: schemas.QuoteOut, **NOT_FOUND},
    url_name="quote",
    tags=["quotes"],
)
def quote_detail(request: HttpRequest, quote_id: int):
    """One quote with its speaker, article and topics."""
    return _quote(Links(request), selectors.quote_get(pk=quote_id))


@api.get("/search", response=schemas.SearchOut, url_name="search", tags=["quotes"])
def search(
    request: HttpRequest,
    filters: Query[schemas.QuoteFilters],
    page: Query[schemas.PageParams],
):
    """The search page as data: best matches first, with highlighted snippets and facets.

    Up to 500 pages; to walk every match, use /quotes with the same filters.
    """
    position = decode_cursor(page.cursor, _is_list_of(int, int))
    number, size = position if position else (1, page.limit)
    if not (1 <= number <= MAX_SEARCH_PAGE and 1 <= size <= 100):
        raise HttpError(400, INVALID_CURSOR)
    results = search_quotes(filters.q, _search_filters(filters), number, page_size=size)
    quotes = [hit.quote for hit in results.hits]
    prefetch_related_objects(quotes, Prefetch("topics", queryset=Topic.objects.order_by("label")))
    links = Links(request)
    more = results.hits.has_next and results.hits.number < MAX_SEARCH_PAGE
    return {
        "query": results.query,
        "total": results.total,
        "approximate": results.approximate,
        "facets": {
            name: [{"value": v.value, "label": str(v.label), "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
        **_page(
            links,
            [
                {"quote": _quote(links, hit.quote), "snippet": str(hit.snippet), "rank": hit.rank}
                for hit in results.hits
            ],
            [results.hits.next_page_number, size] if more else None,
        ),
    }


@api.get("/speakers", response=schemas.SpeakerPage, url_name="speaker-list", tags=["speakers"])
def speaker_list(
    request: HttpRequest,
    filters: Query[schemas.SpeakerFilters],
    page: Query[schemas.PageParams],
):
    """Speakers with at least one public quote, with their aliases."""
    sort = filters.sort
    check = _is_list_of(int, str, int) if sort == "count" else _is_list_of(str, int)
    found = selectors.speakers_page(
        query=filters.q,
        kind=filters.kind or "",
        sort=sort,
        after=decode_cursor(page.cursor, check),
        limit=page.limit,
    )
    links = Links(request)
    return _page(links, [_speaker(links, s) for s in found.items], found.next_after)


@api.get(
    "/speakers/{int:speaker_id}",
    response={200: schemas.SpeakerDetailOut, **NOT_FOUND},
    url_name="speaker",
    tags=["speakers"],
)
def speaker_detail(request: HttpRequest, speaker_id: int):
    """A speaker with counts and top topics; a merged speaker redirects (301) to the one kept."""
    links = Links(request)
    try:
        profile = selectors.speaker_detail(pk=speaker_id)
    except selectors.Moved as moved:
        return HttpResponsePermanentRedirect(links.api("speaker", moved.speaker.pk))
    return {
        **_speaker(links, profile.speaker),
        "article_count": profile.article_count,
        "first_quote_at": profile.first_quote_at,
        "top_topics": [_topic_ref(links, topic) for topic in profile.top_topics],
    }


@api.get("/articles", response=schemas.ArticlePage, url_name="article-list", tags=["articles"])
def article_list(
    request: HttpRequest,
    filters: Query[schemas.ArticleFilters],
    page: Query[schemas.PageParams],
):
    """Attributed articles, newest first (undated last), without their text."""
    found = selectors.articles_page(
        language=filters.language or "",
        outlet=filters.outlet.strip(),
        date_from=filters.date_from,
        date_to=filters.date_to,
        after=decode_cursor(page.cursor, _is_article_position),
        limit=page.limit,
    )
    links = Links(request)
    return _page(links, [_article(links, a) for a in found.items], found.next_after)


@api.get(
    "/articles/{int:article_id}",
    response={200: schemas.ArticleDetailOut, **NOT_FOUND},
    url_name="article",
    tags=["articles"],
)
def article_detail(request: HttpRequest, article_id: int):
    """An article's text and its public quotes, in text order, with offsets into the text."""
    article, quotes = selectors.article_detail(pk=article_id)
    links = Links(request)
    return {
        **_article(links, article),
        "body": article.body,
        "quotes": [_quote(links, quote) for quote in quotes],
    }


@api.get("/topics", response=schemas.TopicPage, url_name="topic-list", tags=["topics"])
def topic_list(
    request: HttpRequest,
    filters: Query[schemas.TopicFilters],
    page: Query[schemas.PageParams],
):
    """Topics with at least one public quote, most quoted first."""
    after = decode_cursor(page.cursor, _is_list_of(int, str, int))
    found = selectors.topics_page(query=filters.q, after=after, limit=page.limit)
    links = Links(request)
    return _page(links, [_topic(links, t) for t in found.items], found.next_after)


@api.get(
    "/topics/{slug:slug}",
    response={200: schemas.TopicOut, **NOT_FOUND},
    url_name="topic",
    tags=["topics"],
)
def topic_detail(request: HttpRequest, slug: str):
    """A topic; its quotes are /quotes?topic=SLUG."""
    return _topic(Links(request), selectors.topic_get(slug=slug))
