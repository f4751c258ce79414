"""The cache's Redis client: django-redis's, except that ``clear()`` deletes the cache's own keys only.

The cache shares its Redis database (REDIS_URL) with the Celery broker and result backend. django-redis's
``clear()`` is FLUSHDB, which also dropped the queued and unacknowledged tasks and the chords' counters: a
catalogue run then waited for ever for a part whose message was gone. The cache's keys all begin with its
KEY_PREFIX and ``:`` (Django's key function, ``prefix:version:key``); Celery's and kombu's never do.
"""

from __future__ import annotations

from django_redis.client import DefaultClient
from django_redis.client.default import glob_escape
from django_redis.util import CacheKey
from redis import Redis


class CacheOnlyClient(DefaultClient):
    def clear(self, client: Redis | None = None) -> None:
        self.delete_pattern(CacheKey(f"{glob_escape(self._backend.key_prefix)}:*"), client=client)
