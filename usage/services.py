"""Moving the day counters from Redis into ``DailyUsage`` rows (run by Celery beat every few minutes)."""

from __future__ import annotations

import datetime
import logging
import uuid

import redis
from django.db import connection, transaction

from municipalities.models import MunicipalSite
from offers.models import LearningEnvironmentPage, OfferPage

from .counters import FLUSH_PREFIX, KEY_PREFIX, counter, parse_field
from .models import UsageKind


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


logger = logging.getLogger(__name__)

_UPSERT = """
INSERT INTO usage_dailyusage (day, kind, site_id, offer_id, environment_id, key, count)
VALUES {values}
ON CONFLICT ON CONSTRAINT usage_daily_unique DO UPDATE SET count = usage_dailyusage.count + EXCLUDED.count
"""


def flush_counters() -> int:
    """Add every pending count to the database; returns the number of events moved.

    Each day's hash is first renamed to a unique name (atomic in Redis: requests go on counting into a fresh
    hash), then written in one transaction and deleted. A flush that dies between the two leaves the renamed
    hash behind, and the next flush picks it up. Counts for offers, environments or sites deleted meanwhile
    are dropped.
    """
    client = counter.client()
    if client is None:
        return 0
    counter.drain()  # this process's queued counts first
    try:
        for key in client.scan_iter(match=KEY_PREFIX + "*"):
            client.rename(key, f"{FLUSH_PREFIX}{_text(key).removeprefix(KEY_PREFIX)}:{uuid.uuid4().hex}")
        pending = list(client.scan_iter(match=FLUSH_PREFIX + "*"))
    except redis.RedisError as exc:
        logger.warning("Usage flush: Redis unavailable (%s)", exc)
        return 0
    moved = 0
    for key in pending:  # bytes: the client does not decode responses
        day = datetime.date.fromisoformat(_text(key).removeprefix(FLUSH_PREFIX).split(":")[0])
        counts = {_text(field): int(value) for field, value in client.hgetall(key).items()}
        moved += _write(day, counts)
        client.delete(key)
    return moved


def _write(day: datetime.date, counts: dict[str, int]) -> int:
    rows = []
    for field, count in counts.items():
        try:
            kind, site, offer, environment, key = parse_field(field)
        except ValueError:
            continue
        if kind in UsageKind.values and count > 0:
            rows.append((day, kind, site, offer, environment, key, count))
    if not rows:
        return 0
    # Drop references to rows deleted since the event (a foreign key would refuse them).
    offers = set(OfferPage.objects.filter(pk__in={r[3] for r in rows if r[3]}).values_list("pk", flat=True))
    environments = set(
        LearningEnvironmentPage.objects.filter(pk__in={r[4] for r in rows if r[4]}).values_list("pk", flat=True)
    )
    sites = set(MunicipalSite.objects.filter(pk__in={r[2] for r in rows if r[2]}).values_list("pk", flat=True))
    rows = [
        r
        for r in rows
        if (r[2] is None or r[2] in sites)
        and (r[3] is None or r[3] in offers)
        and (r[4] is None or r[4] in environments)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            batch = rows[start : start + 1000]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(batch))
            cursor.execute(_UPSERT.format(values=values), [value for row in batch for value in row])
    return sum(row[6] for row in rows)
