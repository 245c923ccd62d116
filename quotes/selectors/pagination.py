"""The one page type of every list: the site's numbered pages and the read API's keyset pages.

A page is read with one row past its end (so most lists never count their rows): numbered
pages skip whole pages by offset, keyset pages continue after the last row's sort key, which
costs the same deep in a list as at its start. A page whose list was counted (or estimated)
carries its total too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")

# Deeper pages than anyone reads; also keeps OFFSET within what the databases accept.
MAX_PAGE = 10_000


def page_number(value: int | str | None) -> int:
    """A page number from the query string: junk is page 1, and far pages stop at MAX_PAGE."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def page_offset(number: int, size: int) -> int:
    """How many rows come before page `number`."""
    return (number - 1) * size


@dataclass(frozen=True)
class Page(Generic[Item]):
    """One page of a list; `next_after` is where a keyset page continues (None on the last)."""

    items: list[Item]
    size: int
    number: int = 1
    has_next: bool = False
    next_after: object | None = None
    total: int | None = None
    approximate: bool = False

    @classmethod
    def window(cls, rows: list[Item], *, number: int, size: int) -> Page[Item]:
        """The page from size + 1 rows read from its offset."""
        return cls(items=rows[:size], size=size, number=number, has_next=len(rows) > size)

    @classmethod
    def keyset(cls, rows: list[Item], *, size: int, key: Callable[[Item], object]) -> Page[Item]:
        """The page from size + 1 rows read in key order, continuing after its last row's key."""
        items = rows[:size]
        more = len(rows) > size
        return cls(
            items=items, size=size, has_next=more, next_after=key(items[-1]) if more else None
        )

    @classmethod
    def counted(
        cls, items: list[Item], *, number: int, size: int, total: int, approximate: bool = False
    ) -> Page[Item]:
        """A page of a counted list; an estimate may overshoot, so a short page is the last."""
        more = number < cls.last_number(total, size) and len(items) == size
        return cls(items, size, number, more, total=total, approximate=approximate)

    @staticmethod
    def last_number(total: int, size: int) -> int:
        """The number of the last page of `total` rows (1 for an empty list)."""
        return max(1, math.ceil(total / size))

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def num_pages(self) -> int | None:
        """How many pages the list has, when its total is known."""
        return None if self.total is None else self.last_number(self.total, self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return page_offset(self.number, self.size) + 1

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.items) - 1

    @property
    def is_complete(self) -> bool:
        """True when this one page holds the whole list, so its length is the total."""
        return not self.has_other_pages
