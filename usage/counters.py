"""Counting events off the request path: a request only appends to an in-process queue; a background
thread sends the queued counts to Redis as pipelined HINCRBYs.

Each event is a field of the day's hash ``sk:usage:<YYYY-MM-DD>`` (``kind|site|offer|environment|key``) whose
value is incremented; ``usage.services.flush_counters`` moves the counts into ``DailyUsage`` rows. When Redis
is down (or slow: 0.5 s timeouts, waited by the sender thread, never by a request) the counts are dropped and
Redis is left alone for 10 seconds; the page is served as if nothing happened. Nothing about the visitor is
recorded. Counts still queued when a process exits are lost (at most a fraction of a second's worth).
"""

from __future__ import annotations

import collections
import logging
import queue
import re
import threading
import time

import redis
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

# USAGE_KEY_PREFIX: the tests give each xdist worker its own keys in the shared Redis.
KEY_PREFIX = getattr(settings, "USAGE_KEY_PREFIX", "sk:usage") + ":"
FLUSH_PREFIX = getattr(settings, "USAGE_KEY_PREFIX", "sk:usage") + "-flush:"
BACKOFF_SECONDS = 10
MAX_KEY_LENGTH = 120
_NUMBERISH = re.compile(r"\d[\d\s-]{4,}\d")  # phone numbers, CPR numbers: never stored


class _Counter:
    def __init__(self) -> None:
        self._client: redis.Redis | None = None
        self._url: str | None = None
        self._down_until = 0.0
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def client(self) -> redis.Redis | None:
        url = getattr(settings, "USAGE_REDIS_URL", None)
        if not url:
            return None
        if self._client is None or self._url != url:
            # Only the sender thread waits: long enough for a busy machine (20 ms dropped counts under load).
            timeout = getattr(settings, "USAGE_REDIS_TIMEOUT_SECONDS", 0.5)
            self._client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
            self._url = url
            self._down_until = 0.0
        return self._client

    def add(self, fields: list[str]) -> bool:
        """Queue the events (microseconds); the sender thread delivers them."""
        if not fields or not getattr(settings, "USAGE_REDIS_URL", None) or time.monotonic() < self._down_until:
            return False
        self._queue.put((timezone.localdate().isoformat(), fields))
        if self._thread is None or not self._thread.is_alive():
            with self._lock:
                if self._thread is None or not self._thread.is_alive():
                    self._thread = threading.Thread(target=self._run, name="usage-counter", daemon=True)
                    self._thread.start()
        return True

    def _run(self) -> None:
        while True:
            items = [self._queue.get(), *self._pending()]
            try:
                self._send(items)
            finally:
                for _item in items:
                    self._queue.task_done()

    def _pending(self) -> list:
        items: list = []
        while len(items) < 5000:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return items

    def drain(self) -> None:
        """Wait until everything queued so far is in Redis (the flush, tests, benchmarks)."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.join()
        else:
            items = self._pending()
            self._send(items)
            for _item in items:
                self._queue.task_done()

    def _send(self, items: list) -> None:
        if not items:
            return
        client = self.client()
        if client is None or time.monotonic() < self._down_until:
            return
        totals: collections.Counter = collections.Counter()
        for day, fields in items:
            for field_ in fields:
                totals[(day, field_)] += 1
        try:
            pipe = client.pipeline(transaction=False)
            for (day, field_), count in totals.items():
                pipe.hincrby(KEY_PREFIX + day, field_, count)
            for day in {day for day, _field in totals}:
                pipe.expire(KEY_PREFIX + day, 14 * 86400)
            pipe.execute()
        except redis.RedisError as exc:
            logger.warning("Usage counters: Redis unavailable, not counting (%s)", exc)
            self._down_until = time.monotonic() + BACKOFF_SECONDS


counter = _Counter()


def clean_key(text: str) -> str:
    """Search words as counted: lower case, single spaces, no e-mail addresses or long numbers."""
    words = [word for word in text.lower().split() if "@" not in word]
    cleaned = _NUMBERISH.sub("", " ".join(words))
    return " ".join(cleaned.split())[:MAX_KEY_LENGTH].replace("|", " ")


def field(
    kind: str, *, site: int | None = None, offer: int | None = None, environment: int | None = None, key: str = ""
) -> str:
    return f"{kind}|{site or ''}|{offer or ''}|{environment or ''}|{key}"


def parse_field(value: str) -> tuple[str, int | None, int | None, int | None, str]:
    kind, site, offer, environment, key = value.split("|", 4)

    def number(text: str) -> int | None:
        return int(text) if text else None

    return kind, number(site), number(offer), number(environment), key


def record(kind: str, **dimensions) -> bool:
    """Count one event; returns whether it was counted."""
    return counter.add([field(kind, **dimensions)])


def record_many(fields: list[str]) -> bool:
    return counter.add(fields)
