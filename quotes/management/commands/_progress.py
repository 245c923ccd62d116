"""A tqdm progress bar for management commands, shown only when stderr is a terminal."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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

    def status(self, message: str, *, verbose: bool) -> None:
        """Work under way on the current item: beside the bar, or a line when verbose."""
        if self.bar is not None:
            self.bar.set_postfix_str(message)
        elif verbose:
            self.info(message)

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


class _StatusHandler(logging.Handler):
    def __init__(self, progress: Progress, *, verbose: bool) -> None:
        super().__init__(logging.INFO)
        self.progress = progress
        self.verbose = verbose

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.status(record.getMessage(), verbose=self.verbose)


@contextmanager
def engine_progress(progress: Progress, *, verbose: bool) -> Iterator[None]:
    """Show the engine's progress through a long article (quotes.attribution.progress)."""
    engine = logging.getLogger("quotes.attribution.progress")
    handler = _StatusHandler(progress, verbose=verbose)
    saved = engine.level, engine.propagate
    engine.addHandler(handler)
    engine.setLevel(logging.INFO)
    engine.propagate = False
    try:
        yield
    finally:
        engine.removeHandler(handler)
        engine.level, engine.propagate = saved
