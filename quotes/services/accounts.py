"""Accounts: granting the editor role (the Editors group is created by a migration)."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import Group, User
from django.db import transaction

EDITORS_GROUP = "Editors"


class AccountError(ValueError):
    """A request the accounts service refuses, with a one-line reason."""


@transaction.atomic
def user_make_editor(
    *, username: str, create: bool = False, password: str | None = None
) -> tuple[User, str | None]:
    """Put the user in the Editors group; returns the user and the password set, if any."""
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is None:
        raise AccountError(f"no {EDITORS_GROUP} group: run manage.py migrate first")
    user = User.objects.filter(username=username).first()
    if user is None and not create:
        raise AccountError(f"no user {username!r} (add --create to create it)")
    if user is None:
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, password=password)
    elif password:
        user.set_password(password)
        user.save(update_fields=["password"])
    user.groups.add(group)
    return user, password
