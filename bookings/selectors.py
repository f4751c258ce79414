"""Reads for booking requests: the editors' digest and the kommuner's demand figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from geography.models import Municipality
from municipalities.selectors import GRADE_BANDS
from offers.models import LearningEnvironmentPage

from .models import BookingRequest, DeclineReason, RequestStatus


def unanswered_for_digest(environment: LearningEnvironmentPage) -> list[BookingRequest]:
    """The environment's requests left without an answer for BOOKING_DIGEST_AFTER_DAYS days or more."""
    cutoff = timezone.now() - timedelta(days=settings.BOOKING_DIGEST_AFTER_DAYS)
    return list(
        BookingRequest.objects.filter(environment=environment, status=RequestStatus.SENT, created_at__lte=cutoff)
        .select_related("school_postcode", "grade")
        .order_by("created_at")
    )


# --- Demand for kommuner: what the schools asked for, got, and did not get -------------------------------


StrOrPromise = str | Promise


@dataclass
class DemandLine:
    label: str
    sent: int
    accepted: int
    fully_booked: int
    average_km: float | None

    @property
    def unmet_share(self) -> int:
        """Per cent of the requests declined as fully booked."""
        return round(100 * self.fully_booked / self.sent) if self.sent else 0


@dataclass
class Demand:
    municipality: Municipality | None  # None: the whole country
    total: DemandLine
    by_area: list[DemandLine] = field(default_factory=list)
    by_band: list[DemandLine] = field(default_factory=list)


def _counts(prefix: str = "", condition: Q | None = None) -> dict[str, Any]:
    condition = condition or Q()
    return {
        f"{prefix}sent": Count("pk", filter=condition, distinct=True),
        f"{prefix}accepted": Count("pk", filter=condition & Q(status=RequestStatus.ACCEPTED), distinct=True),
        f"{prefix}full": Count(
            "pk",
            filter=condition & Q(status=RequestStatus.DECLINED, decline_reason=DeclineReason.FULLY_BOOKED),
            distinct=True,
        ),
        f"{prefix}km": Avg("distance_km", filter=condition & Q(status=RequestStatus.ACCEPTED)),
    }


def _line(label: StrOrPromise, values: Mapping[str, Any], prefix: str = "") -> DemandLine:
    km = values[f"{prefix}km"]
    return DemandLine(
        label=str(label),
        sent=values[f"{prefix}sent"],
        accepted=values[f"{prefix}accepted"],
        fully_booked=values[f"{prefix}full"],
        average_km=round(km, 1) if km is not None else None,
    )


def demand(*, municipality: Municipality | None = None) -> Demand:
    """Requests from the kommune's schools (or all schools): sent, accepted, declined as fully booked (the
    unmet demand) and the average distance to the accepted visits, by subject area and by grade band.
    Counts only; no personal data."""
    requests = BookingRequest.objects.all()
    if municipality is not None:
        requests = requests.filter(school_municipality=municipality)
    total = _line(_("I alt"), requests.aggregate(**_counts()))
    bands = requests.aggregate(
        **{
            key: value
            for index, band in enumerate(GRADE_BANDS)
            for key, value in _counts(
                f"b{index}_", Q(grade__position__gte=band.position_from, grade__position__lte=band.position_to)
            ).items()
        }
    )
    by_band = [_line(band.label, bands, f"b{index}_") for index, band in enumerate(GRADE_BANDS)]
    by_area = [
        _line(row["offer__subject_areas__name"], row)
        for row in requests.filter(offer__subject_areas__isnull=False)
        .values("offer__subject_areas__name")
        .annotate(**_counts())
        # "sent" is one of _counts()'s annotations, which the type checker cannot see through the ** mapping.
        .order_by("-sent", "offer__subject_areas__name")  # type: ignore[misc]
    ]
    return Demand(municipality=municipality, total=total, by_area=by_area, by_band=by_band)
