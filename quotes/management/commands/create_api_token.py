"""manage.py create_api_token USERNAME [--name NAME]: a key to the read API for an editor."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quotes.services.api_tokens import ApiTokenError, api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for an editor and print its key, once: only a hash is stored. "
        "Send it as 'Authorization: Bearer KEY'; revoke it by deleting it in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args, username: str, name: str, **options):
        try:
            token, key = api_token_create(username=username, name=name)
        except ApiTokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"token {token.prefix}… for {token.user.username}; the key (shown once):")
        self.stdout.write(key)
