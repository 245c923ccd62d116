"""Readers that turn files, folders and URLs into article records or one-line errors."""

from __future__ import annotations

from quotes.ingest.fetch import fetch_url
from quotes.ingest.readers import SUPPORTED_SUFFIXES, read_path, read_paths
from quotes.ingest.records import ArticleRecord, ReadError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleRecord",
    "ReadError",
    "fetch_url",
    "read_path",
    "read_paths",
]
