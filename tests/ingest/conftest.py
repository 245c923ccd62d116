"""Helpers for ingestion tests: run a management command and read what a user would see."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command


@dataclass
class CommandRun:
    code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


@pytest.fixture
def run_command():
    """Call a management command; returns its exit status and output instead of raising."""

    def run(*args: str) -> CommandRun:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*args, stdout=out, stderr=err)
            code = 0
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        return CommandRun(code, out.getvalue(), err.getvalue())

    return run
