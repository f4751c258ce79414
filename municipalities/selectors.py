"""Reads for municipal sites: scoped offers, neighbours, branding and the local-supply overview."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest, QueryDict
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from curriculum.models import Grade, SubjectArea
from geography.geo import haversine_km
from geography.models import Municipality
from home.models import HomePage
from offers.models import OfferPage, OfferQuerySet, OfferSearchPage, OfferSearchRow
from offers.search import search_offers
from offers.search.facets import PRICE_FREE
from offers.search.index import cached_by_search_version
from offers.search.reference import SearchReference
from offers.search.rows import PageOffers, search_rows
from offers.selectors import offer_cards

from .models import (
    MunicipalContentPage,
    MunicipalGoal,
    MunicipalHighlightedOffer,
    MunicipalHomePage,
    MunicipalSearchPage,
    MunicipalSiteSettings,
)

SCOPE_MUNICIPALITY = "kommune"
SCOPE_NEIGHBOURS = "naboer"
SCOPE_COUNTRY = "hele-landet"
SCOPES = (SCOPE_MUNICIPALITY, SCOPE_NEIGHBOURS, SCOPE_COUNTRY)


def neighbouring_municipalities(municipality: Municipality, *, radius_km: float | None = None) -> QuerySet:
    """Other kommuner whose point lies within ``radius_km`` (default: the MUNICIPAL_NEIGHBOUR_RADIUS_KM setting)."""
    radius = settings.MUNICIPAL_NEIGHBOUR_RADIUS_KM if radius_km is None else radius_km
    return (
        Municipality.objects.exclude(pk=municipality.pk)
        .annotate(distance_km=haversine_km(municipality.latitude, municipality.longitude, "latitude", "longitude"))
        .filter(distance_km__lte=radius)
        .order_by("distance_km")
    )


def offers_for_scope(*, home: MunicipalHomePage, scope: str = SCOPE_MUNICIPALITY) -> OfferQuerySet:
    """Live offers for a municipal site's search.

    ``kommune``: offers available to the kommune's schools (located there or coming to them), those the
    consultant highlights, and those the kommune organises itself (pages under its home).
    ``naboer``: also offers located in kommuner within the neighbour radius. ``hele-landet``: every offer.
    """
    offers = OfferPage.objects.live().public()
    if scope == SCOPE_COUNTRY:
        return offers
    return offers.filter(pk__in=_ids_parameter(home=home, scope=scope))


def scope_rows(*, home: MunicipalHomePage, scope: str = SCOPE_MUNICIPALITY) -> QuerySet[OfferSearchRow]:
    """The search rows of ``offers_for_scope()``'s offers, read from the rows alone: what the kommune's search
    and its offer-list blocks search. Through the offer pages every one of a kommune's few thousand offers was
    looked up in two more tables (~90 ms at 100,000 offers)."""
    rows = search_rows()  # live, public offers
    if scope == SCOPE_COUNTRY:
        return rows
    return rows.filter(offer_id__in=_ids_parameter(home=home, scope=scope))


def _ids_parameter(*, home: MunicipalHomePage, scope: str) -> RawSQL:
    ids = set(scope_offer_ids(home=home, scope=scope))
    ids.update(MunicipalHighlightedOffer.objects.filter(page=home).values_list("offer_id", flat=True))
    # One array parameter: a literal IN list of thousands of ids took Django ~0.5 s to compile.
    return RawSQL("SELECT unnest(%s::integer[])", (sorted(ids),))


SCOPE_IDS_KEY = "municipalities:scope-ids"


def scope_offer_ids(*, home: MunicipalHomePage, scope: str) -> list[int]:
    """The ids of the offers in a kommune's scope but for its highlighted ones (read fresh by the caller), live
    or not: located in or travelling to the kommune, organised under its home, and in the neighbouring kommuner.

    Each part by its own index, then one list. As one OR of subqueries PostgreSQL checked it offer by offer
    (2–3 s at 100,000 offers); a kommune's list is a few thousand ids. Collecting them costs ~0.1 s at 100,000
    offers, so the list is cached for OFFER_SEARCH_CACHE_SECONDS under the search version, which every change
    of what it reads bumps: an offer published, moved or deleted, an environment's travel area published.
    """
    return cached_by_search_version(
        SCOPE_IDS_KEY, lambda: _collect_scope_offer_ids(home, scope), home.pk, home.municipality_id, scope
    )


def _collect_scope_offer_ids(home: MunicipalHomePage, scope: str) -> list[int]:
    municipality = home.municipality
    available = OfferPage.objects.available_to_municipality(municipality).order_by()  # no join for the tree order
    ids = set(available.values_list("pk", flat=True))
    ids.update(OfferPage.objects.filter(path__startswith=home.path).order_by().values_list("pk", flat=True))
    if scope == SCOPE_NEIGHBOURS:
        neighbours = neighbouring_municipalities(municipality).values("pk")
        ids.update(OfferPage.objects.filter(municipality__in=neighbours).order_by().values_list("pk", flat=True))
    return sorted(ids)


LOCAL_OFFERS_KEY = "municipalities:local-offers"


def local_offers_summary(
    *, home: MunicipalHomePage, highlighted: Sequence[int], limit: int = 8
) -> tuple[list[int], int]:
    """The kommune home page's list: the ids of the newest ``limit`` offers in the kommune's scope that are not
    highlighted, and how many offers the scope has (highlighted ones included).

    Both walk the scope's few thousand offers (~0.15 s at 100,000 offers), so they are cached for
    OFFER_SEARCH_CACHE_SECONDS under the search version and the highlighted offers: a published offer, a
    page's privacy or a new highlight shows at once.
    """
    highlighted_ids = list(highlighted)

    def summarise() -> tuple[list[int], int]:
        scope = offers_for_scope(home=home, scope=SCOPE_MUNICIPALITY)
        newest = scope.exclude(pk__in=highlighted_ids).order_by("-first_published_at").values_list("pk", flat=True)
        return list(newest[:limit]), scope.count()

    return cached_by_search_version(LOCAL_OFFERS_KEY, summarise, home.pk, ",".join(map(str, highlighted_ids)), limit)


def home_for_page(page: Page | None) -> MunicipalHomePage | None:
    if isinstance(page, MunicipalHomePage):
        return page
    if isinstance(page, MunicipalContentPage | MunicipalSearchPage):
        return MunicipalHomePage.objects.ancestor_of(page).first()
    return None


def site_branding(home: MunicipalHomePage | None, request: HttpRequest | None) -> MunicipalSiteSettings | None:
    """The kommune's name, logo and colour for the site serving this request.

    On the kommune's hostname that is the request's site. Through /kommuner/<slug>/ on the national
    host the request is serving the kommune's site, so its settings apply, not the national site's.
    Elsewhere (an admin preview) the home page's own site is used.
    """
    mirror = getattr(request, "municipal_mirror", None)
    if mirror is not None:
        return MunicipalSiteSettings.for_site(mirror.municipal_site.site)
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None and home is not None and site.root_page_id == home.pk:
            return MunicipalSiteSettings.for_request(request)
    if home is None:
        return None
    site = home.get_site()
    return MunicipalSiteSettings.for_site(site) if site else None


def municipal_page_context(home: MunicipalHomePage | None, request: HttpRequest | None) -> dict:
    """What every page of a municipal site needs for its header: branding, menu and search link."""
    if home is None:
        return {}
    national = HomePage.objects.first()
    search_page = home.search_page
    return {
        "home": home,
        "branding": site_branding(home, request),
        # Specific (a kommune page's URL follows the mirror) but deferred: the menu reads the title and the URL
        # only, both on the page's own row, so the pages' own tables are never read.
        "menu_pages": home.get_children().live().in_menu().specific(defer=True),
        "search_url": search_page.get_url(request) if search_page else _national_search_url(home, request),
        "national_url": national.get_url(request) if national else "/",
    }


def search_params_for_saved_filter(value: Mapping[str, Any]) -> QueryDict:
    """A saved offer filter as the national search's query string (its own parameter names)."""
    params = QueryDict(mutable=True)
    params["omraade"] = value.get("scope") or SCOPE_MUNICIPALITY
    if value.get("grade_from") or value.get("grade_to"):
        grades = SearchReference.load().grades  # by sort order, kept per process
        positions = {grade.slug: grade.position for grade in grades}
        low = positions.get(value.get("grade_from") or "", min(positions.values()))
        high = positions.get(value.get("grade_to") or "", max(positions.values()))
        # The search matches offers covering any chosen grade: the range's grades give overlap.
        params.setlist("klassetrin", [grade.slug for grade in grades if low <= grade.position <= high])
    if value.get("subject_area"):
        params["fagomraade"] = value["subject_area"]
    if value.get("environment_type"):
        params["miljoe"] = value["environment_type"]
    if value.get("free_only"):
        params["pris"] = PRICE_FREE
    return params


