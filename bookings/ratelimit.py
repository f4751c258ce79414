"""A rate limit per client address and per e-mail address, counted in the cache (Redis)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{value.strip().lower()}".encode()).hexdigest()[:32]
    return f"bookings:rate:{kind}:{digest}"


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request: HttpRequest, email: str) -> bool:
    """Count one request from this address and e-mail; True once either passed BOOKING_RATE_LIMIT_PER_HOUR."""
    limit = settings.BOOKING_RATE_LIMIT_PER_HOUR
    over = False
    for key in (_key("ip", client_address(request)), _key("email", email)):
        cache.add(key, 0, WINDOW_SECONDS)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)
            count = 1
        over = over or count > limit
    return over
