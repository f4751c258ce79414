"""Facet counts: one SQL statement, one pass over the matching rows, cached until any offer changes.

The base with all filters is grouped by kommune (the kommune and region counts) and counts every
other option with an integer mask on the row's ``facet_words`` (layout by the facet registry), in the
same pass. Each active facet needs its own base (all filters but its own), counted the same way for
its options only. The words are unpacked once per row (``OFFSET 0`` keeps PostgreSQL from repeating
the array subscript in every count), so counting costs the same as with plain bigint columns.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet

from .facets import FACETS, FACETS_BY_NAME, GROUP_MUNICIPALITY, WORD_BITS, bit_layout, option_bits
from .filters import OfferFilterSet
from .index import cached_by_search_version
from .reference import SearchReference


def _condition(positions: list[int]) -> str:
    """SQL: the row has any of the bits. Masks are integers computed from reference data, never user input."""
    masks: dict[int, int] = {}
    for position in positions:
        word, offset = divmod(position, WORD_BITS)
        masks[word] = masks.get(word, 0) | (1 << offset)
    if not masks:
        return "FALSE"
    return " OR ".join(f"(w{word} & {mask}::bigint) <> 0" for word, mask in sorted(masks.items()))


def _facet_aggregates(
    reference: SearchReference, name: str, selected: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """(option key, SQL condition) for each option of a facet counted with bit masks.

    Every count says what a click on the option gives. Options of one facet combine with OR, so in
    a facet with selected options an unselected option counts the rows with any selected option or
    this one, and a selected option the rows left without it (all rows of the base when it is the
    only one).
    """
    facet = FACETS_BY_NAME[name]
    if facet.group is not None:
        return []  # kommune and region: counted by grouping on the municipality (see run_facets)
    bits = option_bits(reference, facet)
    if not selected:
        return [(key, _condition(positions)) for key, positions in bits.items()]
    aggregates = []
    for key in bits:
        keys = (selected - {key}) if key in selected else (selected | {key})
        aggregates.append((key, _condition([p for k in keys for p in bits.get(k, [])]) if keys else "TRUE"))
    return aggregates


def facet_statement(
    filterset: OfferFilterSet,
    reference: SearchReference,
    active_facets: list[str],
    selected: dict[str, frozenset[str]] | None = None,
) -> tuple[str, list[Any], dict[str, list[tuple[str, str]]]]:
    """One SQL statement for every facet's counts and the totals: one pass over each base.

    Rows come back as (base, municipality id, array of counts: [total, option 1, option 2, ...]).
    """
    parts: list[str] = []
    params: list[Any] = []
    layout: dict[str, list[tuple[str, str]]] = {}
    words = max(1, -(-len(bit_layout(reference)) // WORD_BITS))
    unpack = ", ".join(f"coalesce(facet_words[{word + 1}], 0) AS w{word}" for word in range(words))

    def add(key: str, queryset: QuerySet, names: list[str], by_municipality: bool) -> None:
        sql, query_params = queryset.order_by().values("municipality_id", "facet_words").query.sql_with_params()
        aggregates = [
            (name, option, condition)
            for name in names
            for option, condition in _facet_aggregates(reference, name, (selected or {}).get(name, frozenset()))
        ]
        options = [(name, option) for name, option, _condition in aggregates]
        conditions = [condition for _name, _option, condition in aggregates]
        counts = ", ".join(["count(*)"] + [f"count(*) FILTER (WHERE {condition})" for condition in conditions])
        group = "municipality_id" if by_municipality else "NULL::bigint"
        tail = " GROUP BY municipality_id" if by_municipality else ""
        parts.append(
            f"SELECT %s::text, {group}, ARRAY[{counts}]::bigint[]"
            f" FROM (SELECT municipality_id, {unpack} FROM ({sql}) AS r OFFSET 0) AS b{tail}"
        )
        params.extend([key, *query_params])
        layout[key] = options

    add("*", filterset.qs, [facet.name for facet in FACETS if facet.name not in active_facets], True)
    for name in active_facets:
        add(name, filterset.queryset_without(name), [name], FACETS_BY_NAME[name].group == GROUP_MUNICIPALITY)
    return " UNION ALL ".join(parts), params, layout


T = TypeVar("T")


def _cached(
    filterset: OfferFilterSet, reference: SearchReference, kind: str, count: Callable[[], T], *parts: object
) -> T:
    """A counting statement's result, kept under the search version and what it counts: the filtered rows
    (``OfferFilterSet.rows_key``), the facets' bit layout and ``parts``. Keyed by its inputs, not by the statement,
    so a hit never builds the statement (its querysets, the distance's expressions) nor compiles it."""
    if not getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300):
        return count()  # no key to compute
    if "layout_digest" not in reference.derived:
        reference.derived["layout_digest"] = _digest(repr(sorted(bit_layout(reference).items())))
    key = "\x1f".join([filterset.rows_key(), reference.derived["layout_digest"], *map(str, parts)])
    return cached_by_search_version(f"offers:{kind}", count, _digest(key))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


