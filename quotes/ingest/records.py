"""The plain data a reader hands to the ingest service, and the error it reports instead."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime

SUPPORTED_LANGUAGES = ("fr", "en")
TITLE_MAX_CHARS = 300
URL_MAX_CHARS = 2000
# Invisible characters that only break words for the parser and for search.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\u2060": None})
_TRAILING_SPACES = re.compile(r"[ \t]+\n")
# Half of a UTF-16 pair, only reachable through a JSON escape such as "\ud800": not a character,
# so no database or encoder accepts it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Years 1 to 9999 (what Python's datetime holds) less a day at each end, so that the moment is
# still a valid date once shown in any time zone.
_EARLIEST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_LATEST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)
_url_validator = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class ArticleRecord:
    """One article as read from a file, a JSONL line or a URL, ready to be stored."""

    source: str
    title: str
    text: str
    url: str | None = None
    outlet: str = ""
    byline: str = ""
    published_at: dt.datetime | None = None
    lang: str | None = None


@dataclass(frozen=True)
class ReadError:
    """An input that could not become a record; str() is the one-line message for the user."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class RecordError(ValueError):
    """A field that makes a record unusable; the reader turns it into a ReadError."""


def clean_text(text: str) -> str:
    """The body as stored: Unix newlines, composed accents, no invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _TRAILING_SPACES.sub("\n", text).strip()


def first_line_title(text: str) -> str:
    """The first non-empty line, cut at a word boundary when it is a whole paragraph."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= TITLE_MAX_CHARS:
        return line
    cut = line[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return f"{cut}…"


def check_size(text: str) -> None:
    """Refuse a text over INGEST_MAX_BYTES (UTF-8), read at call time so tests can lower it."""
    size = len(text.encode("utf-8"))
    limit = settings.INGEST_MAX_BYTES
    if size > limit:
        raise RecordError(f"text is {size} bytes, over the limit of {limit} (INGEST_MAX_BYTES)")


def parse_published_at(value: object) -> dt.datetime | None:
    """An aware datetime from ISO 8601 (date or date-time); naive values are taken as UTC."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"published_at {value!r} is not a date (use ISO 8601: 2024-11-12)")
    raw = value.strip()
    try:
        moment = parse_datetime(raw)
        day = None if moment else parse_date(raw)
    except ValueError:
        moment = day = None
    if moment is None and day is not None:
        moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    if moment is None:
        raise RecordError(f"published_at {value!r} is not a date (use ISO 8601: 2024-11-12)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        in_range = _EARLIEST <= moment.astimezone(dt.UTC) <= _LATEST
    except OverflowError:
        in_range = False
    if not in_range:
        raise RecordError(f"published_at {value!r} is out of range (0001-01-02 to 9999-12-30 UTC)")
    return moment


def parse_lang(value: object) -> str | None:
    """'fr', 'FR' or 'fr-CA' to 'fr'; None when absent; an error for languages we cannot parse."""
    if value in (None, ""):
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED_LANGUAGES:
        supported = ", ".join(SUPPORTED_LANGUAGES)
        raise RecordError(f"lang {value!r} is not supported (use {supported})")
    return code


def check_characters(**fields: object) -> None:
    """Refuse a string field holding a lone surrogate or a NUL, naming the field and where.

    PostgreSQL cannot store a NUL in text, so SQLite would keep what PostgreSQL refuses.
    """
    for name, value in fields.items():
        if not isinstance(value, str):
            continue
        if found := _SURROGATE.search(value):
            code = f"\\u{ord(found.group()):04x}"
            raise RecordError(
                f"{name} holds a lone surrogate {code} at character {found.start()}, "
                "which is not a character"
            )
        if (position := value.find("\x00")) >= 0:
            raise RecordError(f"{name} holds a NUL character (\\u0000) at character {position}")


def settle_language(record: ArticleRecord, forced: str | None = None) -> ArticleRecord:
    """The record with its language decided: forced, declared, else guessed from the text.

    Raises RecordError for a text in a language the engine cannot parse, rather than let the
    French rules run on it.
    """
    if forced:
        return replace(record, lang=forced)
    if record.lang:
        return record
    # Imported here: the engine package imports spaCy, which is slow to load.
    from quotes.attribution.language import guess_language

    guess = guess_language(record.text)
    if not guess.supported:
        raise RecordError(unsupported_language_message(guess.describe()))
    return replace(record, lang=guess.code)


def unsupported_language_message(what: str) -> str:
    """'language 'de' is not supported (fr, en; --lang forces one)'."""
    return f"{what} is not supported ({', '.join(SUPPORTED_LANGUAGES)}; --lang forces one)"


def parse_url(value: object) -> str | None:
    """A valid http(s) URL or None."""
    if value in (None, ""):
        return None
    url = str(value).strip()
    if len(url) > URL_MAX_CHARS:
        raise RecordError(f"url is longer than {URL_MAX_CHARS} characters")
    try:
        _url_validator(url)
    except ValidationError:
        raise RecordError(f"url {value!r} is not a valid http(s) URL") from None
    return url


def build_record(
    *,
    source: str,
    text: str,
    title: object = None,
    url: object = None,
    outlet: object = None,
    byline: object = None,
    published_at: object = None,
    lang: object = None,
) -> ArticleRecord:
    """Validate raw fields into a record; raises RecordError with a one-line reason."""
    if not isinstance(text, str):
        raise RecordError("text is not a string")
    check_characters(
        text=text, title=title, url=url, outlet=outlet, byline=byline, published_at=published_at
    )
    body = clean_text(text)
    if not body:
        raise RecordError("text is empty")
    check_size(body)
    clean_title = " ".join(str(title).split()) if title else ""
    return ArticleRecord(
        source=source,
        title=(clean_title or first_line_title(body))[:500],
        text=body,
        url=parse_url(url),
        outlet=" ".join(str(outlet or "").split())[:200],
        byline=" ".join(str(byline or "").split())[:300],
        published_at=parse_published_at(published_at),
        lang=parse_lang(lang),
    )
