"""The facet registry: every search facet defined once.

A facet is the URL parameter a teacher sees (``?fag=historie``), its label, its options (value in the
URL, label, key in the counts), how it filters the search rows, how its options are counted and the
label of its chip. The FilterSet (offers.search.filters), the counting statement
(offers.search.counting), the index refresh (offers.search.index) and the page all read ``FACETS``.

Adding a facet is one ``FacetDefinition`` in ``FACETS`` (plus, when it reads a new column, that
column on ``OfferSearchRow`` and its migration), then ``manage.py refresh_offer_search``.

Counting: ``keys_sql`` is an SQL expression over an ``offers_offerpage`` row ``o`` that gives the
row's option keys as ``text[]``. The refresh turns every (facet, key) into one bit of the row's
``facet_words`` (a ``bigint[]``, 63 bits per word, as many words as the options need), so the counts
stay one pass over the matching rows with an integer mask per option, and there is no fixed limit
on the number of options. Facets counted by ``group="municipality"`` (kommune, region) are counted
by grouping that pass on the kommune instead; ``bits_of`` reuses another facet's bits (a target
group is the union of its grades).

Within a facet, options combine with OR (``filter`` gets every selected value; accessibility too);
facets combine with AND. Every option's count is what a click on it gives (offers.search.counting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from curriculum.models import Grade
from offers.fields import MONTH_CHOICES
from offers.models import OfferFormat, OfferLanguage

if TYPE_CHECKING:
    from .reference import SearchReference

PRICE_FREE = "gratis"
ACCESS_STEP_FREE, ACCESS_SPECIAL_NEEDS = "niveaufri", "saerlige-behov"
ACCESS_CHOICES = [
    (ACCESS_STEP_FREE, _("Niveaufri adgang (kørestol)")),
    (ACCESS_SPECIAL_NEEDS, _("Tilpasset elever med særlige behov")),
]
GROUP_MUNICIPALITY = "municipality"

# An offer's months that are still ahead: the next occurrence of the month (this month counts) overlaps
# its period, when it has one. Over ``offers_offerpage o``; refreshed daily (offers.tasks).
_NEXT_OCCURRENCE = (
    "make_date(extract(year FROM current_date)::int + (m < extract(month FROM current_date))::int, m::int, 1)"
)
UPCOMING_MONTHS_SQL = (
    "ARRAY(SELECT m FROM unnest(o.months) AS m WHERE m BETWEEN 1 AND 12"
    f" AND (o.period_end IS NULL OR o.period_end >= {_NEXT_OCCURRENCE})"
    f" AND (o.period_start IS NULL OR o.period_start < {_NEXT_OCCURRENCE} + interval '1 month'))"
)

Option = tuple[str, str, str]  # (value in the URL, label, key in the counts)


@dataclass(frozen=True)
class FacetDefinition:
    name: str  # the URL parameter
    label: Any  # a lazy Danish label
    options: Callable[[SearchReference], list[Option]]
    # filter(queryset, selected values, reference): the rows matching ANY of the values
    filter: Callable[[QuerySet, list[str], SearchReference], QuerySet]
    keys_sql: str | None = None  # the row's option keys (text[]) over offers_offerpage ``o``
    group: str | None = None  # counted by grouping on this instead of bits
    bits_of: str | None = None  # counted with another facet's bits
    # bits_keys(reference): option key → the other facet's keys it stands for (with ``bits_of``)
    bits_keys: Callable[[SearchReference], dict[str, list[str]]] | None = None
    hide_empty: bool = False  # options without offers are not listed (unless selected)
    chip: Callable[[str, str], str] | None = None  # chip label from (facet label, option label)

    def chip_label(self, option_label: str) -> str:
        if self.chip is not None:
            return self.chip(str(self.label), option_label)
        return f"{self.label}: {option_label}"


# Options -------------------------------------------------------------------------------------------------


def _target_group_options(ref: SearchReference) -> list[Option]:
    return [(g.slug, g.name, g.slug) for g in ref.target_groups]


def _grade_options(ref: SearchReference) -> list[Option]:
    # Youth programmes share one level: the target group "Ungdomsuddannelse" stands for them.
    youth = Grade.POSITION_YOUTH_EDUCATION
    return [(g.slug, g.name, str(g.position)) for g in ref.grades if g.position < youth]


def _choices(choices) -> Callable[[SearchReference], list[Option]]:
    return lambda ref: [(str(value), str(label), str(value)) for value, label in choices]


# Filters (OR within the facet) ------------------------------------------------------------------------


def _filter_target_group(queryset: QuerySet, values: list[str], ref: SearchReference) -> QuerySet:
    q = Q()
    for slug in values:
        low, high = ref.target_group_ranges[slug]
        q |= Q(grade_min__lte=high, grade_max__gte=low)
    return queryset.filter(q)


def _filter_grade(queryset: QuerySet, values: list[str], ref: SearchReference) -> QuerySet:
    q = Q()
    for position in sorted({ref.grade_positions[slug] for slug in values}):
        q |= Q(grade_min__lte=position, grade_max__gte=position)
    return queryset.filter(q)


def _filter_accessibility(queryset: QuerySet, values: list[str], ref: SearchReference) -> QuerySet:
    q = Q()
    if ACCESS_STEP_FREE in values:
        q |= Q(step_free_access=True)
    if ACCESS_SPECIAL_NEEDS in values:
        q |= Q(special_needs_adapted=True)
    return queryset.filter(q)


def _target_group_bits(ref: SearchReference) -> dict[str, list[str]]:
    return {
        slug: [str(p) for p in range(max(low, 0), min(high, 13) + 1)]
        for slug, (low, high) in ref.target_group_ranges.items()
    }


FACETS: list[FacetDefinition] = [
    FacetDefinition(
        name="maalgruppe",
        label=_("Målgruppe"),
        options=_target_group_options,
        filter=_filter_target_group,
        bits_of="klassetrin",
        bits_keys=_target_group_bits,
    ),
    FacetDefinition(
        name="klassetrin",
        label=_("Klassetrin"),
        options=_grade_options,
        filter=_filter_grade,
        keys_sql=(
            "ARRAY(SELECT g::text FROM generate_series(greatest(o.grade_min, 0)::int, least(o.grade_max, 13)::int) g)"
        ),
    ),
    FacetDefinition(
        name="fag",
        label=_("Fag"),
        options=lambda ref: [(s.slug, s.name, str(s.pk)) for s in ref.subjects],
        filter=lambda qs, values, ref: qs.filter(subject_ids__overlap=[ref.subject_ids[v] for v in values]),
        keys_sql="o.subject_ids::text[]",
    ),
    FacetDefinition(
        name="fagomraade",
        label=_("Fagområde"),
        options=lambda ref: [(a.slug, a.name, str(a.pk)) for a in ref.subject_areas],
        filter=lambda qs, values, ref: qs.filter(subject_area_ids__overlap=[ref.subject_area_ids[v] for v in values]),
        keys_sql="o.subject_area_ids::text[]",
    ),
    FacetDefinition(
        name="form",
        label=_("Form"),
        options=_choices(OfferFormat.choices),
        filter=lambda qs, values, ref: qs.filter(formats__overlap=list(values)),
        keys_sql="o.formats::text[]",
    ),
    FacetDefinition(
        name="pris",
        label=_("Pris"),
        options=lambda ref: [(PRICE_FREE, str(_("Kun gratis tilbud")), PRICE_FREE)],
        filter=lambda qs, values, ref: qs.filter(is_free=True),
        keys_sql=f"CASE WHEN o.is_free THEN ARRAY['{PRICE_FREE}'] ELSE '{{}}'::text[] END",
        chip=lambda label, option: option,
    ),
    FacetDefinition(
        name="maaned",
        label=_("Måned"),
        options=lambda ref: [(str(n), str(label).capitalize(), str(n)) for n, label in MONTH_CHOICES],
        filter=lambda qs, values, ref: qs.filter(months__overlap=[int(month) for month in values]),
        keys_sql=f"{UPCOMING_MONTHS_SQL}::text[]",
    ),
    FacetDefinition(
        name="region",
        label=_("Region"),
        options=lambda ref: [(r.code, r.name, str(r.pk)) for r in ref.regions],
        filter=lambda qs, values, ref: qs.filter(region_id__in=[ref.region_ids[code] for code in values]),
        group=GROUP_MUNICIPALITY,
    ),
    FacetDefinition(
        name="kommune",
        label=_("Kommune"),
        options=lambda ref: [(m.slug, m.name, str(m.pk)) for m in ref.municipalities],
        filter=lambda qs, values, ref: qs.filter(municipality_id__in=[ref.municipality_ids[v] for v in values]),
        group=GROUP_MUNICIPALITY,
        hide_empty=True,
    ),
    FacetDefinition(
        name="miljoe",
        label=_("Type af læringsmiljø"),
        options=lambda ref: [(t.slug, t.name, str(t.pk)) for t in ref.environment_types],
        filter=lambda qs, values, ref: qs.filter(environment_type_id__in=[ref.environment_type_ids[v] for v in values]),
        keys_sql="ARRAY[o.environment_type_id::text]",
    ),
    FacetDefinition(
        name="verdensmaal",
        label=_("Verdensmål"),
        options=lambda ref: [(str(g.number), str(g), str(g.pk)) for g in ref.sdgs],
        filter=lambda qs, values, ref: qs.filter(sdg_ids__overlap=[ref.sdg_ids[v] for v in values]),
        keys_sql="o.sdg_ids::text[]",
    ),
    FacetDefinition(
        name="sprog",
        label=_("Sprog"),
        options=_choices(OfferLanguage.choices),
        filter=lambda qs, values, ref: qs.filter(languages__overlap=list(values)),
        keys_sql="o.languages::text[]",
    ),
    FacetDefinition(
        name="tilgaengelighed",
        label=_("Tilgængelighed"),
        options=_choices(ACCESS_CHOICES),
        filter=_filter_accessibility,
        keys_sql=(
            f"array_remove(ARRAY[CASE WHEN o.step_free_access THEN '{ACCESS_STEP_FREE}' END,"
            f" CASE WHEN o.special_needs_adapted THEN '{ACCESS_SPECIAL_NEEDS}' END], NULL)"
        ),
    ),
]
FACETS_BY_NAME: dict[str, FacetDefinition] = {facet.name: facet for facet in FACETS}
FACET_NAMES: list[str] = [facet.name for facet in FACETS]

WORD_BITS = 63  # bits used per bigint of facet_words (the sign bit is left alone)


def bit_layout(reference: SearchReference) -> dict[tuple[str, str], int]:
    """(facet name, option key) → bit position in ``facet_words``, for the facets counted by their own bits.

    Positions follow the registry's order and each facet's options; any change to the facets or the
    reference data needs a full refresh (``manage.py refresh_offer_search``), which the index does when
    it sees a different layout.
    """
    if "bit_layout" in reference.derived:
        return reference.derived["bit_layout"]
    layout: dict[tuple[str, str], int] = {}
    for facet in FACETS:
        if facet.keys_sql is None:
            continue
        keys = sorted({key for _value, _label, key in facet.options(reference)} | _extra_keys(facet, reference))
        for key in keys:
            layout[(facet.name, key)] = len(layout)
    reference.derived["bit_layout"] = layout
    return layout


def _extra_keys(facet: FacetDefinition, reference: SearchReference) -> set[str]:
    """Keys counted but not offered as options (grade positions of youth programmes)."""
    if facet.name == "klassetrin":
        return {str(position) for position in range(0, 14)}
    return set()


def facet_options(reference: SearchReference, name: str) -> list[Option]:
    """(value in the URL, label, key in the facet counts) for each option of a facet."""
    return FACETS_BY_NAME[name].options(reference)


def option_bits(reference: SearchReference, facet: FacetDefinition) -> dict[str, list[int]]:
    """Option key → the bit positions any of which the row must have to count for it."""
    layout = bit_layout(reference)
    if facet.bits_of is not None and facet.bits_keys is not None:
        return {
            key: [layout[(facet.bits_of, other)] for other in others if (facet.bits_of, other) in layout]
            for key, others in facet.bits_keys(reference).items()
        }
    return {key: [position] for (name, key), position in layout.items() if name == facet.name}
