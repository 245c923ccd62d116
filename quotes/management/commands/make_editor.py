"""manage.py make_editor USERNAME [--create] [--password PW]: give a user the editor role."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.services.accounts import AccountError, user_make_editor


class Command(BaseCommand):
    help = "Add a user to the Editors group (--create makes the account; a password is printed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--create", action="store_true", help="create the user if missing")
        parser.add_argument("--password", help="set this password (default for --create: random)")

    def handle(self, *args, username: str, create: bool, password: str | None, **options):
        try:
            user, password_set = user_make_editor(
                username=username, create=create, password=password
            )
        except AccountError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{user.username} is an editor")
        if password_set:
            self.stdout.write(f"password: {password_set}")
