"""Readers for .txt, .json, .jsonl and .html files and folders of them."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import trafilatura
from django.conf import settings

from quotes.ingest.decoding import decode_bytes
from quotes.ingest.records import (
    ArticleRecord,
    ReadError,
    RecordError,
    build_record,
    check_size,
    settle_language,
)

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
# How much of an over-long .jsonl line is read at a time while skipping it.
_SKIP_CHUNK = 1 << 20
# An article is two levels deep. The parser recurses and gives up near 1000 levels, and
# anything that later walks the value recursively (repr of a title) would too.
MAX_JSON_DEPTH = 100
# trafilatura falls back to whatever text a page has; an article has at least one sentence
# this long, a menu or a list of links has none.
MIN_SENTENCE_WORDS = 8

# trafilatura logs about pages it finds empty or unparseable ("discarding data: None", "empty
# HTML tree"): second, cryptic lines about an item the refusal already names.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

Item = ArticleRecord | ReadError


def read_paths(paths: Iterable[str | Path], *, lang: str | None = None) -> Iterator[Item]:
    """Every record or error from the given files and folders, in a stable order.

    Every record leaves with its language decided (lang forces one); a text in a language the
    engine cannot parse becomes an error.
    """
    for path in paths:
        yield from read_path(Path(path), lang=lang)


def read_path(path: Path, *, lang: str | None = None) -> Iterator[Item]:
    """Records or errors from one file, or from every supported file under a folder."""
    for item in _read_path(path):
        yield with_language(item, lang)


def with_language(item: Item, forced: str | None = None) -> Item:
    """The record with its language settled (see settle_language), or the error it becomes."""
    if isinstance(item, ReadError):
        return item
    try:
        return settle_language(item, forced)
    except RecordError as error:
        return ReadError(item.source, str(error))


def _read_path(path: Path) -> Iterator[Item]:
    try:
        status = path.stat()
    except FileNotFoundError:
        yield ReadError(str(path), "no such file or directory")
        return
    except OSError as error:
        yield ReadError(str(path), _reason(error))
        return
    if stat.S_ISDIR(status.st_mode):
        yield from _read_folder(path)
    else:
        yield from _read_file(path, status)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _read_folder(folder: Path) -> Iterator[Item]:
    """Every supported file under the folder; unreadable folders are named, never skipped."""
    found: list[tuple[Path, OSError | None]] = []

    def unreadable(error: OSError) -> None:
        found.append((Path(error.filename or folder), error))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found.extend(
            (Path(root, name), None)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES
        )
    if not found:
        suffixes = ", ".join(SUPPORTED_SUFFIXES)
        yield ReadError(str(folder), f"no article files found (looked for {suffixes})")
    for path, error in sorted(found, key=lambda entry: entry[0]):
        if error is not None:
            yield ReadError(str(path), _reason(error))
        else:
            yield from _read_path(path)


def _read_file(path: Path, status: os.stat_result) -> Iterator[Item]:
    kind = _special_kind(status.st_mode)
    if kind:
        # Opening a named pipe waits for a writer, and a device can stream for ever.
        yield ReadError(str(path), f"not a regular file ({kind})")
        return
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield ReadError(str(path), f"unsupported file type {suffix or '(none)'}")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
        return
    try:
        text = _read_text(path)
        if suffix == ".json":
            yield from _read_json(path, text)
        elif suffix == ".txt":
            yield build_record(source=str(path), text=text)
        else:
            yield html_record(source=str(path), html=text)
    except RecordError as error:
        yield ReadError(str(path), str(error))
    except OSError as error:
        yield ReadError(str(path), error.strerror or str(error))


def _special_kind(mode: int) -> str:
    """What a non-regular file is ("named pipe", "socket"...), or "" for a regular file."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def _read_text(path: Path) -> str:
    # Refused before reading. A .json file may hold a list of articles, so it has a larger
    # limit of its own (it is parsed whole, in memory); each of its records is checked too.
    is_json = path.suffix.lower() == ".json"
    limit = settings.INGEST_JSON_MAX_BYTES if is_json else settings.INGEST_MAX_BYTES
    size = path.stat().st_size
    if size <= limit:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)  # a file growing since stat is still held to the limit
        size = len(raw)
    if size > limit and is_json:
        raise RecordError(
            f"file is {size} bytes, over the limit of {limit} for a .json file "
            "(INGEST_JSON_MAX_BYTES); split it, or use .jsonl, which is read line by line"
        )
    if size > limit:
        raise RecordError(f"file is {size} bytes, over the limit of {limit} (INGEST_MAX_BYTES)")
    return decode_bytes(raw)


