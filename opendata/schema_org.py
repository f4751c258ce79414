"""An offer as schema.org JSON-LD with LRMI properties (``Accept: application/ld+json`` or ``?format=jsonld``).

An offer with a dated run (a start date) is an ``EducationEvent``; every other offer, bookable over
its months, is a ``Course`` with a ``CourseInstance``. Both carry LRMI's ``educationalLevel`` (the
grades, as DefinedTerms of our grade scale), ``teaches`` (the Fælles Mål subjects), ``audience``,
``timeRequired`` and ``isAccessibleForFree``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import strip_tags
from rest_framework.renderers import JSONRenderer

from offers.models import OfferFormat, OfferPage

from .serializers import Lookups, absolute


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def _duration(minutes: int | None) -> str | None:
    if not minutes:
        return None
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def _term(name: str, code: str, term_set: str) -> dict[str, str]:
    return {"@type": "DefinedTerm", "name": name, "termCode": code, "inDefinedTermSet": term_set}


def offer_schema_org(offer: OfferPage, *, request, lookups: Lookups) -> dict[str, Any]:
    grades_url = absolute(request, reverse("opendata:grade-list"))
    subjects_url = absolute(request, reverse("opendata:subject-list"))
    areas_url = absolute(request, reverse("opendata:subject-area-list"))
    environment = offer.environment
    location = None
    if environment is not None:
        postcode = lookups.postcodes.get(environment.postcode_id)
        location = {
            "@type": "Place",
            "name": environment.title,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": environment.street_address
                if offer.use_environment_location
                else offer.location_address,
                "postalCode": postcode.code if postcode else None,
                "addressLocality": postcode.name if postcode else None,
                "addressCountry": "DK",
            },
        }
        if offer.latitude is not None:
            location["geo"] = {"@type": "GeoCoordinates", "latitude": offer.latitude, "longitude": offer.longitude}
    modes = []
    if OfferFormat.ONLINE in offer.formats:
        modes.append("online")
    if {OfferFormat.AT_ENVIRONMENT, OfferFormat.AT_SCHOOL} & set(offer.formats):
        modes.append("onsite")
    price: dict[str, Any] = {"@type": "Offer", "priceCurrency": "DKK", "category": "Free" if offer.is_free else "Paid"}
    if offer.is_free:
        price["price"] = 0
    elif offer.price_amount is not None:
        price["price"] = float(offer.price_amount)
    if offer.booking_url:
        price["url"] = offer.booking_url
    levels = [
        _term(grade.name, grade.slug, grades_url)
        for grade in lookups.grades
        if offer.grade_min <= grade.position <= offer.grade_max
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": offer.get_full_url(request),
        "identifier": str(offer.pk),
        "name": offer.title,
        "description": offer.teaser,
        "url": offer.get_full_url(request),
        "inLanguage": offer.languages or ["da"],
        "educationalLevel": levels,
        "teaches": [
            _term(lookups.subjects[pk].name, lookups.subjects[pk].slug, subjects_url)
            for pk in offer.subject_ids
            if pk in lookups.subjects
        ],
        "about": [
            _term(lookups.subject_areas[pk].name, lookups.subject_areas[pk].slug, areas_url)
            for pk in offer.subject_area_ids
            if pk in lookups.subject_areas
        ],
        "audience": {"@type": "EducationalAudience", "educationalRole": "teacher"},
        "isAccessibleForFree": offer.is_free,
        "offers": price,
    }
    if offer.duration_minutes:
        data["timeRequired"] = _duration(offer.duration_minutes)
    if offer.last_published_at:
        data["dateModified"] = offer.last_published_at.isoformat()
    provider = None
    if environment is not None:
        provider = {"@type": "Organization", "name": environment.title, "url": environment.get_full_url(request)}
    if offer.period_start:
        data["@type"] = "EducationEvent"
        data["startDate"] = offer.period_start.isoformat()
        if offer.period_end:
            data["endDate"] = offer.period_end.isoformat()
        data["eventAttendanceMode"] = (
            "https://schema.org/OnlineEventAttendanceMode"
            if modes == ["online"]
            else "https://schema.org/OfflineEventAttendanceMode"
        )
        if location:
            data["location"] = location
        if provider:
            data["organizer"] = provider
    else:
        data["@type"] = "Course"
        instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": modes or ["onsite"]}
        if location:
            instance["location"] = location
        if offer.duration:
            instance["courseWorkload"] = offer.duration
        if offer.period_end:
            instance["endDate"] = offer.period_end.isoformat()
        data["hasCourseInstance"] = instance
        if provider:
            data["provider"] = provider
    description = strip_tags(getattr(offer, "description", "") or "") if "description" in offer.__dict__ else ""
    if description:
        data["abstract"] = offer.teaser
        data["description"] = description[:2000]
    return data
