"""Private links for teachers: the request's public id, signed and time-limited (no account needed)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import BookingRequest

SALT = "bookings.request-link"


class LinkError(Exception):
    """The link is forged, broken or expired; ``expired`` tells which."""

    def __init__(self, *, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(booking: BookingRequest) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(booking.public_id))


def read_token(token: str) -> BookingRequest:
    max_age = timedelta(days=settings.BOOKING_LINK_MAX_AGE_DAYS)
    try:
        public_id = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(expired=True) from error
    except signing.BadSignature as error:
        raise LinkError(expired=False) from error
    booking = BookingRequest.objects.filter(public_id=public_id).select_related("offer", "environment").first()
    if booking is None or booking.anonymised_at is not None:
        raise LinkError(expired=True)
    return booking
