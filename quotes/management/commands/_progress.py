"""A tqdm progress bar for management commands, shown only when stderr is a terminal."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm


class Progress:
    """Counts work items; messages are written above the bar so it is never garbled."""

    def __init__(self, command: BaseCommand, *, unit: str, total: int | None = None) -> None:
        self.command = command
        self.bar = (
            tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True)
            if command.stderr.isatty()
            else None
        )

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def error(self, message: str) -> None:
        self._write(self.command.stderr, message)

    def info(self, message: str) -> None:
        self._write(self.command.stdout, message)

    def _write(self, stream, message: str) -> None:
        if self.bar is not None:
            self.bar.clear()
            stream.write(message)
            self.bar.refresh()
        else:
            stream.write(message)
