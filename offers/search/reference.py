"""The reference data behind filter choices, facet labels and counting, loaded once per search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal
from geography.models import Municipality, Region
from offers.models import EnvironmentType
from skoletjenesten.collation import danish, danish_key
from skoletjenesten.process_cache import kept_in_process

REFERENCE_CACHE_SECONDS = 60


@dataclass(eq=False)
class SearchReference:
    """The reference data behind filter choices and facet labels, loaded once per search (6 queries)."""

    grades: list[Grade]
    subjects: list[Subject]
    subject_areas: list[SubjectArea]
    sdgs: list[SustainableDevelopmentGoal]
    municipalities: list[Municipality]
    environment_types: list[EnvironmentType]
    # Values derived from the reference data once (the facets' bit layout), kept with it.
    derived: dict[str, Any] = field(default_factory=dict, repr=False)
    # Lookups built from the lists above (__post_init__).
    target_groups: list[Any] = field(init=False, repr=False)
    target_group_ranges: dict[str, tuple[int, int]] = field(init=False, repr=False)
    grade_positions: dict[str, int] = field(init=False, repr=False)
    subject_ids: dict[str, int] = field(init=False, repr=False)
    subject_area_ids: dict[str, int] = field(init=False, repr=False)
    sdg_ids: dict[str, int] = field(init=False, repr=False)
    municipality_ids: dict[str, int] = field(init=False, repr=False)
    regions: list[Region] = field(init=False, repr=False)
    region_ids: dict[str, int] = field(init=False, repr=False)
    environment_type_ids: dict[str, int] = field(init=False, repr=False)
    subject_names: dict[int, str] = field(init=False, repr=False)
    sdg_names: dict[int, str] = field(init=False, repr=False)
    subject_words: dict[str, int] = field(init=False, repr=False)

    @classmethod
    def load(cls) -> SearchReference:
        """The reference data, kept per process for ``OFFER_SEARCH_REFERENCE_CACHE_SECONDS`` (default a minute;
        it rarely changes). Independent of the facet cache: with that off, a request still reads only its
        own counts, not six tables of reference rows (about a fifth of a search's time on a warm machine)."""
        seconds = getattr(settings, "OFFER_SEARCH_REFERENCE_CACHE_SECONDS", REFERENCE_CACHE_SECONDS)
        return kept_in_process("search-reference", cls._query, seconds=seconds)

    @classmethod
    def _query(cls) -> SearchReference:
        return cls(
            grades=list(Grade.objects.select_related("target_group").order_by("sort_order")),
            subjects=list(Subject.objects.order_by("sort_order", "name")),
            subject_areas=list(SubjectArea.objects.all()),
            sdgs=list(SustainableDevelopmentGoal.objects.all()),
            municipalities=list(Municipality.objects.select_related("region").order_by(danish("name"))),
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
        self.regions = sorted(regions.values(), key=lambda region: danish_key(region.name))
        self.region_ids = {region.code: region.pk for region in self.regions}
        self.environment_type_ids = {t.slug: t.pk for t in self.environment_types}
        self.subject_names = {subject.pk: subject.name for subject in self.subjects}
        self.sdg_names = {goal.number: goal.name for goal in self.sdgs}
        # Words that name a subject: its name, and each word of a name with a slash ("fysik", "kemi").
        self.subject_words = {}
        for subject in self.subjects:
            name = subject.name.lower()
            self.subject_words.setdefault(name, subject.pk)
            if "/" in name:
                for word in name.split("/"):
                    self.subject_words.setdefault(word.strip(), subject.pk)
