"""Settings for the test suite, chosen by pytest-django (pyproject.toml): base plus overrides."""

from __future__ import annotations

import os

# Tests run with DEBUG off, where the base settings insist on a secret and host names.
os.environ.setdefault("SECRET_KEY", "test-suite-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from newsroom.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# Fast hashing: the suite creates and logs in many users; never used outside tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Plain static files: the manifest storage needs collectstatic, which tests do not run.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test client and the live server speak plain HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The suite reads the interface in English unless a test asks for French (Accept-Language or the
# language cookie), so the demo's French default does not change what most tests read.
LANGUAGE_CODE = "en"
