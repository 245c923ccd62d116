"""Start-up configuration: clear errors for unsafe or malformed settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    """Run `manage.py check` in a clean environment plus the given variables."""
    controlled = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "TESTING"}
    base = {k: v for k, v in os.environ.items() if k not in controlled}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_fails_with_one_clear_line():
    result = run_check(DEBUG="false", ALLOWED_HOSTS="quotes.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_allowed_hosts_fails_clearly():
    result = run_check(DEBUG="false", SECRET_KEY="s3cret-for-the-test")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_with_both_settings_starts():
    result = run_check(DEBUG="false", SECRET_KEY="s3cret", ALLOWED_HOSTS="quotes.example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("value", ["maybe", "ture", "2"])
def test_malformed_boolean_is_refused(value):
    result = run_check(DEBUG=value)
    assert result.returncode != 0
    assert f"DEBUG={value!r} is not a boolean" in result.stderr


def test_tests_use_a_fast_password_hasher(settings):
    assert settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher")


def test_a_fresh_clone_without_var_migrates_into_a_new_sqlite_file(tmp_path):
    var = tmp_path / "fresh" / "var"
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TESTING"}}

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env={**base, "DEBUG": "true", "VAR_DIR": str(var)},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert (var / "quotes.sqlite3").stat().st_size > 0
