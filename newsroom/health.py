"""/healthz for load balancers: is the database reachable, and the broker when there is one."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


def check_database() -> None:
    """One trivial query on the default database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker() -> None:
    """Open and close one connection to the broker, without retrying."""
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)


def _checks() -> dict[str, Callable[[], None]]:
    checks = {"database": check_database}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = check_broker
    return checks


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 with each check's result when all pass, 503 naming the ones that failed."""
    results: dict[str, str] = {}
    for name, check in _checks().items():
        try:
            check()
        except Exception as error:
            # The body is public: it names the failing part; the details go to the log.
            logger.exception("health check %s failed", name, extra={"check": name})
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "failing" if failed else "ok", "checks": results}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)
