"""Reads for the offer search: ``search_offers()`` is the one entry point.

Usage (the national /tilbud/ page and the kommune sites)::

    result = search_offers(request.GET, request=request)                     # the whole country
    result = search_offers(request.GET, request=request,
                           base_queryset=OfferPage.objects.live().available_to_municipality(kommune))

``base_queryset`` scopes the search (an ``OfferPage`` queryset; filters, counts, "loosen" hints and
the map all stay inside it; ``None`` means every live, public offer, the fastest path). The result
carries the FilterSet (``result.filterset``; its ``qs`` is the filtered queryset of search rows), one
page of offers (``result.offers``: OfferPage objects with ``distance_km`` and
``search_subject_names``), the total, the facets with a count per option (computed with the other
active filters applied), notices about ignored input, "loosen" hints when nothing matched and a
"did you mean" suggestion for a misspelt word.

Filters, counts and sorting read ``OfferSearchRow`` (a narrow copy of each offer, see
offers.models); facet counts are one pass over the matching rows with a bit mask per option, cached
until any offer changes. Cost per request is a fixed number of queries whatever the page size or
result count: reference data (6), view restrictions (1), the postcode (≤1), all facet counts and
totals in one statement (1, or none from the cache), the page's ids and its offers (2), and only when
nothing matched the "loosen" totals (1) and the suggestion (≤2); the map view adds two.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchRank, SearchVectorExact, SearchVectorField
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal
from geography.geo import haversine_km
from geography.models import Municipality

from .fields import MONTH_CHOICES
from .filters import (
    ACCESS_CHOICES,
    ACCESS_SPECIAL_NEEDS,
    ACCESS_STEP_FREE,
    MAX_QUERY_LENGTH,
    PRICE_FREE,
    SORT_CHOICES,
    SORT_DISTANCE,
    SORT_NEWEST,
    SORT_RELEVANCE,
    SORT_TITLE,
    OfferFilterSet,
    Origin,
    text_search_query,
    text_words,
)
from .models import EnvironmentType, OfferFormat, OfferLanguage, OfferPage, OfferSearchRow
from .search_index import (
    ENVIRONMENT_TYPE_BIT,
    FORMAT_BIT,
    FREE_BIT,
    GRADE_BIT,
    LANGUAGE_BIT,
    MONTH_BIT,
    SPECIAL_NEEDS_BIT,
    STEP_FREE_BIT,
    bit,
    rank_map,
    search_version,
)

PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20
MAX_VALUES_PER_PARAM = 50
MAP_LIMIT = 300
VIEW_LIST, VIEW_MAP = "liste", "kort"
# Parameters that take one value; the rest (facets) take several.
SINGLE_PARAMS = [
    *["q", "pris", "maks_pris", "postnummer", "lat", "lon", "afstand"],
    *["sortering", "side", "antal", "visning"],
]
MULTI_PARAMS = [name for name in OfferFilterSet.FACETS if name != "pris"]


REFERENCE_CACHE_SECONDS = 60
_REFERENCE_CACHE: dict[str, tuple[float, SearchReference]] = {}


@dataclass
class SearchReference:
    """The reference data behind filter choices and facet labels, loaded once per search (6 queries)."""

    grades: list[Grade]
    subjects: list[Subject]
    subject_areas: list[SubjectArea]
    sdgs: list[SustainableDevelopmentGoal]
    municipalities: list[Municipality]
    environment_types: list[EnvironmentType]

    @classmethod
    def load(cls) -> SearchReference:
        """The reference data, kept per process for a minute while the search cache is on (it rarely changes)."""
        if not getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300):
            return cls._query()
        key = connection.settings_dict["NAME"]
        cached = _REFERENCE_CACHE.get(key)
        if cached is None or cached[0] < time.monotonic() - REFERENCE_CACHE_SECONDS:
            cached = (time.monotonic(), cls._query())
            _REFERENCE_CACHE[key] = cached
        return cached[1]

    @classmethod
    def _query(cls) -> SearchReference:
        return cls(
            grades=list(Grade.objects.select_related("target_group").order_by("sort_order")),
            subjects=list(Subject.objects.order_by("sort_order", "name")),
            subject_areas=list(SubjectArea.objects.all()),
            sdgs=list(SustainableDevelopmentGoal.objects.all()),
            municipalities=list(Municipality.objects.select_related("region").order_by("name")),
            environment_types=list(EnvironmentType.objects.all()),
        )

    def __post_init__(self) -> None:
        groups: dict[str, Any] = {}
        ranges: dict[str, tuple[int, int]] = {}
        for grade in self.grades:
            group = grade.target_group
            groups.setdefault(group.slug, group)
            low, high = ranges.get(group.slug, (grade.position, grade.position))
            ranges[group.slug] = (min(low, grade.position), max(high, grade.position))
        self.target_groups = sorted(groups.values(), key=lambda group: group.sort_order)
        self.target_group_ranges = ranges
        self.grade_positions = {grade.slug: grade.position for grade in self.grades}
        self.subject_ids = {subject.slug: subject.pk for subject in self.subjects}
        self.subject_area_ids = {area.slug: area.pk for area in self.subject_areas}
        self.sdg_ids = {str(goal.number): goal.pk for goal in self.sdgs}
        self.municipality_ids = {m.slug: m.pk for m in self.municipalities}
        regions = {m.region.code: m.region for m in self.municipalities}
        self.regions = sorted(regions.values(), key=lambda region: region.name)
        self.region_ids = {region.code: region.pk for region in self.regions}
        self.environment_type_ids = {t.slug: t.pk for t in self.environment_types}
        self.subject_names = {subject.pk: subject.name for subject in self.subjects}

    # Choices for the FilterSet
    @property
    def target_group_choices(self):
        return [(group.slug, group.name) for group in self.target_groups]

    @property
    def grade_choices(self):
        return [(grade.slug, grade.name) for grade in self.grades]

    @property
    def subject_choices(self):
        return [(subject.slug, subject.name) for subject in self.subjects]

    @property
    def subject_area_choices(self):
        return [(area.slug, area.name) for area in self.subject_areas]

    @property
    def sdg_choices(self):
        return [(str(goal.number), str(goal)) for goal in self.sdgs]

    @property
    def municipality_choices(self):
        return [(m.slug, m.name) for m in self.municipalities]

    @property
    def region_choices(self):
        return [(region.code, region.name) for region in self.regions]

    @property
    def environment_type_choices(self):
        return [(t.slug, t.name) for t in self.environment_types]

    def facet_options(self, name: str) -> list[tuple[str, str, str]]:
        """(value in the URL, label, key in the facet counts) for each option of a facet."""
        if name == "maalgruppe":
            return [(g.slug, g.name, g.slug) for g in self.target_groups]
        if name == "klassetrin":
            # Youth programmes share one level: the target group "Ungdomsuddannelse" stands for them.
            youth = Grade.POSITION_YOUTH_EDUCATION
            return [(g.slug, g.name, str(g.position)) for g in self.grades if g.position < youth]
        if name == "fag":
            return [(s.slug, s.name, str(s.pk)) for s in self.subjects]
        if name == "fagomraade":
            return [(a.slug, a.name, str(a.pk)) for a in self.subject_areas]
        if name == "verdensmaal":
            return [(str(g.number), str(g), str(g.pk)) for g in self.sdgs]
        if name == "form":
            return [(value, str(label), value) for value, label in OfferFormat.choices]
        if name == "pris":
            return [(PRICE_FREE, _("Kun gratis tilbud"), PRICE_FREE)]
        if name == "maaned":
            return [(str(n), str(label).capitalize(), str(n)) for n, label in MONTH_CHOICES]
        if name == "region":
            return [(r.code, r.name, str(r.pk)) for r in self.regions]
        if name == "kommune":
            return [(m.slug, m.name, str(m.pk)) for m in self.municipalities]
        if name == "miljoe":
            return [(t.slug, t.name, str(t.pk)) for t in self.environment_types]
        if name == "sprog":
            return [(value, str(label), value) for value, label in OfferLanguage.choices]
        if name == "tilgaengelighed":
            return [(value, str(label), value) for value, label in ACCESS_CHOICES]
        raise KeyError(name)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    html_id: str = ""


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)

    @property
    def is_active(self) -> bool:
        return self.selected_count > 0


@dataclass
class Loosen:
    """A filter the teacher can remove, with the number of offers they would then get."""

    name: str
    label: str
    count: int
    url: str


@dataclass
class OfferSearchResult:
    filterset: OfferFilterSet
    params: QueryDict  # the valid, normalised parameters (the URL state)
    page_obj: PaginatorPage
    total: int
    facets: list[Facet]
    notices: list[str]
    sort: str
    sort_choices: list[tuple[str, str, bool]]  # (form value, label, selected)
    page_size: int
    view: str
    origin: Origin | None
    text: str
    loosen: list[Loosen] = field(default_factory=list)
    did_you_mean: tuple[str, str] | None = None  # (suggested text, url)
    map_points: list[dict[str, Any]] = field(default_factory=list)
    preserved: dict[str, list[str]] = field(default_factory=dict)
    active_filters: list[tuple[str, str]] = field(default_factory=list)  # (label, url without it)

    @property
    def offers(self) -> list[OfferPage]:
        return list(self.page_obj.object_list)

    def url(self, *, drop: Iterable[str] = (), **overrides: str | list[str] | None) -> str:
        """A query string for this state with parameters dropped or replaced (``side`` resets)."""
        return build_query_string(self.params, self.preserved, drop=drop, overrides=overrides)

    def page_url(self, number: int) -> str:
        return self.url(side=str(number) if number > 1 else None)

    @property
    def list_url(self) -> str:
        return self.url(visning=None, side=self.params.get("side"))

    @property
    def map_url(self) -> str:
        return self.url(visning=VIEW_MAP, side=self.params.get("side"))

    @property
    def page_links(self) -> list[dict[str, Any]]:
        """Links for a window of pages around the current one, with gaps as ``None`` numbers."""
        current, last = self.page_obj.number, self.page_obj.paginator.num_pages
        wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links: list[dict[str, Any]] = []
        previous = 0
        for number in wanted:
            if number - previous > 1:
                links.append({"number": None})
            links.append({"number": number, "url": self.page_url(number), "current": number == current})
            previous = number
        return links

    @property
    def previous_url(self) -> str | None:
        return self.page_url(self.page_obj.number - 1) if self.page_obj.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.page_obj.number + 1) if self.page_obj.has_next() else None

    @property
    def first_index(self) -> int:
        return self.page_obj.start_index()

    @property
    def last_index(self) -> int:
        return self.page_obj.end_index()

    @property
    def active_facet_count(self) -> int:
        """Selected filter options (text and place not counted): the badge on the filter panel."""
        return sum(facet.selected_count for facet in self.facets) + (1 if self.cleaned.get("maks_pris") else 0)

    @property
    def cleaned(self) -> dict[str, Any]:
        return self.filterset.form.cleaned_data

    def hidden_params(self) -> list[tuple[str, str]]:
        """Parameters the search form must carry as hidden fields (the caller's own, e.g. a scope)."""
        return [(name, value) for name, values in self.preserved.items() for value in values]


def build_query_string(
    params: QueryDict | Mapping[str, list[str]],
    preserved: Mapping[str, list[str]] | None = None,
    *,
    drop: Iterable[str] = (),
    overrides: Mapping[str, str | list[str] | None] | None = None,
) -> str:
    state: dict[str, list[str]] = (
        {name: list(params.getlist(name)) for name in params}
        if isinstance(params, QueryDict)
        else {name: list(values) for name, values in params.items()}
    )
    for name, values in (preserved or {}).items():
        state[name] = list(values)
    for name in drop:
        state.pop(name, None)
    overrides = dict(overrides or {})
    if "side" not in overrides:
        state.pop("side", None)
    for name, value in overrides.items():
        if value is None or value == "" or value == []:
            state.pop(name, None)
        else:
            state[name] = [value] if isinstance(value, str) else list(value)
    pairs = [(name, value) for name, values in state.items() for value in values]
    return "?" + urlencode(pairs) if pairs else "?"


def _clean_params(
    raw: QueryDict, reference: SearchReference, filterset_class: type[OfferFilterSet]
) -> tuple[QueryDict, list[str]]:
    """Normalise the query string: drop unknown values, repeats and overlong text, noting each."""
    notices: list[str] = []
    clean = QueryDict(mutable=True)
    probe = filterset_class(reference=reference)
    for name in SINGLE_PARAMS:
        values = [value for value in raw.getlist(name) if value.strip()]
        if not values:
            continue
        if len(values) > 1:
            notices.append(_("Parameteren »%(name)s« var angivet flere gange; kun den sidste bruges.") % {"name": name})
        value = values[-1].replace("\x00", "")
        if name == "q":
            value = " ".join(value.split())
            if len(value) > MAX_QUERY_LENGTH:
                value = value[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
                notices.append(
                    _("Søgeteksten var for lang; vi søgte på de første %(count)s tegn.") % {"count": MAX_QUERY_LENGTH}
                )
        elif len(value) > 40:
            notices.append(_("Værdien af »%(name)s« var for lang og blev ignoreret.") % {"name": name})
            continue
        clean[name] = value
    for name in MULTI_PARAMS:
        values = raw.getlist(name)
        if not values:
            continue
        allowed = {str(value) for value, _label in probe.filters[name].extra.get("choices", [])}
        known = list(dict.fromkeys(value for value in values if value in allowed))[:MAX_VALUES_PER_PARAM]
        if len(known) < len([value for value in dict.fromkeys(values) if value]):
            label = probe.filters[name].label
            notices.append(_("Ukendte værdier i filteret »%(label)s« blev ignoreret.") % {"label": label})
        if known:
            clean.setlist(name, known)
    return clean, notices


def _facet_aggregates(reference: SearchReference, name: str) -> list[tuple[str, str]]:
    """(option key, SQL condition) for each option of a facet counted with bit masks.

    The masks are integers computed here from reference data, never user input.
    """

    def test(column: str, mask: int) -> str:
        return f"({column} & {mask}::bigint) <> 0"

    grade_mask = {position: bit(GRADE_BIT + position) for position in range(0, 14)}
    if name == "maalgruppe":
        return [
            (slug, test("facet_bits", sum(grade_mask[p] for p in range(max(lo, 0), min(hi, 13) + 1))))
            for slug, (lo, hi) in reference.target_group_ranges.items()
        ]
    if name == "klassetrin":
        positions = sorted({g.position for g in reference.grades if 0 <= g.position <= 13})
        return [(str(p), test("facet_bits", grade_mask[p])) for p in positions]
    if name == "fag":
        ranks = rank_map(s.pk for s in reference.subjects)
        return [(str(pk), test("subject_bits", bit(rank))) for pk, rank in ranks.items() if rank <= 62]
    if name == "fagomraade":
        ranks = rank_map(a.pk for a in reference.subject_areas)
        return [(str(pk), test("subject_area_bits", bit(rank))) for pk, rank in ranks.items() if rank <= 62]
    if name == "verdensmaal":
        ranks = rank_map(g.pk for g in reference.sdgs)
        return [(str(pk), test("sdg_bits", bit(rank))) for pk, rank in ranks.items() if rank <= 62]
    if name == "miljoe":
        ranks = rank_map(t.pk for t in reference.environment_types)
        return [
            (str(pk), test("facet_bits", bit(ENVIRONMENT_TYPE_BIT + rank))) for pk, rank in ranks.items() if rank <= 23
        ]
    if name == "form":
        return [(value, test("facet_bits", bit(FORMAT_BIT + i))) for i, value in enumerate(OfferFormat.values)]
    if name == "sprog":
        return [(value, test("facet_bits", bit(LANGUAGE_BIT + i))) for i, value in enumerate(OfferLanguage.values)]
    if name == "maaned":
        return [(str(month), test("facet_bits", bit(MONTH_BIT + month - 1))) for month in range(1, 13)]
    if name == "pris":
        return [(PRICE_FREE, test("facet_bits", bit(FREE_BIT)))]
    if name == "tilgaengelighed":
        return [
            (ACCESS_STEP_FREE, test("facet_bits", bit(STEP_FREE_BIT))),
            (ACCESS_SPECIAL_NEEDS, test("facet_bits", bit(SPECIAL_NEEDS_BIT))),
        ]
    return []  # kommune and region: counted by grouping on the municipality


_BY_MUNICIPALITY = ("kommune", "region")
_FACET_COLUMNS = ["municipality_id", "facet_bits", "subject_bits", "subject_area_bits", "sdg_bits"]


def _facet_statement(
    filterset: OfferFilterSet, reference: SearchReference, active_facets: list[str]
) -> tuple[str, list[Any], dict[str, list[tuple[str, str]]]]:
    """One SQL statement for every facet's counts and the totals: one pass over each base.

    The base with all filters is grouped by municipality (kommune and region counts) and counts every
    other option with a bit mask per option, in the same pass. Each active facet needs its own base
    (all filters but its own), counted the same way for its options only. Rows come back as
    (base, municipality id, array of counts: [total, option 1, option 2, ...]).
    """
    parts: list[str] = []
    params: list[Any] = []
    layout: dict[str, list[tuple[str, str]]] = {}

    def add(key: str, queryset: QuerySet, names: list[str], by_municipality: bool) -> None:
        sql, query_params = queryset.order_by().values(*_FACET_COLUMNS).query.sql_with_params()
        aggregates = [
            (name, option, condition) for name in names for option, condition in _facet_aggregates(reference, name)
        ]
        options = [(name, option) for name, option, _condition in aggregates]
        conditions = [condition for _name, _option, condition in aggregates]
        counts = ", ".join(["count(*)"] + [f"count(*) FILTER (WHERE {condition})" for condition in conditions])
        group = "municipality_id" if by_municipality else "NULL::bigint"
        tail = " GROUP BY municipality_id" if by_municipality else ""
        parts.append(f"SELECT %s::text, {group}, ARRAY[{counts}]::bigint[] FROM ({sql}) AS b{tail}")
        params.extend([key, *query_params])
        layout[key] = options

    add("*", filterset.qs, [name for name in filterset.FACETS if name not in active_facets], True)
    for name in active_facets:
        add(name, filterset.queryset_without(name), [name], name in _BY_MUNICIPALITY)
    return " UNION ALL ".join(parts), params, layout


def _cached_rows(sql: str, params: list[Any]) -> list[tuple]:
    """The facet statement's rows, cached for OFFER_SEARCH_CACHE_SECONDS under the search version.

    Any change to an offer's search data bumps the version (after its commit), so a cached count is
    never older than the data; 0 seconds turns the cache off (the tests, and cold benchmarks).
    """
    seconds = getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300)
    key = None
    if seconds:
        digest = hashlib.sha1((sql + "\x1f" + repr(params)).encode(), usedforsecurity=False).hexdigest()
        key = f"offers:facets:{search_version()}:{digest}"
        rows = cache.get(key)
        if rows is not None:
            return rows
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [(base, municipality_id, list(values)) for base, municipality_id, values in cursor.fetchall()]
    if key:
        cache.set(key, rows, seconds)
    return rows


def _run_facets(
    filterset: OfferFilterSet, reference: SearchReference, active_facets: list[str]
) -> tuple[int, dict[str, int], dict[str, dict[str, int]]]:
    """(total, total per base, counts per facet and option key)."""
    sql, params, layout = _facet_statement(filterset, reference, active_facets)
    region_of = {m.pk: m.region.pk for m in reference.municipalities}
    totals: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    rows = _cached_rows(sql, params)
    for base, municipality_id, values in rows:
        totals[base] = totals.get(base, 0) + values[0]
        for (name, option), value in zip(layout[base], values[1:], strict=True):
            facet = counts.setdefault(name, {})
            facet[option] = facet.get(option, 0) + value
        if municipality_id is not None:
            # Each of these facets is counted from its own base when active, else from the main one.
            if base == ("kommune" if "kommune" in active_facets else "*"):
                kommune = counts.setdefault("kommune", {})
                kommune[str(municipality_id)] = kommune.get(str(municipality_id), 0) + values[0]
            if base == ("region" if "region" in active_facets else "*") and municipality_id in region_of:
                region = counts.setdefault("region", {})
                key = str(region_of[municipality_id])
                region[key] = region.get(key, 0) + values[0]
    return totals.get("*", 0), totals, counts


def _other_totals(filterset: OfferFilterSet, names: list[str]) -> dict[str, int]:
    """Totals with each of the given non-facet filters removed, in one statement."""
    if not names:
        return {}
    parts, params = [], []
    for name in names:
        sql, query_params = filterset.queryset_without(name).order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT count(*) FROM ({sql}) AS s)")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return dict(zip(names, row, strict=True))


