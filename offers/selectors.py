"""Reads of offers outside the search (the search itself is the ``offers.search`` package)."""

from __future__ import annotations

import math

from skoletjenesten.collation import danish

from .models import OfferPage


def offers_of_environment(environment, *, exclude: OfferPage | None = None, limit: int | None = None):
    """The environment's live offers, by title, ready for offer cards."""
    queryset = (
        OfferPage.objects.live()
        .public()
        .filter(environment=environment)
        # The cards' images in the same query: one query per card before (50 on the biggest environment).
        .select_related("environment", "municipality", "grade_from", "grade_to", "image")
        .defer("search_vector", "description", "preparation_material", "follow_up_material")
        .order_by(danish("title"), "pk")
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return list(queryset[:limit] if limit else queryset)


def related_offers_nearby(offer: OfferPage, *, radius_km: float = 50, limit: int = 4) -> list[OfferPage]:
    """Other environments' offers on the same subjects (or subject areas) near the offer, nearest first."""
    if offer.latitude is None or offer.longitude is None:
        return []
    queryset = OfferPage.objects.live().public().exclude(pk=offer.pk)
    if offer.environment_id:
        queryset = queryset.exclude(environment_id=offer.environment_id)
    if offer.subject_ids:
        queryset = queryset.filter(subject_ids__overlap=offer.subject_ids)
    elif offer.subject_area_ids:
        queryset = queryset.filter(subject_area_ids__overlap=offer.subject_area_ids)
    else:
        return []
    lat_delta = radius_km / 111.0
    lon_delta = radius_km / (111.0 * max(math.cos(math.radians(offer.latitude)), 0.1))
    # The nearest as bare (id, distance) rows, then only those offers joined for their cards: sorting a thousand
    # joined rows by distance took ~50 ms at 100,000 offers.
    nearest = list(
        queryset.filter(
            latitude__range=(offer.latitude - lat_delta, offer.latitude + lat_delta),
            longitude__range=(offer.longitude - lon_delta, offer.longitude + lon_delta),
        )
        .with_distance(offer.latitude, offer.longitude)
        .filter(distance_km__lte=radius_km)
        .order_by("distance_km", "pk")
        .values_list("pk", "distance_km")[:limit]
    )
    by_id = (
        OfferPage.objects.select_related("environment", "municipality", "grade_from", "grade_to", "image")
        .defer("search_vector", "description", "preparation_material", "follow_up_material")
        .in_bulk([pk for pk, _distance in nearest])
    )
    offers = []
    for pk, distance in nearest:
        if pk in by_id:
            by_id[pk].distance_km = distance
            offers.append(by_id[pk])
    return offers