def record_from_mapping(data: object, *, source: str) -> ArticleRecord:
    """A record from a JSON object with title, text or body, url, outlet, byline, published_at."""
    if not isinstance(data, dict):
        raise RecordError("not a JSON object")
    text = data.get("text") or data.get("body")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise RecordError("no text (expected a non-empty 'text' or 'body')")
    return build_record(
        source=source,
        text=text,
        title=data.get("title"),
        url=data.get("url"),
        outlet=data.get("outlet"),
        byline=data.get("byline"),
        published_at=data.get("published_at"),
        lang=data.get("lang"),
    )


def _parse_json(text: str) -> object:
    """json.loads, refusing deep nesting and endless integers (JSONDecodeError passes as is)."""
    too_deep = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        data = json.loads(text)
    except RecursionError:
        raise RecordError(too_deep) from None
    except json.JSONDecodeError:
        raise
    except ValueError:
        # Python refuses to convert integers this long (a guard against quadratic work).
        limit = sys.get_int_max_str_digits()
        raise RecordError(f"JSON holds an integer of more than {limit} digits") from None
    if _deeper_than(data, MAX_JSON_DEPTH):
        raise RecordError(too_deep)
    return data


def _deeper_than(value: object, limit: int) -> bool:
    """Whether lists and objects nest more than limit levels, walked without recursion."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _read_json(path: Path, text: str) -> Iterator[Item]:
    try:
        data = _parse_json(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON ({error.msg} at line {error.lineno})") from None
    if data == []:
        raise RecordError("no articles in JSON list")
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, start=1):
        source = f"{path} item {index}" if isinstance(data, list) else str(path)
        try:
            yield record_from_mapping(item, source=source)
        except RecordError as error:
            yield ReadError(source, str(error))


def _read_jsonl(path: Path) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield ReadError(str(path), error.strerror or str(error))
        return
    limit = settings.INGEST_JSON_MAX_BYTES
    documents = 0
    with handle:
        for number, raw in enumerate(_lines(handle, limit), start=1):
            source = f"{path}:{number}"
            if isinstance(raw, bytes) and not raw.strip():
                continue
            documents += 1
            if isinstance(raw, _LongLine):
                yield ReadError(
                    source,
                    f"line is {raw.size} bytes, over the limit of {limit} for one JSON document "
                    "(INGEST_JSON_MAX_BYTES)",
                )
                continue
            try:
                text = _decode_line(raw, first=number == 1)
                yield record_from_mapping(_parse_json(text), source=source)
            except json.JSONDecodeError as error:
                yield ReadError(source, f"not valid JSON ({error.msg})")
            except RecordError as error:
                yield ReadError(source, str(error))
    if not documents:
        yield ReadError(str(path), "no articles (the file has no JSON lines)")


def _decode_line(raw: bytes, *, first: bool) -> str:
    """A JSON Lines line is UTF-8 (the format says so): guessing would store mojibake."""
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        raise RecordError(
            f"not UTF-8 (byte 0x{raw[error.start]:02x} at byte {error.start + 1}); "
            "a .jsonl file must be UTF-8"
        ) from None


@dataclass(frozen=True)
class _LongLine:
    """A .jsonl line over the limit, skipped without being held in memory."""

    size: int


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | _LongLine]:
    """Each line of the file (newline included), or a _LongLine for one over limit bytes."""
    while raw := handle.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        size = len(raw)
        while raw := handle.readline(_SKIP_CHUNK):
            if raw.endswith(b"\n"):
                size += len(raw) - 1
                break
            size += len(raw)
        yield _LongLine(size)


def html_record(*, source: str, html: str, url: str | None = None) -> ArticleRecord:
    """The main text and metadata of an HTML page; scripts, menus and footers are dropped."""
    check_size(html)
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as error:
        # Hostile markup trips bugs in the parsing libraries (an <html> inside an <svg> fails an
        # assertion in lxml); that is this page's problem, not the batch's.
        raise RecordError(f"the HTML could not be parsed ({type(error).__name__})") from error
    if document is None or not _has_a_sentence(document.text or ""):
        raise RecordError("no article text found in the HTML")
    return build_record(
        source=source,
        text=document.text,
        title=document.title,
        url=url or document.url,
        outlet=document.sitename,
        byline=document.author,
        published_at=document.date,
        lang=document.language if document.language in ("fr", "en") else None,
    )


def _has_a_sentence(text: str) -> bool:
    return any(len(line.split()) >= MIN_SENTENCE_WORDS for line in text.splitlines())