FacetCounts = tuple[int, dict[str, int], dict[str, dict[str, int]]]


def run_facets(
    filterset: OfferFilterSet,
    reference: SearchReference,
    active_facets: list[str],
    selected: dict[str, frozenset[str]] | None = None,
) -> FacetCounts:
    """(total, total per base, counts per facet and option key): each count is what a click gives.

    Cached for OFFER_SEARCH_CACHE_SECONDS under the search version, as the counts themselves (adding the
    statement's per-kommune rows up took longer than the cache round trip). Any change to an offer's search
    data bumps the version (after its commit), so a cached count is never older than the data; 0 seconds
    turns the cache off (the tests, and cold benchmarks).
    """
    selected = selected or {}

    def count() -> FacetCounts:
        sql, params, layout = facet_statement(filterset, reference, active_facets, selected)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return _tally(cursor.fetchall(), layout, reference, active_facets, selected)

    # What the statement counts follows from the rows' key: the active facets and their selected options are
    # cleaned filter values.
    return _cached(filterset, reference, "facet-counts", count)


def _tally(
    rows: list[tuple],
    layout: dict[str, list[tuple[str, str]]],
    reference: SearchReference,
    active_facets: list[str],
    selected: dict[str, frozenset[str]],
) -> FacetCounts:
    """The statement's rows (base, municipality id, [total, option counts …]) added up per facet option."""
    region_of = {m.pk: m.region.pk for m in reference.municipalities}
    totals: dict[str, int] = {}
    counts: dict[str, dict[str, int]] = {}
    for base, municipality_id, values in rows:
        totals[base] = totals.get(base, 0) + values[0]
        facet_layout = layout[base]
        for (name, option), value in zip(facet_layout, values[1:], strict=True):
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
    for name in ("kommune", "region"):
        chosen = selected.get(name)
        if name in active_facets and chosen:
            counts[name] = _grouped_after_click(counts.get(name, {}), chosen, totals.get(name, 0))
    return totals.get("*", 0), totals, counts


def _grouped_after_click(own: dict[str, int], chosen: frozenset[str], base_total: int) -> dict[str, int]:
    """Kommune or region counts as what a click gives: an offer has one of each, so counts add up."""
    chosen_total = sum(own.get(key, 0) for key in chosen)
    after = {}
    for key in own.keys() | chosen:
        count = own.get(key, 0)
        if key not in chosen:
            after[key] = chosen_total + count
        else:  # unselecting the only option removes the facet: the whole base
            after[key] = base_total if len(chosen) == 1 else chosen_total - count
    return after


def other_totals(filterset: OfferFilterSet, names: list[str]) -> dict[str, int]:
    """Totals with each of the given non-facet filters removed, in one statement (cached as the facets)."""
    if not names:
        return {}

    def count() -> dict[str, int]:
        parts, params = [], []
        for name in names:
            sql, query_params = filterset.queryset_without(name).order_by().values("pk").query.sql_with_params()
            parts.append(f"(SELECT count(*) FROM ({sql}) AS s)")
            params.extend(query_params)
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts), params)
            return dict(zip(names, cursor.fetchone(), strict=True))

    # Cached like the facet counts (each total is a pass over the rows: ~140 ms at 100,000 offers).
    return _cached(filterset, filterset.reference, "loosen-totals", count, *names)


def term_counts(filterset: OfferFilterSet, text: str) -> tuple[int, list[int]]:
    """(offers with every word, offers with each word or compound part) under the other filters, in one statement."""

    def count() -> tuple[int, list[int]]:
        parsed = filterset.parsed_text(text)
        rows = filterset.queryset_without("q").filter(filterset.text_q(text, partial=True))
        aggregates = {"every": Count("pk", filter=Q(search_vector=parsed.all_words()))}
        partial = parsed.partial_terms()
        for number, query in enumerate(partial):
            aggregates[f"t{number}"] = Count("pk", filter=Q(search_vector=query))
        counts = rows.order_by().aggregate(**aggregates)
        return counts["every"], [counts[f"t{number}"] for number in range(len(partial))]

    # Cached like the facet counts: a pass over every row with any of the words, on each multi-word search.
    return _cached(filterset, filterset.reference, "term-counts", count, text)
