"""The offer search's filters: one FilterSet whose form validates the query string.

Parameter names are the Danish words a teacher sees in the URL (``?q=vikinger&klassetrin=3-klasse``).
The facets' filters come from the registry (offers.search.facets); the text, price ceiling and place
filters are declared here. Every filter reads the columns of ``OfferSearchRow`` (see
offers.search.index), so a filter is a predicate on one row and facet counts need no joins. Choices
come from a ``SearchReference`` loaded once per request, so validating the form costs no queries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from geography.geo import haversine_km
from geography.models import Municipality, Postcode
from offers.models import LearningEnvironmentPage, OfferFormat, OfferSearchRow

from .facets import FACET_NAMES, FACETS, FACETS_BY_NAME
from .ranking import title_matches
from .text import ParsedQuery, parse_query

DISTANCE_CHOICES = [(str(km), _("%(km)s km") % {"km": km}) for km in (5, 10, 25, 50, 100)]
SORT_RELEVANCE, SORT_DISTANCE, SORT_NEWEST, SORT_TITLE = "relevans", "afstand", "nyeste", "titel"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Relevans")),
    (SORT_DISTANCE, _("Afstand")),
    (SORT_NEWEST, _("Nyeste")),
    (SORT_TITLE, _("Titel (A–Å)")),
]
# Denmark with a margin (Bornholm and Skagen included): positions outside are not Danish schools.
LATITUDE_RANGE = (54.4, 57.9)
LONGITUDE_RANGE = (7.9, 15.3)


@dataclass(frozen=True)
class Origin:
    """Where the teacher searches from: a postcode's point, or the browser's position."""

    latitude: float
    longitude: float
    municipality: Municipality | None
    label: str


def distance_q(origin: Origin, radius_km: float) -> Q:
    """Offers within the radius of the origin, or coming to schools there.

    A bounding box on the indexed latitude/longitude narrows the rows before the exact distance;
    an offer at the school matches by its environment's travel area (kommuner or radius).
    """
    lat_delta = radius_km / 111.0
    lon_delta = radius_km / (111.0 * max(math.cos(math.radians(origin.latitude)), 0.1))
    near = Q(
        LessThanOrEqual(haversine_km(origin.latitude, origin.longitude, "latitude", "longitude"), radius_km),
        latitude__range=(origin.latitude - lat_delta, origin.latitude + lat_delta),
        longitude__range=(origin.longitude - lon_delta, origin.longitude + lon_delta),
    )
    reaches = Q(
        LessThanOrEqual(
            haversine_km(origin.latitude, origin.longitude, "latitude", "longitude"),
            F("travel_radius_km"),
        )
    )
    if origin.municipality is not None:
        reaches |= Q(travel_municipalities=origin.municipality)
    travelling = LearningEnvironmentPage.objects.filter(reaches).values("pk")
    return near | Q(_InArray(F("environment_id"), Subquery(travelling)), formats__contains=[OfferFormat.AT_SCHOOL])


class _InArray(Func):
    """``column = ANY(ARRAY(subquery))``. Unlike ``IN (subquery)``, a hashed subplan checked row by row, an index
    can answer it, so PostgreSQL combines the radius's box and the travelling environments' offers in one
    bitmap instead of scanning every row (a place search at 100,034 offers: 99 → 14 ms, the same rows)."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY(ARRAY"
    output_field = BooleanField()


class OfferSearchForm(forms.Form):
    """Validates the location fields together and resolves them to an ``Origin``."""

    origin: Origin | None = None

    def clean(self):
        cleaned = super().clean() or {}
        postcode = (cleaned.get("postnummer") or "").strip()
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        lat = float(lat) if lat is not None else None
        lon = float(lon) if lon is not None else None
        self.origin = None
        if postcode:
            found = _lookup_postcode(postcode) if re.fullmatch(r"\d{4}", postcode) else None
            if found is None:
                self.add_error(
                    "postnummer", _("Vi kender ikke postnummeret. Skriv et dansk postnummer med fire cifre.")
                )
            else:
                self.origin = Origin(
                    found.latitude, found.longitude, found.municipality, f"{postcode} {found.name}".strip()
                )
        elif lat is not None and lon is not None:
            if not (LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]):
                self.add_error("lat", _("Positionen ligger ikke i Danmark."))
            else:
                nearest = _nearest_postcode(lat, lon)
                self.origin = Origin(lat, lon, nearest.municipality if nearest else None, str(_("din position")))
        elif lat is not None or lon is not None:
            self.add_error("lat", _("Angiv både breddegrad og længdegrad."))
        if cleaned.get("afstand") and self.origin is None and not self.has_error("postnummer"):
            self.add_error("afstand", _("Skriv et postnummer for at søge inden for en afstand."))
        return cleaned


def _lookup_postcode(code: str) -> Postcode | None:
    """The postal area containing the code (Copenhagen's ranges included), with its kommune, in one query."""
    number = int(code)
    return (
        Postcode.objects.select_related("municipality")
        .filter(first_number__lte=number, last_number__gte=number)
        .order_by("-first_number")
        .first()
    )


def _nearest_postcode(lat: float, lon: float) -> Postcode | None:
    return (
        Postcode.objects.select_related("municipality")
        .annotate(distance=haversine_km(lat, lon, "latitude", "longitude"))
        .order_by("distance")
        .first()
    )


