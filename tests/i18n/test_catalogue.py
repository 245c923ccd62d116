"""The French catalogue covers every string the code and templates mark for translation."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = Path("locale") / "fr" / "LC_MESSAGES" / "django.po"
COPIED = ("manage.py", "newsroom", "quotes", "templates", "locale")
# What `make translations` leaves out: the engine knows nothing of Django, the rest is not served.
IGNORED = ["--ignore=quotes/attribution"]


def entries(po: str) -> list[dict[str, str]]:
    """The entries of a .po: each keyword (msgid, msgstr[0], ...) with its joined string, and
    "flags" with its "#," comment lines."""
    found = []
    for block in po.split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        keyword = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif match := re.match(r'^(msg\w+(?:\[\d\])?) "(.*)"$', line):
                keyword = match.group(1)
                entry[keyword] = match.group(2)
            elif line.startswith('"') and keyword:
                entry[keyword] += line[1:-1]
        if entry.get("msgid"):
            found.append(entry)
    return found


def untranslated(po: str) -> list[str]:
    """The msgids of a .po that have no translation, or only a fuzzy one."""
    return [
        entry["msgid"]
        for entry in entries(po)
        if "fuzzy" in entry["flags"]
        or any(value == "" for key, value in entry.items() if key.startswith("msgstr"))
    ]


def test_the_committed_french_catalogue_has_no_empty_or_fuzzy_entry():
    assert untranslated((ROOT / CATALOGUE).read_text(encoding="utf-8")) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="`make setup` installs gettext")
def test_every_marked_string_of_the_code_is_in_the_french_catalogue(tmp_path: Path):
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale=fr", *IGNORED],
        cwd=tmp_path,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert untranslated((tmp_path / CATALOGUE).read_text(encoding="utf-8")) == []


def test_the_french_catalogue_compiles_with_its_placeholders_checked(tmp_path: Path):
    if shutil.which("msgfmt") is None:
        pytest.skip("`make setup` installs gettext")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(ROOT / CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
