"""The offer search's filters: one FilterSet whose form validates the query string.

Parameter names are the Danish words a teacher sees in the URL (``?q=vikinger&klassetrin=3-klasse``).
Every filter reads the denormalised columns of ``offers_offerpage`` (see offers.search_index), so a
filter is a predicate on one row and facet counts need no joins. Choices come from a
``SearchReference`` loaded once per request, so validating the form costs no queries.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db.models import F, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from geography.geo import haversine_km
from geography.models import Municipality, Postcode

from .fields import MONTH_CHOICES
from .models import LearningEnvironmentPage, OfferFormat, OfferLanguage, OfferSearchRow
from .search_index import SEARCH_CONFIG
from .synonyms import STOP_WORDS, alternatives

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
DISTANCE_CHOICES = [(str(km), _("%(km)s km") % {"km": km}) for km in (5, 10, 25, 50, 100)]
SORT_RELEVANCE, SORT_DISTANCE, SORT_NEWEST, SORT_TITLE = "relevans", "afstand", "nyeste", "titel"
SORT_CHOICES = [
    (SORT_RELEVANCE, _("Relevans")),
    (SORT_DISTANCE, _("Afstand")),
    (SORT_NEWEST, _("Nyeste")),
    (SORT_TITLE, _("Titel (A–Å)")),
]
PRICE_FREE = "gratis"
ACCESS_STEP_FREE, ACCESS_SPECIAL_NEEDS = "niveaufri", "saerlige-behov"
ACCESS_CHOICES = [
    (ACCESS_STEP_FREE, _("Niveaufri adgang (kørestol)")),
    (ACCESS_SPECIAL_NEEDS, _("Tilpasset elever med særlige behov")),
]
# Denmark with a margin (Bornholm and Skagen included): positions outside are not Danish schools.
LATITUDE_RANGE = (54.4, 57.9)
LONGITUDE_RANGE = (7.9, 15.3)
_WORD_RE = re.compile(r"\w+(?:[/-]\w+)*")


@dataclass(frozen=True)
class Origin:
    """Where the teacher searches from: a postcode's point, or the browser's position."""

    latitude: float
    longitude: float
    municipality: Municipality | None
    label: str


def text_words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())[:MAX_QUERY_WORDS]


def _word_query(word: str) -> SearchQuery:
    """One word, stemmed; words of four letters or more also match as the first part of a compound
    ("natur" finds "naturcenter"), since Danish writes compounds as one word."""
    parts = re.findall(r"[^\W_]+", word)
    if len(parts) == 1 and len(parts[0]) >= 4:
        # Safe as a raw tsquery: the part is letters and digits only.
        return SearchQuery(f"'{parts[0]}':*", search_type="raw", config=SEARCH_CONFIG)
    whole = SearchQuery(word, search_type="plain", config=SEARCH_CONFIG)
    if len(parts) > 1:  # "natur/teknologi" is one token to PostgreSQL's parser; also match its parts
        return whole | SearchQuery(" ".join(parts), search_type="plain", config=SEARCH_CONFIG)
    return whole


def text_search_query(text: str) -> SearchQuery | None:
    """A Danish tsquery: every typed word must match, each by any of its synonyms or compound parts."""
    combined = None
    for word in text_words(text):
        if word in STOP_WORDS:
            continue  # PostgreSQL drops them anyway; a query of only stop words would match nothing
        group = None
        for parts in alternatives(word):
            if len(parts) == 1:
                option = _word_query(parts[0])
            else:
                option = SearchQuery(" ".join(parts), search_type="plain", config=SEARCH_CONFIG)
            group = option if group is None else group | option
        combined = group if combined is None else combined & group
    return combined


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
    return near | Q(formats__contains=[OfferFormat.AT_SCHOOL], environment_id__in=travelling)


class OfferSearchForm(forms.Form):
    """Validates the location fields together and resolves them to an ``Origin``."""

    origin: Origin | None = None

    def clean(self):
        cleaned = super().clean()
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


class OfferFilterSet(django_filters.FilterSet):
    """All filters of the offer search. Pass ``reference`` (a SearchReference) for the choices."""

    q = django_filters.CharFilter(label=_("Søg"), method="filter_text")
    maalgruppe = django_filters.MultipleChoiceFilter(label=_("Målgruppe"), method="filter_target_group")
    klassetrin = django_filters.MultipleChoiceFilter(label=_("Klassetrin"), method="filter_grade")
    fag = django_filters.MultipleChoiceFilter(label=_("Fag"), method="filter_subject")
    fagomraade = django_filters.MultipleChoiceFilter(label=_("Fagområde"), method="filter_subject_area")
    verdensmaal = django_filters.MultipleChoiceFilter(label=_("Verdensmål"), method="filter_sdg")
    form = django_filters.MultipleChoiceFilter(label=_("Form"), choices=OfferFormat.choices, method="filter_format")
    pris = django_filters.ChoiceFilter(
        label=_("Pris"), choices=[(PRICE_FREE, _("Kun gratis tilbud"))], method="filter_free"
    )
    maks_pris = django_filters.NumberFilter(
        label=_("Højst pris (kr.)"), method="filter_max_price", min_value=0, max_value=1_000_000
    )
    kommune = django_filters.MultipleChoiceFilter(label=_("Kommune"), method="filter_municipality")
    region = django_filters.MultipleChoiceFilter(label=_("Region"), method="filter_region")
    miljoe = django_filters.MultipleChoiceFilter(label=_("Type af læringsmiljø"), method="filter_environment_type")
    maaned = django_filters.MultipleChoiceFilter(
        label=_("Måned"), choices=[(str(n), label) for n, label in MONTH_CHOICES], method="filter_month"
    )
    sprog = django_filters.MultipleChoiceFilter(
        label=_("Sprog"), choices=OfferLanguage.choices, method="filter_language"
    )
    tilgaengelighed = django_filters.MultipleChoiceFilter(
        label=_("Tilgængelighed"), choices=ACCESS_CHOICES, method="filter_accessibility"
    )
    postnummer = django_filters.CharFilter(label=_("Postnummer"), method="filter_noop", max_length=9)
    lat = django_filters.NumberFilter(label=_("Breddegrad"), method="filter_noop")
    lon = django_filters.NumberFilter(label=_("Længdegrad"), method="filter_noop")
    afstand = django_filters.ChoiceFilter(label=_("Afstand"), choices=DISTANCE_CHOICES, method="filter_distance")

    # Filters with counts per option ("facets"), in the order the page shows them.
    FACETS = [
        "maalgruppe",
        "klassetrin",
        "fag",
        "fagomraade",
        "form",
        "pris",
        "maaned",
        "region",
        "kommune",
        "miljoe",
        "verdensmaal",
        "sprog",
        "tilgaengelighed",
    ]
    # Filters a teacher can loosen that are not facets.
    OTHER_FILTERS = ["q", "maks_pris", "afstand"]

    class Meta:
        model = OfferSearchRow
        form = OfferSearchForm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, reference, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.reference = reference
        choices = {
            "maalgruppe": reference.target_group_choices,
            "klassetrin": reference.grade_choices,
            "fag": reference.subject_choices,
            "fagomraade": reference.subject_area_choices,
            "verdensmaal": reference.sdg_choices,
            "kommune": reference.municipality_choices,
            "region": reference.region_choices,
            "miljoe": reference.environment_type_choices,
        }
        for name, options in choices.items():
            self.filters[name].extra["choices"] = options

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

    def queryset_without(self, name: str):
        return self.filter_queryset(self.queryset.all(), exclude=name)

    # Filter methods ------------------------------------------------------------------------------
    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_text(self, queryset, name, value):
        query = text_search_query(value)
        if query is None:
            return queryset
        return queryset.filter(search_vector=query)  # a field of both OfferPage and OfferSearchRow

    def filter_target_group(self, queryset, name, value):
        q = Q()
        for slug in value:
            low, high = self.reference.target_group_ranges[slug]
            q |= Q(grade_min__lte=high, grade_max__gte=low)
        return queryset.filter(q)

    def filter_grade(self, queryset, name, value):
        q = Q()
        for position in {self.reference.grade_positions[slug] for slug in value}:
            q |= Q(grade_min__lte=position, grade_max__gte=position)
        return queryset.filter(q)

    def filter_subject(self, queryset, name, value):
        return queryset.filter(subject_ids__overlap=[self.reference.subject_ids[slug] for slug in value])

    def filter_subject_area(self, queryset, name, value):
        return queryset.filter(subject_area_ids__overlap=[self.reference.subject_area_ids[slug] for slug in value])

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(sdg_ids__overlap=[self.reference.sdg_ids[number] for number in value])

    def filter_format(self, queryset, name, value):
        return queryset.filter(formats__overlap=list(value))

    def filter_free(self, queryset, name, value):
        return queryset.filter(is_free=True)

    def filter_max_price(self, queryset, name, value):
        return queryset.filter(Q(is_free=True) | Q(price_amount__lte=value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(municipality_id__in=[self.reference.municipality_ids[slug] for slug in value])

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_id__in=[self.reference.region_ids[code] for code in value])

    def filter_environment_type(self, queryset, name, value):
        return queryset.filter(environment_type_id__in=[self.reference.environment_type_ids[slug] for slug in value])

    def filter_month(self, queryset, name, value):
        return queryset.filter(months__overlap=[int(month) for month in value])

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__overlap=list(value))

    def filter_accessibility(self, queryset, name, value):
        if ACCESS_STEP_FREE in value:
            queryset = queryset.filter(step_free_access=True)
        if ACCESS_SPECIAL_NEEDS in value:
            queryset = queryset.filter(special_needs_adapted=True)
        return queryset

    def filter_distance(self, queryset, name, value):
        origin = self.form.origin
        if origin is None:
            return queryset
        return queryset.filter(distance_q(origin, float(value)))