def _national_search_url(home: MunicipalHomePage, request: HttpRequest | None) -> str:
    """Without a search page of its own (unpublished by staff), the site links to the national search."""
    search = OfferSearchPage.objects.live().first()
    return f"{search.get_url(request)}?kommune={home.municipality.slug}" if search else "/"


SAVED_FILTER_KEY = "municipalities:saved-filter"


def offer_cards_for_saved_filter(
    *, value: Mapping[str, Any], page: Page | None, request: HttpRequest | None, home: MunicipalHomePage | None = None
) -> tuple[list[SafeString], str]:
    """The cards of an offer-list block's first offers, and the kommune's search URL that shows them all.

    The block's page of offer ids and its search link are cached for OFFER_SEARCH_CACHE_SECONDS under the
    search version, the kommune's highlights and the block's filter: searching the kommune's ~5,000 offers
    cost ~0.1 s of a content page's view at 100,000 offers, and any published change still shows at once.
    The cards are the search's, each cached on its own (offers.selectors.offer_cards).
    """
    # The page's context has it (municipal_page_context).
    home = home if isinstance(home, MunicipalHomePage) else home_for_page(page)
    if home is None:
        return [], ""
    params = search_params_for_saved_filter(value)
    limit = value.get("limit") or 6
    highlighted = list(MunicipalHighlightedOffer.objects.filter(page=home).values_list("offer_id", flat=True))
    filter_key = hashlib.sha1(params.urlencode().encode(), usedforsecurity=False).hexdigest()

    def search() -> tuple[list[int], str]:
        result = search_offers(
            params,
            request=request,
            base_queryset=scope_rows(home=home, scope=str(params["omraade"])),
            page_size=limit,
            preserved_params=["omraade"],
        )
        return cast(PageOffers, result.page_obj.object_list).ids, result.url()

    ids, query = cached_by_search_version(
        SAVED_FILTER_KEY, search, home.pk, ",".join(map(str, highlighted)), limit, filter_key
    )
    search_page = home.search_page
    search_url = search_page.get_url(request) + query if search_page else ""
    return offer_cards(ids, request), search_url


