"""Demo booking requests: some environments take requests through the platform, and schools in the
demo kommuner have asked, been accepted, been declined as fully booked, or are waiting.

Called by ``seed_demo`` (demo.offers.EXTENSION_MODULES). Idempotent: does nothing once requests exist.
The rows are written directly in bulk: no e-mails (no teacher is real) and no signals, so the usage statistics
do not count them as today's requests (demo.usage writes them on the days they were sent).
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from bookings.models import BookingEvent, BookingRequest, DeclineReason, EventKind, RequestStatus
from bookings.services import distance_to_offer
from curriculum.models import Grade
from geography.models import Postcode
from offers.models import LearningEnvironmentPage, OfferPage

ENVIRONMENTS_TAKING_REQUESTS = 60
REQUESTS = 400
SCHOOL_WORDS = ("Skole", "Friskole", "Centralskole", "Privatskole", "Skolen")
FIRST_NAMES = ("Mette", "Anders", "Sofie", "Jonas", "Camilla", "Peter", "Louise", "Rasmus", "Hanne", "Søren")
LAST_NAMES = ("Hansen", "Nielsen", "Jensen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen")
# Of every ten requests: accepted, declined as fully booked, declined otherwise, proposed, waiting, cancelled.
STATUS_MIX = (
    [RequestStatus.ACCEPTED] * 4
    + [RequestStatus.DECLINED] * 3
    + [
        RequestStatus.PROPOSED,
        RequestStatus.SENT,
        RequestStatus.CANCELLED,
    ]
)


def seed_demo_data(*, seed: int, stdout) -> None:
    if BookingRequest.objects.exists():
        stdout.write("Bookings: demo requests exist already.")
        return
    rng = random.Random(seed)
    environments = list(LearningEnvironmentPage.objects.live().filter(offers__isnull=False).distinct().order_by("path"))
    if not environments:
        return
    chosen = rng.sample(environments, min(ENVIRONMENTS_TAKING_REQUESTS, len(environments)))
    offers = list(
        OfferPage.objects.live().filter(environment__in=chosen).select_related("environment").order_by("path")
    )
    postcodes = list(Postcode.objects.filter(municipality__municipal_site__isnull=False).order_by("code")) or list(
        Postcode.objects.order_by("code")
    )
    now = timezone.now()
    with transaction.atomic():
        LearningEnvironmentPage.objects.filter(pk__in=[environment.pk for environment in chosen]).update(
            takes_platform_requests=True
        )
        bookings: list[tuple[BookingRequest, datetime]] = []
        for number in range(REQUESTS if offers else 0):
            offer = rng.choice(offers)
            grades = list(Grade.objects.in_range(offer.grade_min, offer.grade_max))
            postcode = rng.choice(postcodes)
            status = rng.choice(STATUS_MIX)
            created = now - timedelta(days=rng.randint(1, 150), hours=rng.randint(0, 10))
            wanted = (created + timedelta(days=rng.randint(20, 90))).date()
            booking = BookingRequest(
                offer=offer,
                environment=offer.environment,
                offer_title=offer.title,
                school_name=f"{postcode.name} {rng.choice(SCHOOL_WORDS)}",
                school_postcode=postcode,
                school_municipality_id=postcode.municipality_id,
                distance_km=distance_to_offer(postcode, offer),
                grade=rng.choice(grades) if grades else Grade.objects.order_by("position").first(),
                pupils=rng.randint(14, 28),
                preferred_dates=[wanted],
                flexible=rng.random() < 0.3,
                teacher_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"laerer{number + 1}@demo-skole.dk",
                message="",
                status=status,
            )
            visit = timezone.make_aware(datetime.combine(wanted, time(9 + rng.randint(0, 4), 0)))
            if status == RequestStatus.ACCEPTED:
                booking.visit_start, booking.answered_at = visit, created + timedelta(days=2)
            elif status == RequestStatus.PROPOSED:
                booking.proposed_start, booking.answered_at = visit + timedelta(days=7), created + timedelta(days=2)
            elif status == RequestStatus.DECLINED:
                booking.decline_reason = (
                    DeclineReason.FULLY_BOOKED
                    if rng.random() < 0.7
                    else rng.choice([DeclineReason.OUTSIDE_PERIOD, DeclineReason.OTHER])
                )
                booking.answered_at = booking.closed_at = created + timedelta(days=3)
            elif status == RequestStatus.CANCELLED:
                booking.closed_at = created + timedelta(days=5)
            bookings.append((booking, created))
        BookingRequest.objects.bulk_create([booking for booking, _created in bookings])
        for booking, created in bookings:  # auto_now_add set "now" on insert; bulk_update writes the value as given
            booking.created_at = created
        BookingRequest.objects.bulk_update([booking for booking, _created in bookings], ["created_at"])
        BookingEvent.objects.bulk_create(
            [BookingEvent(request=booking, kind=EventKind.CREATED) for booking, _ in bookings]
        )
    stdout.write(f"Bookings: {len(chosen)} environments take requests through the platform; {REQUESTS} demo requests.")
