"""An index of character spans, so thousands of candidates are not compared pairwise."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Generic, TypeVar

Item = TypeVar("Item")


class SpanIndex(Generic[Item]):
    """Spans added in any order; asks which of them overlap a range.

    A query looks only at spans starting within the longest span's length before the range,
    so its cost follows the answer, not the number of spans, for the short spans of news.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._entries: list[tuple[int, int, Item]] = []
        self._longest = 0

    def add(self, start: int, end: int, item: Item) -> None:
        position = bisect.bisect_right(self._starts, start)
        self._starts.insert(position, start)
        self._entries.insert(position, (start, end, item))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, Item]]:
        """The spans sharing at least one character with [start, end), by start."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        for entry in self._entries[first:last]:
            if entry[1] > start:
                yield entry
