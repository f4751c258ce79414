"""Clearing the cache leaves the Celery broker's queues and results alone: they share one Redis database.

django-redis's own clear() is FLUSHDB: a catalogue run lost the messages of its queued parts (and the chord's
counter) when anything cleared the cache, and waited for ever.
"""

from __future__ import annotations

import uuid

import pytest
import redis
from django.core.cache import cache

from catalogue.tasks import render_chunk


@pytest.fixture
def broker(settings):
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    yield client
    client.close()


@pytest.mark.parametrize("key_prefix", ["", "sk"])  # production has none
def test_clearing_the_cache_keeps_queued_tasks_and_results(settings, broker, key_prefix):
    settings.CACHES = {"default": dict(settings.CACHES["default"], KEY_PREFIX=key_prefix)}
    queue = f"cache-clear-test-{uuid.uuid4().hex}"
    prefix = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("global_keyprefix", "")
    result = f"celery-task-meta-{uuid.uuid4()}"
    try:
        render_chunk.apply_async((1, 0), queue=queue)  # a real message on the real broker
        broker.set(result, '{"status": "SUCCESS"}')
        cache.set("facet-counts", [1, 2, 3])
        assert broker.llen(f"{prefix}{queue}") == 1

        cache.clear()

        assert cache.get("facet-counts") is None
        assert broker.llen(f"{prefix}{queue}") == 1
        assert broker.get(result) == b'{"status": "SUCCESS"}'
    finally:
        broker.delete(f"{prefix}{queue}", result)