# --- The local-supply overview --------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeBand:
    slug: str
    label: str | Promise
    position_from: int
    position_to: int

    def contains(self, position: int) -> bool:
        return self.position_from <= position <= self.position_to


GRADE_BANDS = (
    GradeBand("dagtilbud", _("Dagtilbud"), 0, 1),
    GradeBand("indskoling", _("0.–3. klasse"), 2, 5),
    GradeBand("mellemtrin", _("4.–6. klasse"), 6, 8),
    GradeBand("udskoling", _("7.–9. klasse"), 9, 11),
    GradeBand("10-klasse", _("10. klasse"), 12, 12),
    GradeBand("ungdomsuddannelse", _("Ungdomsuddannelser"), Grade.POSITION_YOUTH_EDUCATION, 99),
)


@dataclass
class SupplyRow:
    band: GradeBand
    cells: list[int]
    total: int
    links: list[str] = field(default_factory=list)  # the kommune's search for each cell

    @property
    def cells_with_links(self) -> list[tuple[int, str]]:
        return list(zip(self.cells, self.links or [""] * len(self.cells), strict=True))


@dataclass
class GoalProgress:
    goal: MunicipalGoal
    count: int

    @property
    def target(self) -> int:
        return self.goal.target_count or 0

    @property
    def met(self) -> bool:
        return self.count >= self.target

    @property
    def meter_value(self) -> int:
        """The count capped at the target: a <meter> value above its max is invalid (goal met = full)."""
        return min(self.count, self.target)

    @property
    def missing(self) -> int:
        return max(0, self.target - self.count)

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, round(100 * self.count / self.target))


