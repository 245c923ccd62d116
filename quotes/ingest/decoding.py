"""Bytes to text: UTF-8 first, then a detected encoding, never binary data."""

from __future__ import annotations

import codecs

import charset_normalizer

from quotes.ingest.records import RecordError

# charset-normalizer ranks Baltic and Central European code pages above Windows-1252 on
# French text; our press is Western European, so 1252 wins whenever it is a close candidate.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_CLOSE_CHAOS = 0.1
_MAX_CONTROL_RATIO = 0.01
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _too_many_controls(text: str) -> bool:
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls > _MAX_CONTROL_RATIO * max(len(text), 1)


def _detect(data: bytes) -> str:
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        raise RecordError("undecodable bytes: not UTF-8 and no known text encoding fits")
    best = results[0]
    for candidate in results:
        if candidate.chaos > best.chaos + _CLOSE_CHAOS:
            continue
        for encoding in _WESTERN:
            if encoding in candidate.could_be_from_charset:
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError:
                    continue
    return str(best)


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes; raises RecordError for binary data or bytes no encoding explains."""
    if _looks_binary(data):
        raise RecordError("binary data, not text")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise RecordError(
                f"not valid UTF-16 despite its byte order mark ({error.reason})"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _detect(data)
    if _too_many_controls(text):
        raise RecordError("binary data, not text")
    return text
