"""The rows a search runs over, the lazy page of offers the Paginator slices, and the map's points."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, cast, overload

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from wagtail.models import PageViewRestriction

from offers.models import LearningEnvironmentPage, OfferFormat, OfferPage, OfferSearchRow
from skoletjenesten.page_urls import PageUrls

from .index import cached_by_search_version

MAP_LIMIT = 300


def search_rows(
    base_queryset: QuerySet[OfferPage] | QuerySet[OfferSearchRow] | None = None,
) -> QuerySet[OfferSearchRow]:
    """The narrow search rows of live, public offers, or of the offers in ``base_queryset`` (offer pages, or
    search rows already: a kommune's scope is read from the rows alone, municipalities.selectors.scope_rows)."""
    if base_queryset is not None and base_queryset.model is OfferSearchRow:
        return base_queryset
    if base_queryset is not None:
        pages = cast("QuerySet[OfferPage]", base_queryset)  # the search rows were returned above
        return OfferSearchRow.objects.filter(pk__in=pages.order_by().values("pk"))
    rows = OfferSearchRow.objects.filter(live=True)
    if PageViewRestriction.objects.exists():
        rows = rows.filter(pk__in=OfferPage.objects.live().public().values("pk"))
    return rows


FIGURES_KEY = "offers:figures"


def offer_figures() -> dict[str, int]:
    """The national front page's figures: the live, public offers the search finds, the free ones, the
    kommuner they take place in, and the live, public learning environments.

    Counting every search row took ~150 ms at 100,000 offers on each view of the front page, so the figures
    are cached for OFFER_SEARCH_CACHE_SECONDS under the search version, which every change they depend on
    bumps after its commit: an offer or environment published, unpublished or deleted (offers.signals,
    offers.apps), a page's privacy set or lifted. 0 seconds: counted on every call.
    """
    return cached_by_search_version(FIGURES_KEY, _count_figures)


def _count_figures() -> dict[str, int]:
    figures = search_rows().aggregate(
        offers=Count("pk"),
        free=Count("pk", filter=Q(is_free=True)),
        municipalities=Count("municipality", distinct=True),
    )
    figures["environments"] = LearningEnvironmentPage.objects.live().public().count()
    return figures


class PageOffers(Sequence[OfferPage]):
    """One page of results: the ordered ids (and distances) at once, the offer pages only when used.

    The result cards come from their cache when they can (offers.search.cards), so a page whose cards
    are all cached never builds its offer pages; anything that iterates the page gets them, in order.
    """

    def __init__(self, rows: list[tuple[int, float | None]], subject_names: dict[int, str]) -> None:
        self.rows = rows
        self.subject_names = subject_names
        self._offers: list[OfferPage] | None = None

    @property
    def ids(self) -> list[int]:
        return [pk for pk, _distance in self.rows]

    def distance(self, pk: int) -> float | None:
        return dict(self.rows).get(pk)

    def load(self, ids: list[int] | None = None) -> dict[int, OfferPage]:
        """The offer pages of ``ids`` (default: the whole page) by id, ready for their cards."""
        if self._offers is not None:
            return {offer.pk: offer for offer in self._offers if ids is None or offer.pk in ids}
        wanted = self.ids if ids is None else ids
        if not wanted:
            if ids is None:
                self._offers = []
            return {}
        offers = (
            OfferPage.objects.filter(pk__in=wanted)
            # The cards' images in the same query: without it every card looked its image up (one query)
            # and its six renditions in the cache (a get_many and a set_many), about a third of a page. The
            # cards' picture HTML is kept per image (home/templatetags/cached_images.py).
            .select_related("environment", "municipality", "grade_from", "grade_to", "image")
            .defer("search_vector", "description", "preparation_material", "follow_up_material")
        )
        distances = dict(self.rows)
        by_id = {}
        for offer in offers:
            offer.distance_km = distances.get(offer.pk)
            offer.search_subject_names = [
                self.subject_names[pk] for pk in offer.subject_ids if pk in self.subject_names
            ]
            offer.comes_to_school = OfferFormat.AT_SCHOOL in offer.formats
            by_id[offer.pk] = offer
        if ids is None:
            self._offers = [by_id[pk] for pk in self.ids if pk in by_id]
        return by_id

    @property
    def offers(self) -> list[OfferPage]:
        if self._offers is None:
            self.load()
        return cast(list[OfferPage], self._offers)

    def __len__(self) -> int:
        return len(self.offers)

    @overload
    def __getitem__(self, index: int) -> OfferPage: ...
    @overload
    def __getitem__(self, index: slice) -> list[OfferPage]: ...
    def __getitem__(self, index: int | slice) -> OfferPage | list[OfferPage]:
        return self.offers[index]

    def __iter__(self) -> Iterator[OfferPage]:
        return iter(self.offers)


class OfferPageSequence:
    """A lazy sequence for the Paginator: slicing fetches the ordered ids; the pages come when used."""

    ordered = True  # for the Paginator: the rows are ordered

    def __init__(
        self,
        rows: QuerySet[OfferSearchRow],
        total: int,
        *,
        with_distance: bool,
        subject_names: dict[int, str] | None = None,
        leading: QuerySet[OfferSearchRow] | None = None,
    ) -> None:
        self.rows = rows
        # The first rows of ``rows``, in its order (OfferFilterSet.title_rows, when ranking.title_leads says so).
        self.leading = leading
        self.total = total
        self.with_distance = with_distance
        self.subject_names = subject_names or {}

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> PageOffers:
        fields = ["pk", "distance_km"] if self.with_distance else ["pk"]
        wanted = len(range(*index.indices(self.total)))
        rows = None
        if self.leading is not None and wanted:
            rows = list(self.leading.values_list(*fields)[index])
            if len(rows) < wanted:  # the page goes beyond the leading rows: read it from all of them
                rows = None
        if rows is None:
            rows = list(self.rows.values_list(*fields)[index])
        return PageOffers([(row[0], row[1] if self.with_distance else None) for row in rows], self.subject_names)


def map_points(ordered: QuerySet[OfferSearchRow], request: HttpRequest | None) -> list[dict[str, Any]]:
    """The map's first MAP_LIMIT offers with a place: title, URL, position and environment, from plain rows.

    Building 300 offer pages and their environments (Wagtail pages) and asking each for its URL took about
    half of a map view's time; the same values come from one ``values_list`` and ``PageUrls``.
    """
    ids = list(ordered.filter(latitude__isnull=False).values_list("pk", flat=True)[:MAP_LIMIT])
    rows = OfferPage.objects.filter(pk__in=ids).values_list(
        "pk", "title", "url_path", "latitude", "longitude", "environment__title"
    )
    by_id = {row[0]: row for row in rows}
    urls = PageUrls(request)
    return [
        {
            "title": title,
            "url": urls.url(url_path),
            "lat": round(latitude, 5),
            "lon": round(longitude, 5),
            "environment": environment or "",
        }
        for _pk, title, url_path, latitude, longitude, environment in (by_id[pk] for pk in ids if pk in by_id)
    ]
