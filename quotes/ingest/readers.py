"""Readers for .txt, .json, .jsonl and .html files and folders of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import trafilatura
from django.conf import settings

from quotes.ingest.decoding import decode_bytes
from quotes.ingest.records import ArticleRecord, ReadError, RecordError, build_record, check_size

SUPPORTED_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")
# How much of an over-long .jsonl line is read at a time while skipping it.
_SKIP_CHUNK = 1 << 20

Item = ArticleRecord | ReadError


def read_paths(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every record or error from the given files and folders, in a stable order."""
    for path in paths:
        yield from read_path(Path(path))


def read_path(path: Path) -> Iterator[Item]:
    """Records or errors from one file, or from every supported file under a folder."""
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in SUPPORTED_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        for file in files:
            yield from _read_file(file)
    elif path.exists():
        yield from _read_file(path)
    else:
        yield ReadError(str(path), "no such file or directory")


def _read_file(path: Path) -> Iterator[Item]:
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


def _read_json(path: Path, text: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON ({error.msg} at line {error.lineno})") from None
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
    with handle:
        for number, raw in enumerate(_lines(handle, limit), start=1):
            source = f"{path}:{number}"
            if isinstance(raw, _LongLine):
                yield ReadError(
                    source,
                    f"line is {raw.size} bytes, over the limit of {limit} for one JSON document "
                    "(INGEST_JSON_MAX_BYTES)",
                )
                continue
            if not raw.strip():
                continue
            try:
                data = json.loads(decode_bytes(raw))
                yield record_from_mapping(data, source=source)
            except json.JSONDecodeError as error:
                yield ReadError(source, f"not valid JSON ({error.msg})")
            except RecordError as error:
                yield ReadError(source, str(error))


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
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
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
