"""Reads of offers outside the search (the search itself is the ``offers.search`` package)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.db.models import Value
from django.http import HttpRequest
from django.utils.safestring import SafeString

from skoletjenesten.collation import danish

from .models import LearningEnvironmentPage, OfferPage, OfferQuerySet
from .search.cards import render_cards
from .search.reference import SearchReference
from .search.rows import PageOffers


def offer_cards(rows: Iterable[int | tuple[int, float | None]], request: HttpRequest | None) -> list[SafeString]:
    """The offer cards (``components/offer_card.html``) of these live, public offers in order, each an id or an
    (id, distance) pair: the same cards as the search's, through its per-card cache (offers.search.cards), so a
    page whose cards are cached loads no offers and renders no card template."""
    pairs = [row if isinstance(row, tuple) else (row, None) for row in rows]
    if not pairs:
        return []
    return render_cards(PageOffers(pairs, SearchReference.load().subject_names), request)


def load_shown_relations(offer: OfferPage) -> None:
    """Set what an offer page shows of its relations without a lookup each (grades, kommune, environment type from
    the search's per-process reference data; the environment with its postcode in one query; subjects, subject
    areas and SDGs as prefetched: their ids from the relations in one query, their rows, and the target groups
    of the offer's grades, from the reference data). One join of all of them took longer to plan (2-12 ms) than to run.
    Only for a page as it is stored: a preview's unsaved relations must be left as they are (the caller checks)."""
    reference = SearchReference.load()
    grades = {grade.pk: grade for grade in reference.grades}
    for name in ("grade_from", "grade_to"):
        grade = grades.get(getattr(offer, f"{name}_id"))
        if grade is not None:
            setattr(offer, name, grade)
    municipality = next((m for m in reference.municipalities if m.pk == offer.municipality_id), None)
    if municipality is not None:
        offer.municipality = municipality
    if offer.environment_id:
        environment = LearningEnvironmentPage.objects.select_related("postcode").filter(pk=offer.environment_id).first()
        if environment is not None:
            kind = next((k for k in reference.environment_types if k.pk == environment.environment_type_id), None)
            if kind is not None:
                environment.environment_type = kind
            offer.environment = environment
    # The ids of all three relations in one query (the relations themselves, not the copies publishing makes
    # for the search, which a plain save() of an older instance can overwrite); the rows from the reference data.
    relations: dict[str, list[Any]] = {
        "subjects": reference.subjects,
        "subject_areas": reference.subject_areas,
        "sdgs": reference.sdgs,
    }
    linked: dict[str, set[int]] = {name: set() for name in relations}
    for name, pk in _relation_ids(offer, list(relations)):
        linked[name].add(pk)
    for name, rows in relations.items():
        _set_prefetched(offer, name, [row for row in rows if row.pk in linked[name]])  # in their model's order
    offer.__dict__["target_groups"] = [  # OfferPage.target_groups, a cached_property
        group
        for group in reference.target_groups
        if any(
            grade.target_group_id == group.pk and offer.grade_min <= grade.position <= offer.grade_max
            for grade in reference.grades
        )
    ]


def _relation_ids(offer: OfferPage, names: list[str]) -> list[tuple[str, int]]:
    """(relation name, related id) of the offer's many-to-many relations ``names``, as one UNION query."""
    queries = []
    for name in names:
        field = OfferPage._meta.get_field(name)
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        own = field.m2m_field_name()
        queries.append(
            through.objects.filter(**{own: offer.pk}).annotate(relation=Value(name)).values_list("relation", target)
        )
    first, *rest = queries
    return list(first.union(*rest, all=True))


def _set_prefetched(instance: OfferPage, name: str, objects: list) -> None:
    """Store ``objects`` as ``prefetch_related`` would: ``instance.<name>.all()`` then returns them unqueried."""
    queryset = getattr(instance, name).get_live_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    instance._prefetched_objects_cache = {**getattr(instance, "_prefetched_objects_cache", {}), name: queryset}


def shown_offers() -> OfferQuerySet:
    """Live offers without a login or password (``public()`` reads the view restrictions: one query each)."""
    return OfferPage.objects.live().public()


def offer_ids_of_environment(
    environment: LearningEnvironmentPage,
    *,
    exclude: OfferPage | None = None,
    limit: int | None = None,
    shown: OfferQuerySet | None = None,
) -> list[int]:
    """The ids of the environment's live, public offers (of ``shown``), by title (for ``offer_cards``)."""
    queryset = (shown_offers() if shown is None else shown).filter(environment=environment)
    queryset = queryset.order_by(danish("title"), "pk")
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    ids = queryset.values_list("pk", flat=True)
    return list(ids[:limit] if limit else ids)


def nearby_offer_rows(
    offer: OfferPage, *, radius_km: float = 50, limit: int = 4, shown: OfferQuerySet | None = None
) -> list[tuple[int, float]]:
    """(id, distance) of the ``limit`` nearest other environments' offers on the same subjects (or subject
    areas) within ``radius_km`` of the offer, nearest first (for ``offer_cards``).

    Looked for in growing circles (a tenth, a third, then all of the radius), stopping at the first that holds
    ``limit`` offers: those are then the nearest in the whole radius too. The 50 km box around a city holds
    ~15,000 of 100,000 offers, ~2,000 of them on the same subjects, each read and measured (20–30 ms, more under
    load); the 5 km box a hundredth of that.
    """
    if offer.latitude is None or offer.longitude is None:
        return []
    queryset = (shown_offers() if shown is None else shown).exclude(pk=offer.pk)
    if offer.environment_id:
        queryset = queryset.exclude(environment_id=offer.environment_id)
    if offer.subject_ids:
        queryset = queryset.filter(subject_ids__overlap=offer.subject_ids)
    elif offer.subject_area_ids:
        queryset = queryset.filter(subject_area_ids__overlap=offer.subject_area_ids)
    else:
        return []
    nearest: list[tuple[int, float]] = []
    for radius in (radius_km / 10, radius_km / 3, radius_km):
        lat_delta = radius / 111.0
        lon_delta = radius / (111.0 * max(math.cos(math.radians(offer.latitude)), 0.1))
        # Bare (id, distance) rows: sorting a thousand joined rows by distance took ~50 ms at 100,000 offers.
        nearest = list(
            queryset.filter(
                latitude__range=(offer.latitude - lat_delta, offer.latitude + lat_delta),
                longitude__range=(offer.longitude - lon_delta, offer.longitude + lon_delta),
            )
            .with_distance(offer.latitude, offer.longitude)
            .filter(distance_km__lte=radius)
            .order_by("distance_km", "pk")
            .values_list("pk", "distance_km")[:limit]
        )
        if len(nearest) >= limit:
            break
    return nearest
