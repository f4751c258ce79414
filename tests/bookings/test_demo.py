"""Demo requests: environments take requests, schools in the demo kommuner asked; idempotent."""

from __future__ import annotations

import io

import pytest

from bookings.models import BookingRequest, RequestStatus
from bookings.selectors import demand
from demo.bookings import seed_demo_data

pytestmark = pytest.mark.django_db


def test_demo_requests(offer_a, offer_b):
    out = io.StringIO()
    seed_demo_data(seed=2019, stdout=out)
    assert BookingRequest.objects.count() == 400
    statuses = set(BookingRequest.objects.values_list("status", flat=True))
    assert {RequestStatus.ACCEPTED, RequestStatus.DECLINED, RequestStatus.SENT} <= statuses
    assert demand().total.fully_booked > 0
    offer_a.environment.refresh_from_db()
    assert offer_a.environment.takes_platform_requests
    seed_demo_data(seed=2019, stdout=out)
    assert BookingRequest.objects.count() == 400
