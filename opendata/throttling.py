"""A rate limit per address for the API, counted in Redis, that never stops the API when Redis is down.

Fixed one-minute windows: ``INCR`` a key made of a keyed hash of the address (the address itself is
never stored) and the minute, expiring after the window. Redis errors (down, slow) let the request
through and make the limiter skip Redis for a few seconds, so an outage costs no time per request.
Without a Redis URL (the quick start) the count is kept in the process.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time

import redis
from django.conf import settings
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60
REDIS_TIMEOUT_SECONDS = 0.05
BACKOFF_SECONDS = 10


class _Limiter:
    def __init__(self) -> None:
        self._client: redis.Redis | None = None
        self._client_url: str | None = None
        self._down_until = 0.0
        self._local: dict[str, int] = {}
        self._lock = threading.Lock()

    def client(self) -> redis.Redis | None:
        url = getattr(settings, "API_RATE_LIMIT_REDIS_URL", None)
        if not url:
            return None
        if self._client is None or self._client_url != url:
            self._client = redis.Redis.from_url(
                url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
            )
            self._client_url = url
            self._down_until = 0.0
        return self._client

    def hit(self, key: str) -> int | None:
        """Count one request for the key in the current window; None when the count is unknown."""
        client = self.client()
        if client is None:
            with self._lock:
                if len(self._local) > 10_000:
                    self._local.clear()
                self._local[key] = self._local.get(key, 0) + 1
                return self._local[key]
        if time.monotonic() < self._down_until:
            return None
        try:
            pipe = client.pipeline()
            pipe.incr(key)
            pipe.expire(key, WINDOW_SECONDS + 5)
            count, _ = pipe.execute()
            return int(count)
        except redis.RedisError as exc:
            logger.warning("API rate limit: Redis unavailable, not limiting (%s)", exc)
            self._down_until = time.monotonic() + BACKOFF_SECONDS
            return None


limiter = _Limiter()


def address_key(address: str, window: int) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:24]
    return f"sk:api-rate:{window}:{digest}"


class AddressRateThrottle(BaseThrottle):
    """At most ``API_RATE_LIMIT_PER_MINUTE`` requests per address per minute."""

    def allow_request(self, request, view) -> bool:
        self.limit = settings.API_RATE_LIMIT_PER_MINUTE
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        self.reset_in = max(1, int((window + 1) * WINDOW_SECONDS - now))
        count = limiter.hit(address_key(self.get_ident(request), window))
        self.remaining = None if count is None else max(0, self.limit - count)
        request.rate_limit = self  # the view adds the RateLimit headers from it
        return count is None or count <= self.limit

    def wait(self) -> float:
        return self.reset_in