_TRGM_AVAILABLE: dict[str, bool] = {}


def _has_trigram() -> bool:
    key = connection.settings_dict["NAME"]
    if key not in _TRGM_AVAILABLE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            _TRGM_AVAILABLE[key] = bool(cursor.fetchone()[0])
    return _TRGM_AVAILABLE[key]


def suggest_spelling(text: str) -> str | None:
    """The text with unknown words replaced by the closest word in the offers' vocabulary, if any.

    Uses pg_trgm similarity when the extension is installed, else difflib over the words that share
    the first letter (the embedded PostgreSQL has no pg_trgm); never raises for want of either.
    """
    words = text_words(text)
    candidates = [word for word in words if len(word) >= 4 and not word.isdigit()]
    if not candidates:
        return None
    replacements: dict[str, str] = {}
    with connection.cursor() as cursor:
        if _has_trigram():
            cursor.execute(
                """
                SELECT w.word, (
                    SELECT t.word FROM offers_searchterm t
                    WHERE similarity(t.word, w.word) > 0.3
                    ORDER BY similarity(t.word, w.word) DESC, t.frequency DESC LIMIT 1)
                FROM unnest(%s::text[]) AS w(word)
                WHERE NOT EXISTS (SELECT 1 FROM offers_searchterm t WHERE t.word = w.word)
                """,
                [candidates],
            )
            replacements = {word: best for word, best in cursor.fetchall() if best}
        else:
            cursor.execute(
                "SELECT word FROM offers_searchterm WHERE left(word, 1) = ANY(%s) ORDER BY frequency DESC LIMIT 20000",
                [sorted({word[0] for word in candidates})],
            )
            vocabulary = [row[0] for row in cursor.fetchall()]
            known = set(vocabulary)
            for word in candidates:
                if word in known:
                    continue
                close = difflib.get_close_matches(word, [v for v in vocabulary if v[0] == word[0]], n=1, cutoff=0.75)
                if close:
                    replacements[word] = close[0]
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in words)


