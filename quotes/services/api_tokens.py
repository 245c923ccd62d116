"""API tokens: editors' keys to the read API, stored as hashes."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from quotes.models import ApiToken

KEY_PREFIX = "qt_"
# The permission that makes someone an editor (the Editors group holds it).
EDITOR_PERMISSION = ("quotes", "change_quote")


class ApiTokenError(ValueError):
    """A token the service refuses to make, with a one-line reason."""


def hash_key(key: str) -> str:
    """The stored form of a key: a random key needs no slow hash, only a one-way one."""
    return hashlib.sha256(key.encode()).hexdigest()


def editors() -> Q:
    """Active users who may edit quotes, as a condition on User."""
    app_label, codename = EDITOR_PERMISSION
    holds = Permission.objects.filter(content_type__app_label=app_label, codename=codename).filter(
        Q(group__user=OuterRef("pk")) | Q(user=OuterRef("pk"))
    )
    return Q(is_active=True) & (Q(is_superuser=True) | Exists(holds))


@transaction.atomic
def api_token_create(*, username: str, name: str = "") -> tuple[ApiToken, str]:
    """A new token for an editor; returns it and its key, which is never stored."""
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ApiTokenError(f"no user {username!r}")
    if not User.objects.filter(editors(), pk=user.pk).exists():
        raise ApiTokenError(f"{username!r} is not an active editor (see manage.py make_editor)")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], key_hash=hash_key(key), prefix=key[: len(KEY_PREFIX) + 6]
    )
    return token, key
