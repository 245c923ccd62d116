"""Start-up configuration: clear errors for unsafe or malformed settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# pytest-django exports the test settings module; a subprocess must get the real settings.
CONTROLLED = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "LOG_FORMAT"}


def run_python(*arguments: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python in a clean environment plus the given variables."""
    base = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_check(**env: str) -> subprocess.CompletedProcess[str]:
    """Run `manage.py check` with the production settings module."""
    return run_python("manage.py", "check", **env)


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


def test_pytest_django_chooses_the_test_settings_module(settings):
    assert settings.SETTINGS_MODULE == "newsroom.settings_test"


# What the settings used to sniff to switch test mode on: pytest imported, or TESTING set.
LOOKS_LIKE_A_TEST = (
    "import pytest, django; django.setup(); from django.conf import settings;"
    "print(settings.SECRET_KEY, settings.PASSWORD_HASHERS[0])"
)


def test_production_settings_never_fall_back_to_a_public_secret_even_when_pytest_is_loaded():
    result = run_python(
        "-c",
        LOOKS_LIKE_A_TEST,
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="false",
        ALLOWED_HOSTS="quotes.example.org",
        TESTING="true",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_keep_a_strong_password_hasher_even_when_pytest_is_loaded():
    result = run_python(
        "-c",
        LOOKS_LIKE_A_TEST,
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="false",
        SECRET_KEY="s3cret-from-the-environment",
        ALLOWED_HOSTS="quotes.example.org",
        TESTING="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "s3cret-from-the-environment",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_development_without_a_secret_key_starts_with_the_development_key():
    result = run_python(
        "-c", LOOKS_LIKE_A_TEST, DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="true"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "insecure-development-key-not-for-production"


def test_an_unknown_log_format_is_refused():
    result = run_check(DEBUG="true", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT='xml' is not 'plain' or 'json'" in result.stderr


def test_a_fresh_clone_without_var_migrates_into_a_new_sqlite_file(tmp_path):
    var = tmp_path / "fresh" / "var"
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", *CONTROLLED}}

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