def search_rows(base_queryset: QuerySet[OfferPage] | None = None) -> QuerySet[OfferSearchRow]:
    """The narrow search rows of live, public offers, or of the offers in ``base_queryset``."""
    if base_queryset is not None:
        return OfferSearchRow.objects.filter(pk__in=base_queryset.order_by().values("pk"))
    rows = OfferSearchRow.objects.filter(live=True)
    if PageViewRestriction.objects.exists():
        rows = rows.filter(pk__in=OfferPage.objects.live().public().values("pk"))
    return rows


class _OfferPageSequence:
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
            .select_related("environment", "municipality", "grade_from", "grade_to")
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


def search_offers(
    params: QueryDict,
    *,
    request: HttpRequest | None = None,
    base_queryset: QuerySet[OfferPage] | None = None,
    page_size: int | None = None,
    preserved_params: Iterable[str] = (),
    filterset_class: type[OfferFilterSet] = OfferFilterSet,
) -> OfferSearchResult:
    """Search live, public offers (or ``base_queryset``) with the query-string ``params``.

    ``preserved_params`` names parameters of the caller (e.g. a kommune site's scope) that every link
    and form of the search must carry along. Never raises for bad input: the bad part is ignored and
    described in ``result.notices``.
    """
    reference = SearchReference.load()
    clean, notices = _clean_params(params, reference, filterset_class)
    preserved = {name: params.getlist(name)[-1:] for name in preserved_params if params.get(name)}
    rows = search_rows(base_queryset)
    filterset = filterset_class(clean, queryset=rows, reference=reference)
    if not filterset.is_valid():
        for name, errors in filterset.form.errors.items():
            label = filterset.filters[name].label if name in filterset.filters else name
            for error in errors:
                notices.append(_("»%(label)s« blev ignoreret: %(error)s") % {"label": label, "error": error})
                clean.pop(name, None)
        if "postnummer" in filterset.form.errors or "lat" in filterset.form.errors:
            for name in ("postnummer", "lat", "lon", "afstand"):
                clean.pop(name, None)
    cleaned = filterset.form.cleaned_data
    origin = filterset.origin
    text = cleaned.get("q") or ""
    query = text_search_query(text) if text else None
    if text and query is None:
        notices.append(_("Søgningen bestod kun af meget almindelige ord og blev ignoreret."))

    # Sorting: relevance needs text, distance needs a place.
    default_sort = SORT_RELEVANCE if query is not None else (SORT_DISTANCE if origin else SORT_NEWEST)
    sort = clean.get("sortering") or default_sort
    valid_sorts = [value for value, _label in SORT_CHOICES]
    if sort not in valid_sorts:
        notices.append(_("Ukendt sortering blev ignoreret."))
        sort = default_sort
    elif sort == SORT_RELEVANCE and query is None:
        sort = default_sort
    elif sort == SORT_DISTANCE and origin is None:
        notices.append(_("Sortering efter afstand kræver et postnummer eller din position."))
        sort = default_sort
    if clean.get("sortering") and (clean["sortering"] != sort or sort == default_sort):
        clean.pop("sortering")  # the default needs no parameter, so typing text can switch it to relevance
    # The default sort is submitted as "" so that the form never pins it.
    sort_choices = [
        ("" if value == default_sort else value, label, value == sort)
        for value, label in SORT_CHOICES
        if (value != SORT_RELEVANCE or query is not None) and (value != SORT_DISTANCE or origin)
    ]

    size = page_size or DEFAULT_PAGE_SIZE
    if clean.get("antal"):
        try:
            requested = int(clean["antal"])
        except ValueError:
            requested = 0
        if requested in PAGE_SIZES:
            size = requested
        else:
            notices.append(_("Antal pr. side skal være et af %(sizes)s.") % {"sizes": ", ".join(map(str, PAGE_SIZES))})
            clean.pop("antal")
    view = clean.get("visning") or VIEW_LIST
    if view not in (VIEW_LIST, VIEW_MAP):
        notices.append(_("Ukendt visning blev ignoreret."))
        clean.pop("visning")
        view = VIEW_LIST

    active_facets = [name for name in filterset.FACETS if cleaned.get(name)]
    total, totals, counts = _run_facets(filterset, reference, active_facets)

    # The page of offers: the ids from the narrow rows, then the pages; two queries, whatever the size.
    ordered = filterset.qs
    if origin is not None:
        ordered = ordered.annotate(distance_km=haversine_km(origin.latitude, origin.longitude, "latitude", "longitude"))
    if sort == SORT_RELEVANCE:
        ordered = ordered.annotate(
            rank=SearchRank(F("search_vector"), query, weights=[0.1, 0.2, 0.4, 1.0]),
            title_match=Case(When(_title_matches(query), then=1), default=0, output_field=IntegerField()),
        ).order_by("-title_match", "-rank", "-first_published_at", "pk")
    elif sort == SORT_DISTANCE:
        ordered = ordered.order_by("distance_km", "pk")
    elif sort == SORT_TITLE:
        ordered = ordered.order_by("title", "pk")
    else:
        ordered = ordered.order_by("-first_published_at", "-pk")
    paginator = Paginator(_OfferPageSequence(ordered, total, with_distance=origin is not None), size)
    raw_page = clean.get("side")
    number = 1
    if raw_page:
        try:
            number = int(raw_page)
            if number < 1:
                raise ValueError
        except ValueError:
            notices.append(_("Sidetallet blev ignoreret; det skal være et helt tal fra 1."))
            clean.pop("side")
            number = 1
        else:
            if number > paginator.num_pages:
                notices.append(_("Der er kun %(pages)s sider; her er den sidste.") % {"pages": paginator.num_pages})
                number = paginator.num_pages
    page_obj = paginator.page(number)  # an empty first page is allowed
    for offer in page_obj.object_list:
        names = reference.subject_names
        offer.search_subject_names = [names[pk] for pk in offer.subject_ids if pk in names]
        offer.comes_to_school = OfferFormat.AT_SCHOOL in offer.formats

    facets = []
    for name in filterset.FACETS:
        selected = set(cleaned.get(name) or ([cleaned[name]] if isinstance(cleaned.get(name), str) else []))
        facet_counts = counts.get(name, {})
        options = [
            FacetOption(
                value=value,
                label=label,
                count=facet_counts.get(key, 0),
                selected=value in selected,
                html_id=f"f-{name}-{key}",
            )
            for value, label, key in reference.facet_options(name)
        ]
        if name == "kommune":
            options = [option for option in options if option.count or option.selected]
        facets.append(Facet(name=name, label=str(filterset.filters[name].label), options=options))

    result = OfferSearchResult(
        filterset=filterset,
        params=clean,
        page_obj=page_obj,
        total=total,
        facets=facets,
        notices=notices,
        sort=sort,
        sort_choices=sort_choices,
        page_size=size,
        view=view,
        origin=origin,
        text=text,
        preserved=preserved,
    )
    result.active_filters = _active_filters(result, reference, cleaned)

    if total == 0:
        others = [name for name in filterset.OTHER_FILTERS if cleaned.get(name) not in (None, "", [])]
        if "afstand" in others and origin is None:
            others.remove("afstand")
        other_totals = _other_totals(filterset, others)
        loosen = []
        for name in active_facets + others:
            count = totals.get(name, other_totals.get(name, 0))
            if count:
                drop = [name] + (["maks_pris"] if name == "pris" else [])
                loosen.append(Loosen(name, str(filterset.filters[name].label), count, result.url(drop=drop)))
        result.loosen = sorted(loosen, key=lambda item: -item.count)
        if text:
            suggestion = suggest_spelling(text)
            if suggestion and suggestion != text.lower():
                result.did_you_mean = (suggestion, result.url(q=suggestion))

    if view == VIEW_MAP and total:
        result.map_points = _map_points(ordered, request)
    return result


