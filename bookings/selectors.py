"""Reads for booking requests: the editors' digest and the kommuner's demand figures."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from offers.models import LearningEnvironmentPage

from .models import BookingRequest, RequestStatus


def unanswered_for_digest(environment: LearningEnvironmentPage) -> list[BookingRequest]:
    """The environment's requests left without an answer for BOOKING_DIGEST_AFTER_DAYS days or more."""
    cutoff = timezone.now() - timedelta(days=settings.BOOKING_DIGEST_AFTER_DAYS)
    return list(
        BookingRequest.objects.filter(environment=environment, status=RequestStatus.SENT, created_at__lte=cutoff)
        .select_related("school_postcode", "grade")
        .order_by("created_at")
    )
