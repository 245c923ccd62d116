"""Anonymous reads are limited per client address; editors' tokens have a limit of their own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from quotes.models import ApiToken
from quotes.services.api_tokens import api_token_create, hash_key
from tests.factories import make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/topics"


@pytest.fixture
def limits(settings):
    settings.API_ANON_RATE_LIMIT = 3
    settings.API_TOKEN_RATE_LIMIT = 5
    settings.API_RATE_WINDOW = 60
    return settings


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get(URL, **headers).status_code for _ in range(count)]


def test_an_anonymous_client_over_the_limit_gets_429_with_retry_after(client, limits):
    assert statuses(client, 3) == [200, 200, 200]

    refused = client.get(URL)

    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests."}


def test_the_limit_is_per_client_address(client, limits):
    statuses(client, 3, REMOTE_ADDR="10.0.0.1")

    assert client.get(URL, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(URL, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_without_trusted_proxies_a_forwarded_header_changes_nothing(client, limits):
    statuses(client, 3, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1")

    spoofed = client.get(URL, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2.2.2.2")

    assert spoofed.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(client, limits):
    limits.NINJA_NUM_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.9"}
    statuses(client, 3, HTTP_X_FORWARDED_FOR="forged, 1.1.1.1", **proxy)

    assert client.get(URL, HTTP_X_FORWARDED_FOR="1.1.1.1", **proxy).status_code == 429
    assert client.get(URL, HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2", **proxy).status_code == 200


def test_an_editor_token_has_its_own_higher_limit(client, limits):
    make_user("chief", editor=True)
    _, key = api_token_create(username="chief")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    statuses(client, 3)
    assert client.get(URL).status_code == 429

    assert statuses(client, 5, **bearer) == [200] * 5
    assert client.get(URL, **bearer).status_code == 429


@pytest.mark.parametrize("header", ["Bearer qt_wrong", "Token abc", "Bearer "])
def test_a_wrong_token_is_refused_not_read_as_anonymous(client, header, limits):
    response = client.get(URL, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401


def test_a_token_stops_working_when_its_user_is_no_longer_an_editor(client):
    user = make_user("chief", editor=True)
    _, key = api_token_create(username="chief")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(URL, **bearer).status_code == 200

    user.groups.remove(Group.objects.get(name="Editors"))

    assert client.get(URL, **bearer).status_code == 401


def test_create_api_token_prints_the_key_once_and_stores_only_its_hash(capsys):
    make_user("chief", editor=True)

    call_command("create_api_token", "chief", "--name", "newsroom bot")

    key = capsys.readouterr().out.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert key.startswith("qt_") and len(key) > 40
    assert token.key_hash == hash_key(key) != key
    assert token.name == "newsroom bot" and key.startswith(token.prefix)
    assert key not in str(ApiToken.objects.values_list().get())


def test_create_api_token_refuses_readers_and_unknown_users():
    make_user("reader")

    with pytest.raises(CommandError, match="not an active editor"):
        call_command("create_api_token", "reader")
    with pytest.raises(CommandError, match="no user"):
        call_command("create_api_token", "nobody")
    assert not ApiToken.objects.exists()


def test_deleting_a_token_in_the_admin_revokes_it(client, admin_client):
    make_user("chief", editor=True)
    token, key = api_token_create(username="chief")
    assert admin_client.get("/admin/quotes/apitoken/").status_code == 200

    admin_client.post(f"/admin/quotes/apitoken/{token.pk}/delete/", {"post": "yes"})

    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_threads_checking_at_once_keep_their_own_counts(limits, rf):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from quotes.api.security import ANONYMOUS, AnonymousThrottle

    throttle = AnonymousThrottle()
    both_checked = Barrier(2)

    def check(address: str, wait: bool = True) -> tuple[bool, int]:
        request = rf.get(URL, REMOTE_ADDR=address)
        request.auth = ANONYMOUS
        allowed = throttle.allow_request(request)
        if wait:  # the other thread has checked too before this one reads its state
            both_checked.wait()
        return allowed, len(throttle.history)

    check("10.0.0.1", wait=False)
    check("10.0.0.1", wait=False)
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(check, ["10.0.0.1", "10.0.0.2"]))

    assert results == [(True, 3), (True, 1)]
