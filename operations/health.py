"""The health check the compose file and a load balancer ask: is the database there, is Redis there?"""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return False


def redis_ok() -> bool | None:
    """True or False; None when no Redis is configured (the quick start)."""
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return None
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.RedisError:
        return False


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when every part answers, 503 otherwise, with one line per part."""
    checks = {"database": database_ok(), "redis": redis_ok()}
    healthy = all(value is not False for value in checks.values())
    parts = {name: "ok" if value else "ikke sat op" if value is None else "fejl" for name, value in checks.items()}
    body = {"status": "ok" if healthy else "fejl", **parts}
    return JsonResponse(body, status=200 if healthy else 503)
