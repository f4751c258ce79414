"""What the usage statistics count from other apps' events: a booking request sent, a page served from the
page cache. Connected in ``UsageConfig.ready()``."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save

from bookings.models import BookingRequest
from operations.pagecache import served_from_page_cache

from .counters import record, record_many
from .models import UsageKind


def count_cached_view(sender, request, replay: dict, **kwargs) -> None:
    """A page served from the page cache counts as the view it is (the fields its first rendering counted)."""
    fields = replay.get("usage")
    if fields:
        record_many(fields)


def count_booking_request(sender, instance, created: bool, **kwargs) -> None:
    """A booking request sent through the platform counts for its offer and environment (once committed)."""
    if not created or instance.offer_id is None:
        return
    offer, environment = instance.offer_id, instance.environment_id
    transaction.on_commit(lambda: record(UsageKind.REQUEST, offer=offer, environment=environment))


def connect() -> None:
    post_save.connect(count_booking_request, sender=BookingRequest, dispatch_uid="usage-count-request")
    served_from_page_cache.connect(count_cached_view, dispatch_uid="usage-count-cached-view")
