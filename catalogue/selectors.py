"""Which offers an edition selects, and how they are grouped into the catalogue's sections."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Max, Min, Q
from django.utils.translation import gettext as _

from curriculum.models import Grade, SubjectArea, TargetGroup
from offers.models import OfferPage, OfferQuerySet

from .models import CatalogueEdition

# Offers with no subject area go last, in a section of their own.
OTHER_SECTION_POSITION = 999


def running_in_school_year(queryset: OfferQuerySet, start_year: int) -> OfferQuerySet:
    """Offers that run in at least one month of the school year (1 August – 31 July).

    A month counts when the offer runs in that month (an empty month list means all year) and the
    offer's optional period overlaps that month; so an offer whose period ends in September but which
    only runs in May is left out.
    """
    terms = []
    for offset in range(12):
        month = (8 + offset - 1) % 12 + 1
        year = start_year if month >= 8 else start_year + 1
        first = datetime.date(year, month, 1)
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        terms.append(
            (Q(months__contains=[month]) | Q(months=[]))
            & (Q(period_start__isnull=True) | Q(period_start__lte=last))
            & (Q(period_end__isnull=True) | Q(period_end__gte=first))
        )
    return queryset.filter(reduce(or_, terms))


def _grade_span(target_groups) -> list[tuple[int, int]]:
    """The grade positions each target group spans."""
    spans = (
        Grade.objects.filter(target_group__in=target_groups)
        .values("target_group")
        .annotate(low=Min("position"), high=Max("position"))
    )
    return [(row["low"], row["high"]) for row in spans]


def offers_for_edition(edition: CatalogueEdition) -> OfferQuerySet:
    """The published offers an edition selects: its rules, plus manual includes, minus excludes."""
    base: OfferQuerySet = OfferPage.objects.live().public()
    selected = running_in_school_year(base, edition.school_year)
    if edition.municipality is not None:
        selected = selected.available_to_municipality(edition.municipality)
    target_groups = list(edition.target_groups.all())
    if target_groups:
        spans = _grade_span(target_groups)
        selected = selected.filter(
            reduce(or_, [Q(grade_min__lte=high, grade_max__gte=low) for low, high in spans], Q(pk__in=[]))
        )
    subject_areas = list(edition.subject_areas.all())
    if subject_areas:
        selected = selected.filter(subject_areas__in=subject_areas)
    regions = list(edition.regions.all())
    if regions:
        selected = selected.filter(municipality__region__in=regions)

    included = OfferPage.objects.filter(pk__in=edition.included_offers.values("pk")).live().public().values("pk")
    excluded = edition.excluded_offers.values("pk")
    # Offers whose environment missed the yearly confirmation round's deadline stay out until confirmed.
    return (
        base.filter(Q(pk__in=selected.values("pk")) | Q(pk__in=included))
        .exclude(pk__in=excluded)
        .exclude(confirmation_overdue=True)
    )


_DANISH_LAST = str.maketrans("æøå", "{|}")  # after z in ASCII


def danish_sort_key(text: str) -> str:
    """Sort Danish words with æ, ø, å after z (the database collation may not)."""
    return text.casefold().replace("aa", "å").translate(_DANISH_LAST)


@dataclass
class Group:
    key: str
    title: str
    offer_ids: list[int] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def offer_count(self) -> int:
        return sum(len(group.offer_ids) for group in self.groups)


def section_scheme(offer_ids: list[int]) -> list[Section]:
    """Sections by subject area (the catalogue's order), then by target group, offers by title.

    Each offer appears once: under its first subject area in catalogue order and under the target
    group of its lowest grade.
    """
    areas = {area.pk: area for area in SubjectArea.objects.all()}
    groups = {group.pk: group for group in TargetGroup.objects.all()}
    rows = (
        OfferPage.objects.filter(pk__in=offer_ids)
        .values("pk", "title", "grade_from__target_group")
        .annotate(first_area=Min("subject_areas__catalogue_position"))
    )
    area_by_position = {area.catalogue_position: area for area in areas.values() if area.catalogue_position}
    placed: dict[tuple[int, int], list[tuple[str, int]]] = {}
    for row in rows:
        position = row["first_area"] if row["first_area"] in area_by_position else OTHER_SECTION_POSITION
        placed.setdefault((position, row["grade_from__target_group"]), []).append((row["title"], row["pk"]))

    sections: dict[int, Section] = {}
    for (position, group_pk), entries in sorted(
        placed.items(), key=lambda item: (item[0][0], groups[item[0][1]].sort_order if item[0][1] in groups else 0)
    ):
        if position not in sections:
            area = area_by_position.get(position)
            sections[position] = Section(key=f"s{position}", title=area.name if area else _("Øvrige tilbud"), groups=[])
        group = groups.get(group_pk)
        entries.sort(key=lambda entry: (danish_sort_key(entry[0]), entry[1]))
        sections[position].groups.append(
            Group(
                key=f"s{position}-g{group_pk}",
                title=group.name if group else _("Andre målgrupper"),
                offer_ids=[pk for _title, pk in entries],
            )
        )
    return list(sections.values())
