"""Fetch one web page over HTTP(S) and turn it into a record."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from django.conf import settings

from quotes.ingest.decoding import decode_bytes
from quotes.ingest.readers import html_record, with_language
from quotes.ingest.records import ArticleRecord, ReadError, RecordError, build_record, parse_url

USER_AGENT = "newsroom-quotes/0.1 (+quote tracker; one page per request)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK_BYTES = 64 * 1024


def fetch_url(url: str, *, lang: str | None = None) -> ArticleRecord | ReadError:
    """The article at url, or a one-line error (bad URL, HTTP error, timeout, size, type).

    Its language is settled as read_paths does (lang forces one).
    """
    return with_language(_fetch(url), lang)


def _fetch(url: str) -> ArticleRecord | ReadError:
    try:
        checked = parse_url(url)
        request = urllib.request.Request(checked, headers={"User-Agent": USER_AGENT})
        timeout = settings.INGEST_FETCH_TIMEOUT
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            declared = response.headers.get_content_charset()
            limit = settings.INGEST_MAX_BYTES
            data = _read_within(response, limit + 1, deadline=time.monotonic() + timeout)
            final_url = response.geturl()
    except RecordError as error:
        return ReadError(url, str(error))
    except urllib.error.HTTPError as error:
        return ReadError(url, f"HTTP {error.code} {error.reason}")
    except urllib.error.URLError as error:
        return ReadError(url, f"could not fetch ({error.reason})")
    except TimeoutError:
        return ReadError(url, f"no answer within {settings.INGEST_FETCH_TIMEOUT} s")
    except OSError as error:
        return ReadError(url, f"could not fetch ({error})")
    if len(data) > limit:
        return ReadError(url, f"page is over the limit of {limit} bytes (INGEST_MAX_BYTES)")
    if content_type not in (*_HTML_TYPES, "text/plain"):
        return ReadError(
            url, f"unsupported content type {content_type} (expected HTML or plain text)"
        )
    try:
        text = _decode(data, declared)
        if content_type == "text/plain":
            return build_record(source=url, text=text, url=final_url)
        return html_record(source=url, html=text, url=final_url)
    except RecordError as error:
        return ReadError(url, str(error))


def _read_within(response, size: int, *, deadline: float) -> bytes:
    """Read up to size bytes; the timeout bounds the whole download, not each slow packet."""
    chunks: list[bytes] = []
    received = 0
    while received < size:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(min(CHUNK_BYTES, size - received))
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def _decode(data: bytes, declared: str | None) -> str:
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)