def _title_matches(query):
    """``ts_filter(search_vector, '{a}') @@ query``: the words match the title (weight A)."""
    title_vector = Func(F("search_vector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField())
    return SearchVectorExact(title_vector, query)


def _map_points(ordered: QuerySet[OfferSearchRow], request: HttpRequest | None) -> list[dict[str, Any]]:
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


def _active_filters(result: OfferSearchResult, reference: SearchReference, cleaned: dict) -> list[tuple[str, str]]:
    """Chips for the active filters: (label, url without that value)."""
    chips: list[tuple[str, str]] = []
    if result.text:
        chips.append((_("Søgning: %(text)s") % {"text": result.text}, result.url(drop=["q", "sortering"])))
    for facet in result.facets:
        selected = [option for option in facet.options if option.selected]
        for option in selected:
            remaining = [other.value for other in selected if other.value != option.value]
            chips.append((f"{facet.label}: {option.label}", result.url(**{facet.name: remaining or None})))
    if cleaned.get("maks_pris") is not None:
        chips.append(
            (_("Højst %(price)s kr.") % {"price": _format_number(cleaned["maks_pris"])}, result.url(drop=["maks_pris"]))
        )
    if result.origin is not None and cleaned.get("afstand"):
        chips.append(
            (
                _("Inden for %(km)s km fra %(place)s") % {"km": cleaned["afstand"], "place": result.origin.label},
                result.url(drop=["afstand"]),
            )
        )
    return chips


def _format_number(value) -> str:
    number = float(value)
    return str(int(number)) if math.isfinite(number) and number == int(number) else f"{number:.2f}"


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "Facet",
    "FacetOption",
    "Loosen",
    "OfferSearchResult",
    "SearchReference",
    "build_query_string",
    "search_offers",
    "suggest_spelling",
]


def offers_of_environment(environment, *, exclude: OfferPage | None = None, limit: int | None = None):
    """The environment's live offers, by title, ready for offer cards."""
    queryset = (
        OfferPage.objects.live()
        .public()
        .filter(environment=environment)
        .select_related("environment", "municipality", "grade_from", "grade_to")
        .defer("search_vector", "description", "preparation_material", "follow_up_material")
        .order_by("title")
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
    return list(
        queryset.filter(
            latitude__range=(offer.latitude - lat_delta, offer.latitude + lat_delta),
            longitude__range=(offer.longitude - lon_delta, offer.longitude + lon_delta),
        )
        .with_distance(offer.latitude, offer.longitude)
        .filter(distance_km__lte=radius_km)
        .select_related("environment", "municipality", "grade_from", "grade_to")
        .defer("search_vector", "description", "preparation_material", "follow_up_material")
        .order_by("distance_km", "pk")[:limit]
    )