class _SharedFields(dict):
    """A search form's fields, shared by its instances: Django deep-copies a form's fields for each instance
    (so that one can change its own), which for the facets' ~300 choices cost more than validating them. The
    search form never changes its fields, so each instance gets a plain dict of the same field objects."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


class OfferFilterSet(django_filters.FilterSet):
    """All filters of the offer search. Pass ``reference`` (a SearchReference) for the choices.

    The facets' filters (one per entry of the registry) are added below the class.
    """

    q = django_filters.CharFilter(label=_("Søg"), method="filter_text")
    maks_pris = django_filters.NumberFilter(
        label=_("Højst pris (kr.)"), method="filter_max_price", min_value=0, max_value=1_000_000
    )
    postnummer = django_filters.CharFilter(label=_("Postnummer"), method="filter_noop", max_length=9)
    lat = django_filters.NumberFilter(label=_("Breddegrad"), method="filter_noop")
    lon = django_filters.NumberFilter(label=_("Længdegrad"), method="filter_noop")
    afstand = django_filters.ChoiceFilter(label=_("Afstand"), choices=DISTANCE_CHOICES, method="filter_distance")

    # Filters with counts per option ("facets"), in the order the page shows them.
    FACETS = FACET_NAMES
    # Filters a teacher can loosen that are not facets.
    OTHER_FILTERS = ["q", "maks_pris", "afstand"]

    class Meta:
        model = OfferSearchRow
        form = OfferSearchForm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, reference, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.reference = reference
        # Text: every word must match, unless the selector switches to partial matches (any word).
        self.partial_text = False
        self._text_in_title = False
        self._parsed: dict[str, ParsedQuery] = {}
        for facet in FACETS:
            self.filters[facet.name].extra["choices"] = [
                (value, label) for value, label, _key in facet.options(reference)
            ]

    def get_form_class(self):
        """The form class, built once per reference data: its fields (the facets' choices, ~300 options) are the
        same for every request, and building them took about as long as validating the form."""
        key = ("form_class", type(self))
        if key not in self.reference.derived:
            form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
            self.reference.derived[key] = form_class
        return self.reference.derived[key]

    @property
    def origin(self) -> Origin | None:
        """The resolved location (call after validation)."""
        return getattr(self.form, "origin", None)

    def filter_queryset(self, queryset, *, exclude: str | None = None):
        """All valid filters, optionally leaving one out (for its facet counts and "loosen" hints)."""
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def title_rows(self):
        """The filtered rows with the text's words in the title: the rows relevance ranks first
        (offers.search.ranking.title_leads), found through the title's own index."""
        self._text_in_title = True
        try:
            return self.filter_queryset(self.queryset.all())
        finally:
            self._text_in_title = False

    def queryset_without(self, name: str):
        return self.filter_queryset(self.queryset.all(), exclude=name)

    def rows_key(self) -> str:
        """The filtered rows as text, for the counting caches: two searches with the same key find the same rows.

        The base rows' SQL (the whole country, a kommune's scope), the class, every filter's cleaned value
        (not sorting, paging or the view, which are not filters), the resolved place and the text mode. Keying
        the counts by this instead of their compiled statements spares a cache hit building and compiling them
        (each active facet's base and the distance's expressions: about a sixth of a warm place search).
        """
        values = [f"{type(self).__module__}.{type(self).__qualname__}", str(self.queryset.query)]
        for name, value in sorted(self.form.cleaned_data.items()):
            if value in (None, "", []) or self.filters[name].method == "filter_noop":
                continue
            values.append(f"{name}={sorted(map(str, value)) if isinstance(value, list | tuple | set) else value}")
        origin = self.origin
        if origin is not None:
            municipality = origin.municipality.pk if origin.municipality is not None else ""
            values.append(f"@{origin.latitude!r},{origin.longitude!r},{municipality}")
        values.append(f"partial={self.partial_text}")
        return "\x1f".join(values)

    # Filter methods ------------------------------------------------------------------------------
    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_facet(self, queryset, name, value):
        """A facet of the registry: the rows matching any of the selected options."""
        return FACETS_BY_NAME[name].filter(queryset, list(value), self.reference)

    def parsed_text(self, value: str) -> ParsedQuery:
        if value not in self._parsed:
            self._parsed[value] = parse_query(
                value, sdg_names=self.reference.sdg_names, subjects=self.reference.subject_words
            )
        return self._parsed[value]

    def text_q(self, value: str, *, partial: bool | None = None) -> Q:
        """The text's grade and SDG phrases and its words (all of them, or any in partial mode)."""
        parsed = self.parsed_text(value)
        q = parsed.filters(self.reference.sdg_ids)
        match = parsed.any_word() if (self.partial_text if partial is None else partial) else parsed.all_words()
        if match is not None and self._text_in_title:
            q &= Q(title_matches(match))  # the title's words are also in the search vector
        elif match is not None:
            q &= Q(search_vector=match)  # a field of both OfferPage and OfferSearchRow
        return q

    def filter_text(self, queryset, name, value):
        if self.parsed_text(value).is_empty:
            return queryset
        return queryset.filter(self.text_q(value))

    def filter_max_price(self, queryset, name, value):
        return queryset.filter(Q(is_free=True) | Q(price_amount__lte=value))

    def filter_distance(self, queryset, name, value):
        origin = self.form.origin
        if origin is None:
            return queryset
        return queryset.filter(distance_q(origin, float(value)))


for _facet in FACETS:
    OfferFilterSet.base_filters[_facet.name] = django_filters.MultipleChoiceFilter(
        field_name=_facet.name, label=_facet.label, method="filter_facet"
    )
