"""The shapes the API returns and the filters it accepts, which the OpenAPI schema describes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, Field, StringConstraints

SpeakerKind = Literal["person", "organisation", "anonymous", "other"]
Gender = Literal["woman", "man", "unknown", "not_person"]
QuoteKind = Literal["direct", "indirect", "mixed"]
LanguageCode = Literal["fr", "en"]
# Rejected quotes are never published, so they cannot be asked for.
PublicReview = Literal["unreviewed", "confirmed", "corrected"]

SpeakerSort = Literal["count", "name"]


def _without_nul(value: object) -> object:
    """PostgreSQL can neither store nor compare a NUL: one pasted into a filter is dropped."""
    return value.replace("\x00", "") if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_without_nul)]
Slug = Annotated[
    str, BeforeValidator(_without_nul), StringConstraints(strip_whitespace=True, max_length=320)
]
Outlet = Annotated[
    str, BeforeValidator(_without_nul), StringConstraints(strip_whitespace=True, max_length=200)
]


class PageParams(Schema):
    """Where a page starts and how long it is."""

    cursor: str | None = Field(
        None,
        max_length=1000,
        description="The `next_cursor` of the previous page; leave out for the first page.",
    )
    limit: int = Field(20, ge=1, le=100, description="Items per page (1 to 100).")


class QuoteFilters(Schema):
    """The search page's filters (`/search/`), with the same names and values.

    Each facet may be repeated (`kind=direct&kind=mixed`): a quote matches any of its values.
    """

    q: Text = Field(
        "",
        max_length=500,
        description='Quote words or speakers\' names: "a phrase", -excluded, a or b '
        "(accents and plurals ignored).",
    )
    speaker: list[Slug] = Field([], max_length=50, description="Speakers' slugs.")
    speaker_kind: list[SpeakerKind] = Field([], max_length=4)
    kind: list[QuoteKind] = Field([], max_length=3)
    language: list[LanguageCode] = Field([], max_length=2)
    outlet: list[Outlet] = Field([], max_length=50, description="Exact outlet names.")
    topic: list[Slug] = Field([], max_length=50, description="Topics' slugs.")
    review_status: list[PublicReview] = Field([], max_length=3)
    date_from: dt.date | None = Field(None, description="First day (UTC), inclusive.")
    date_to: dt.date | None = Field(None, description="Last day (UTC), inclusive.")
    one_per_group: bool = Field(
        False,
        description="Count a quote reported in several articles once, under its first stored "
        "quote (as `one_per_group=1` on the search page).",
    )


class SpeakerFilters(Schema):
    q: Text = Field("", max_length=300, description="Part of a name or alias.")
    kind: SpeakerKind | None = None
    sort: SpeakerSort = Field("count", description="Most quoted first, or by name.")


class ArticleFilters(Schema):
    language: LanguageCode | None = None
    outlet: Text = Field("", max_length=200, description="Exact outlet name.")
    date_from: dt.date | None = Field(None, description="First day (UTC), inclusive.")
    date_to: dt.date | None = Field(None, description="Last day (UTC), inclusive.")


class TopicFilters(Schema):
    q: Text = Field("", max_length=200, description="Part of the topic's label.")


class SpeakerRef(Schema):
    id: int
    slug: str
    name: str
    kind: SpeakerKind
    url: str = Field(description="The speaker's page.")
    api_url: str


class TopicRef(Schema):
    id: int
    slug: str
    label: str
    url: str = Field(description="The topic's page.")
    api_url: str


class ArticleRef(Schema):
    id: int
    title: str
    outlet: str
    language: LanguageCode
    published_at: dt.datetime | None
    url: str = Field(description="The article's page, its quotes highlighted.")
    api_url: str
    source_url: str | None = Field(description="Where the article was published, when known.")


class QuoteOut(Schema):
    id: int
    url: str = Field(description="The quote's page.")
    api_url: str
    text: str = Field(description="The words, exactly as in the article body.")
    kind: QuoteKind
    speaker: SpeakerRef | None = Field(description="None when nobody could be named.")
    speaker_mention: str = Field(description="How the article names the speaker here.")
    cue: str = Field(description="The reporting words (a déclaré, said, selon ...).")
    confidence: float = Field(description="Share of quotes like this one found right (0-1).")
    review_status: PublicReview
    origin: Literal["machine", "editor"]
    published_at: dt.datetime | None
    language: LanguageCode
    start: int = Field(description="Offset of the first character in the article body.")
    end: int = Field(description="Offset just past the last character.")
    article: ArticleRef
    topics: list[TopicRef]


class QuotePage(Schema):
    items: list[QuoteOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The next page's URL; None on the last page.")


class SpeakerOut(Schema):
    id: int
    slug: str
    name: str
    kind: SpeakerKind
    description: str = Field(description="The role as the articles write it.")
    aliases: list[str] = Field(description="Other names the articles use for the speaker.")
    gender: Gender = Field(
        description="Inferred from the articles (titles, agreement, pronouns, first names) "
        "or set by an editor; the speaker's page shows the evidence."
    )
    quote_count: int
    latest_quote_at: dt.datetime | None
    url: str
    api_url: str
    quotes_api_url: str
    feed_url: str = Field(description="Atom feed of the speaker's newest quotes.")


class SpeakerDetailOut(SpeakerOut):
    article_count: int
    first_quote_at: dt.datetime | None
    top_topics: list[TopicRef]


class SpeakerPage(Schema):
    items: list[SpeakerOut]
    next_cursor: str | None
    next: str | None


class ArticleOut(ArticleRef):
    byline: str


class ArticleDetailOut(ArticleOut):
    body: str = Field(description="The text that quote offsets refer to.")
    quotes: list[QuoteOut] = Field(description="Its public quotes in text order.")


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None
    next: str | None


class TopicOut(TopicRef):
    quote_count: int
    quotes_api_url: str
    feed_url: str = Field(description="Atom feed of the topic's newest quotes.")


class TopicPage(Schema):
    items: list[TopicOut]
    next_cursor: str | None
    next: str | None


class FacetOut(Schema):
    value: str = Field(description="The filter value to pass back (a slug for speaker, topic).")
    label: str
    count: int


class SearchHitOut(Schema):
    quote: QuoteOut
    snippet: str = Field(description="HTML: the quote, escaped, with <mark> around matches.")
    rank: float


class SearchOut(Schema):
    query: str
    total: int
    approximate: bool = Field(
        description="True when there are too many matches to count: total and facet counts "
        "are estimates and hits come newest first instead of by relevance."
    )
    facets: dict[str, list[FacetOut]]
    items: list[SearchHitOut]
    next_cursor: str | None
    next: str | None


class Detail(Schema):
    detail: str
