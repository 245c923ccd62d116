"""What a hostile tester tries first: guessing passwords, injecting scripts, plain HTTP."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "pass-word-123"
GUESSES = 50


def log_in(client, url: str, username: str, password: str):
    """Post the login form as a browser does (the admin's form has the same field names)."""
    return client.post(url, {"username": username, "password": password})


def logged_in_as(client) -> str | None:
    """The user name the client's session belongs to, if any."""
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


@pytest.fixture
def staff():
    """A superuser, who may use the admin."""
    return User.objects.create_superuser("root", password=PASSWORD)


@pytest.mark.parametrize("login_url", ["login", "admin:login"])
def test_the_right_password_is_refused_after_fifty_wrong_ones(client, staff, login_url):
    url = reverse(login_url)
    for attempt in range(GUESSES):
        log_in(client, url, "root", f"guess-{attempt}")

    response = log_in(client, url, "root", PASSWORD)

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.text
    assert logged_in_as(client) is None
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.parametrize("login_url", ["login", "admin:login"])
def test_a_few_typos_below_the_limit_do_not_lock_anyone_out(client, staff, settings, login_url):
    url = reverse(login_url)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, url, "root", f"typo-{attempt}").status_code == 200

    response = log_in(client, url, "root", PASSWORD)

    assert response.status_code == 302
    assert logged_in_as(client) == "root"


def test_the_lockout_starts_at_the_configured_limit(client, settings):
    make_user("claire")
    url = reverse("login")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, url, "claire", f"guess-{attempt}")

    assert log_in(client, url, "claire", PASSWORD).status_code == 429


def test_the_right_password_works_again_after_the_cool_off(client, settings):
    make_user("claire")
    url = reverse("login")
    for attempt in range(GUESSES):
        log_in(client, url, "claire", f"guess-{attempt}")
    assert log_in(client, url, "claire", PASSWORD).status_code == 429

    # Time passes: the failures are now older than the cool-off period.
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    )

    assert log_in(client, url, "claire", PASSWORD).status_code == 302
    assert logged_in_as(client) == "claire"


def test_one_users_lockout_leaves_other_users_free(client, settings):
    make_user("claire")
    make_user("omar")
    url = reverse("login")
    for attempt in range(GUESSES):
        log_in(client, url, "claire", f"guess-{attempt}")

    assert log_in(client, url, "omar", PASSWORD).status_code == 302
    assert logged_in_as(client) == "omar"


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get(reverse("home")).headers["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def readme_production_environment() -> dict[str, str]:
    """The variables of the README's production environment block, as an operator copies them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Production environment\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    return dict(
        line.removeprefix("export ").split("=", 1)
        for line in block.splitlines()
        if re.match(r"(export )?[A-Z_]+=", line)
    )


def test_check_deploy_is_clean_with_the_readme_production_settings(tmp_path):
    environment = readme_production_environment()
    assert environment["DEBUG"] == "false"
    assert {"SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"} <= environment.keys()
    # The README cannot print a real secret; an operator generates one the way it says.
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SECURE_", "DJANGO_", "LOGIN_"))
        and name not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**inherited, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
