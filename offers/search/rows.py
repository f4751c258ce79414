"""The rows a search runs over, the lazy page of offers the Paginator slices, and the map's points."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import PageViewRestriction

from offers.models import OfferPage, OfferSearchRow

MAP_LIMIT = 300


def search_rows(base_queryset: QuerySet[OfferPage] | None = None) -> QuerySet[OfferSearchRow]:
    """The narrow search rows of live, public offers, or of the offers in ``base_queryset``."""
    if base_queryset is not None:
        return OfferSearchRow.objects.filter(pk__in=base_queryset.order_by().values("pk"))
    rows = OfferSearchRow.objects.filter(live=True)
    if PageViewRestriction.objects.exists():
        rows = rows.filter(pk__in=OfferPage.objects.live().public().values("pk"))
    return rows


class OfferPageSequence:
    """A lazy sequence for the Paginator: slicing fetches the ordered ids, then the offer pages."""

    ordered = True  # for the Paginator: the rows are ordered

    def __init__(self, rows: QuerySet[OfferSearchRow], total: int, *, with_distance: bool) -> None:
        self.rows = rows
        self.total = total
        self.with_distance = with_distance

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[OfferPage]:
        fields = ["pk", "distance_km"] if self.with_distance else ["pk"]
        rows = list(self.rows.values_list(*fields)[index])
        if not rows:
            return []
        offers = (
            OfferPage.objects.filter(pk__in=[row[0] for row in rows])
            # The cards' images in the same query: without it every card looked its image up (one query)
            # and its six renditions in the cache (a get_many and a set_many), about a third of a page. The
            # cards' picture HTML is kept per image (home/templatetags/cached_images.py).
            .select_related("environment", "municipality", "grade_from", "grade_to", "image")
            .defer("search_vector", "description", "preparation_material", "follow_up_material")
        )
        by_id = {offer.pk: offer for offer in offers}
        result = []
        for row in rows:
            offer = by_id.get(row[0])
            if offer is not None:
                offer.distance_km = row[1] if self.with_distance else None
                result.append(offer)
        return result


def map_points(ordered: QuerySet[OfferSearchRow], request: HttpRequest | None) -> list[dict[str, Any]]:
    ids = list(ordered.filter(latitude__isnull=False).values_list("pk", flat=True)[:MAP_LIMIT])
    offers = (
        OfferPage.objects.filter(pk__in=ids)
        .select_related("environment")
        .only("id", "title", "url_path", "latitude", "longitude", "environment__title", "environment__url_path")
    )
    by_id = {offer.pk: offer for offer in offers}
    return [
        {
            "title": offer.title,
            "url": offer.get_url(request),
            "lat": round(offer.latitude, 5),
            "lon": round(offer.longitude, 5),
            "environment": offer.environment.title if offer.environment else "",
        }
        for offer in (by_id[pk] for pk in ids if pk in by_id)
    ]