@dataclass
class SupplyOverview:
    municipality: Municipality
    areas: Sequence[SubjectArea]
    rows: list[SupplyRow]
    area_totals: list[int]
    total: int
    goals: list[GoalProgress] = field(default_factory=list)
    unmeasured_goals: list[MunicipalGoal] = field(default_factory=list)

    @property
    def max_cell(self) -> int:
        return max((cell for row in self.rows for cell in row.cells), default=0)

    @property
    def band_gaps(self) -> list[GradeBand]:
        return [row.band for row in self.rows if row.total == 0]

    @property
    def area_gaps(self) -> list[SubjectArea]:
        return [area for area, total in zip(self.areas, self.area_totals, strict=True) if total == 0]

    @property
    def cell_gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell == 0)


def _band_filter(band: GradeBand, prefix: str = "") -> Q:
    return Q(**{f"{prefix}grade_min__lte": band.position_to, f"{prefix}grade_max__gte": band.position_from})


def local_supply(*, home: MunicipalHomePage, search_url: str = "") -> SupplyOverview:
    """Offers available to the kommune's schools by grade band × subject area, gaps and goal progress.

    With ``search_url`` (the kommune's search page), each cell links to the search showing its offers.
    """
    scope = offers_for_scope(home=home, scope=SCOPE_MUNICIPALITY)
    scope_ids = scope.values("pk")
    in_scope = Q(offers__pk__in=scope_ids)
    areas = list(
        SubjectArea.objects.annotate(
            **{
                f"band_{index}": Count("offers", filter=in_scope & _band_filter(band, "offers__"), distinct=True)
                for index, band in enumerate(GRADE_BANDS)
            },
            total=Count("offers", filter=in_scope, distinct=True),
        )
    )
    band_totals = OfferPage.objects.filter(pk__in=scope_ids).aggregate(
        **{f"band_{index}": Count("pk", filter=_band_filter(band)) for index, band in enumerate(GRADE_BANDS)},
        total=Count("pk"),
    )
    grades = list(Grade.objects.order_by("sort_order").values_list("slug", "position"))
    rows = []
    for index, band in enumerate(GRADE_BANDS):
        band_grades = [("klassetrin", slug) for slug, position in grades if band.contains(position)]
        rows.append(
            SupplyRow(
                band=band,
                cells=[getattr(area, f"band_{index}") for area in areas],
                total=band_totals[f"band_{index}"],
                links=[
                    f"{search_url}?{urlencode([*band_grades, ('fagomraade', area.slug)])}" if search_url else ""
                    for area in areas
                ],
            )
        )
    goals, unmeasured = [], []
    for goal in home.goals.select_related("grade_from", "grade_to"):
        if goal.is_measurable:
            count = OfferPage.objects.filter(pk__in=scope_ids).filter(goal.measure_filter()).distinct().count()
            goals.append(GoalProgress(goal=goal, count=count))
        else:
            unmeasured.append(goal)
    return SupplyOverview(
        municipality=home.municipality,
        areas=areas,
        rows=rows,
        area_totals=[area.total for area in areas],
        total=band_totals["total"],
        goals=goals,
        unmeasured_goals=unmeasured,
    )
