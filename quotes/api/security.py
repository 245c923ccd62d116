"""Who is calling the API (anonymous, or an editor's token) and how often they may."""

from __future__ import annotations

import threading

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.throttling import SimpleRateThrottle

from quotes.models import ApiToken
from quotes.services.api_tokens import editors, hash_key


class Anonymous:
    """request.auth for a call without a token (truthy, so ninja lets it through)."""

    def __str__(self) -> str:
        return "anonymous"


ANONYMOUS = Anonymous()


class TokenOrAnonymous(HttpBearer):
    """An editor's token from 'Authorization: Bearer KEY'; anonymous without the header.

    A key that is wrong, revoked, or whose user is no longer an active editor is refused
    (401) rather than read as anonymous, so a client learns at once that its key is dead.
    """

    openapi_description = "Optional: an editor's API token (manage.py create_api_token USER)."

    def __call__(self, request: HttpRequest) -> ApiToken | Anonymous:
        header = request.headers.get(self.header, "")
        if not header:
            return ANONYMOUS
        scheme, _, key = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not key.strip():
            raise AuthenticationError(message="Use 'Authorization: Bearer KEY'.")
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = (
            ApiToken.objects.filter(key_hash=hash_key(token))
            .filter(user__in=User.objects.filter(editors()))
            .first()
        )
        if found is None:
            raise AuthenticationError(message="Unknown or revoked API token.")
        return found


class _ClientThrottle(SimpleRateThrottle):
    """Requests per API_RATE_WINDOW in the cache; the limit is read from settings per request.

    ninja keeps one throttle object per operation for every request, and SimpleRateThrottle
    keeps the request being checked (its key, history, clock, limit) on that object: here
    those live in a thread-local, so threads serving requests at once never mix them.
    """

    limit_setting = ""
    _per_request = frozenset({"key", "history", "now", "num_requests", "duration"})

    def __init__(self) -> None:
        # The rate comes from settings at request time (see allow_request), not at import.
        object.__setattr__(self, "_local", threading.local())
        self.rate = None

    def __setattr__(self, name: str, value: object) -> None:
        if name in self._per_request:
            setattr(self._local, name, value)
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> object:
        if name in self._per_request:
            return getattr(self._local, name)
        raise AttributeError(name)

    def allow_request(self, request: HttpRequest) -> bool:
        self.num_requests = getattr(settings, self.limit_setting)
        self.duration = settings.API_RATE_WINDOW
        return super().allow_request(request)


class AnonymousThrottle(_ClientThrottle):
    """Anonymous calls, counted per client address (see API_TRUSTED_PROXIES)."""

    scope = "anonymous"
    limit_setting = "API_ANON_RATE_LIMIT"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if isinstance(getattr(request, "auth", None), ApiToken):
            return None
        return f"api_rate_anon_{self.get_ident(request)}"


class TokenThrottle(_ClientThrottle):
    """Calls with a token, counted per token whatever the address."""

    scope = "token"
    limit_setting = "API_TOKEN_RATE_LIMIT"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return None
        return f"api_rate_token_{token.pk}"
