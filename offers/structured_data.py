"""schema.org JSON-LD for offer and environment pages, safely embeddable in a <script> element."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import LearningEnvironmentPage, OfferFormat, OfferPage

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script_json(data: dict[str, Any]) -> SafeString:
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def _place(environment: LearningEnvironmentPage, request) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": environment.title,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": environment.street_address,
            "postalCode": environment.postcode.code,
            "addressLocality": environment.postcode.name,
            "addressCountry": "DK",
        },
    }
    if environment.latitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": environment.latitude, "longitude": environment.longitude}
    return place


def environment_json_ld(environment: LearningEnvironmentPage, request) -> SafeString:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": environment.title,
        "url": environment.get_full_url(request),
        "description": strip_tags(environment.description)[:500],
        "location": _place(environment, request),
    }
    if environment.website:
        data["sameAs"] = environment.website
    return to_script_json(data)


def offer_json_ld(offer: OfferPage, request) -> SafeString:
    """A schema.org Course (teaching offered by an organisation), with its instance and price."""
    environment = offer.environment
    modes = []
    if OfferFormat.ONLINE in offer.formats:
        modes.append("online")
    if {OfferFormat.AT_ENVIRONMENT, OfferFormat.AT_SCHOOL} & set(offer.formats):
        modes.append("onsite")
    instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": modes or ["onsite"]}
    if environment is not None and offer.use_environment_location:
        instance["location"] = _place(environment, request)
    if offer.period_start:
        instance["startDate"] = offer.period_start
    if offer.period_end:
        instance["endDate"] = offer.period_end
    if offer.duration:
        instance["courseWorkload"] = offer.duration
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": offer.title,
        "description": offer.teaser,
        "url": offer.get_full_url(request),
        "inLanguage": offer.languages or ["da"],
        "educationalLevel": offer.facts.grades,
        "about": [subject.name for subject in offer.subjects.all()],
        "hasCourseInstance": instance,
        "offers": {
            "@type": "Offer",
            "price": "0" if offer.is_free else (str(offer.price_amount) if offer.price_amount is not None else None),
            "priceCurrency": "DKK",
            "category": "Free" if offer.is_free else "Paid",
        },
    }
    if offer.booking_url:
        data["offers"]["url"] = offer.booking_url
    if environment is not None:
        data["provider"] = {
            "@type": "Organization",
            "name": environment.title,
            "url": environment.get_full_url(request),
        }
    if data["offers"]["price"] is None:
        del data["offers"]["price"]
    return to_script_json(data)
