"""The offer search: ``search_offers()`` is the one entry point.

Usage (the national /tilbud/ page and the kommune sites)::

    result = search_offers(request.GET, request=request)                     # the whole country
    result = search_offers(request.GET, request=request,
                           base_queryset=OfferPage.objects.live().available_to_municipality(kommune))

``base_queryset`` scopes the search (an ``OfferPage`` queryset; filters, counts, "loosen" hints and
the map all stay inside it; ``None`` means every live, public offer, the fastest path). The result
carries the FilterSet (``result.filterset``; its ``qs`` is the filtered queryset of search rows), one
page of offers (``result.offers``: OfferPage objects with ``distance_km`` and
``search_subject_names``), the total, the facets with a count per option, notices about ignored
input, "loosen" hints when nothing matched and a "did you mean" suggestion for a misspelt word.

Cost per request is a fixed number of queries whatever the page size or result count: reference
data (6), view restrictions (1), the postcode (≤1), all facet counts and totals in one statement (1,
or none from the cache, offers.search.counting), the page's ids (1) and its offers (1, made only when a
card is not cached or ``result.offers`` is read: offers.search.cards), and only when
nothing matched the "loosen" totals (1) and the suggestion (≤2); the map view adds two.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

from geography.geo import haversine_km
from offers.models import OfferPage, OfferSearchRow

from .chips import active_filters
from .counting import other_totals, run_facets, term_counts
from .facets import FACETS
from .filters import OfferFilterSet
from .params import clean_params
from .ranking import SORT_CHOICES, SORT_DISTANCE, SORT_NEWEST, SORT_RELEVANCE, order_rows, title_leads
from .reference import SearchReference
from .result import VIEW_LIST, VIEW_MAP, Facet, FacetOption, Loosen, OfferSearchResult
from .rows import MAP_LIMIT, OfferPageSequence, map_points, search_rows
from .spelling import cached_suggestion

# The result's types and the rows live in their own modules; their old names stay importable from here.
__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAP_LIMIT",
    "PAGE_SIZES",
    "Facet",
    "FacetOption",
    "Loosen",
    "OfferPageSequence",
    "OfferSearchResult",
    "search_offers",
    "search_rows",
]

PAGE_SIZES = (10, 20, 50, 100)
DEFAULT_PAGE_SIZE = 20
ENOUGH_MATCHES = 10  # offers with every word: fewer, and the search shows the offers with the most words


def search_offers(
    params: QueryDict,
    *,
    request: HttpRequest | None = None,
    base_queryset: QuerySet[OfferPage] | QuerySet[OfferSearchRow] | None = None,
    page_size: int | None = None,
    preserved_params: Iterable[str] = (),
    filterset_class: type[OfferFilterSet] = OfferFilterSet,
    corrected_from: str = "",
) -> OfferSearchResult:
    """Search live, public offers (or ``base_queryset``) with the query-string ``params``.

    ``preserved_params`` names parameters of the caller (e.g. a kommune site's scope) that every link
    and form of the search must carry along. Never raises for bad input: the bad part is ignored and
    described in ``result.notices``. When the text finds nothing and a spelling correction from the
    live offers' vocabulary does, the corrected search is returned (``corrected_from`` is the typed text).
    """
    reference = SearchReference.load()
    clean, notices = clean_params(params, reference, filterset_class)
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
    parsed = filterset.parsed_text(text) if text else None
    if parsed is not None and parsed.is_empty:
        notices.append(_("Søgningen bestod kun af meget almindelige ord og blev ignoreret."))
    # Several words: all of them when that finds enough, else the offers with the most of them.
    partial, missing_words = False, []
    if parsed is not None and len(parsed.partial_terms()) > 1:
        every, per_unit = term_counts(filterset, text)
        if every < ENOUGH_MATCHES and max(per_unit) > every:
            partial = filterset.partial_text = True
            start = 0
            for term in parsed.terms:  # a typed word is missing when none of its parts is found
                end = start + len(term.partial_queries)
                if not any(per_unit[start:end]):
                    missing_words.append(term.word)
                start = end
    query = None
    if parsed is not None:
        query = parsed.any_word() if partial else parsed.all_words()

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
        ("" if value == default_sort else value, str(label), value == sort)
        for value, label in SORT_CHOICES
        if (value != SORT_RELEVANCE or query is not None) and (value != SORT_DISTANCE or origin)
    ]

    size = page_size or DEFAULT_PAGE_SIZE
    if clean.get("antal"):
        try:
            requested = int(str(clean["antal"]))
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
    selected_keys = {}
    for definition in FACETS:
        values = set(cleaned.get(definition.name) or [])
        if values:
            keys = {key for value, _label, key in definition.options(reference) if value in values}
            selected_keys[definition.name] = frozenset(keys)
    total, totals, counts = run_facets(filterset, reference, active_facets, selected_keys)

    # The page of offers: the ids from the narrow rows, then the pages; two queries, whatever the size.
    relevance: dict[str, Any] = {  # the keys order_rows ranks by, after the title
        "terms": parsed.partial_terms() if partial and parsed else None,
        "phrase": parsed.phrase() if parsed else None,
        "subject_ids": parsed.subject_ids if parsed else None,
    }

    def in_order(rows: QuerySet[OfferSearchRow], *, titles_only: bool = False) -> QuerySet[OfferSearchRow]:
        if origin is not None:
            rows = rows.annotate(distance_km=haversine_km(origin.latitude, origin.longitude, "latitude", "longitude"))
        return order_rows(rows, sort, query, titles_only=titles_only, **relevance)

    ordered = in_order(filterset.qs)
    # The lazy sequence has what the Paginator uses (len, count, slicing), not the whole Sequence protocol.
    paginator: Paginator[OfferPage] = Paginator(
        cast(
            Any,
            OfferPageSequence(
                ordered,
                total,
                with_distance=origin is not None,
                subject_names=reference.subject_names,
                leading=in_order(filterset.title_rows(), titles_only=True)
                if title_leads(sort, query, **relevance)
                else None,
            ),
        ),
        size,
    )
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

    facets = []
    for definition in FACETS:
        name = definition.name
        selected = set(cleaned.get(name) or [])
        facet_counts = counts.get(name, {})
        options = [
            FacetOption(
                value=value,
                label=label,
                count=facet_counts.get(key, 0),
                selected=value in selected,
                html_id=f"f-{name}-{key}",
            )
            for value, label, key in definition.options(reference)
        ]
        if definition.hide_empty:
            options = [option for option in options if option.count or option.selected]
        facets.append(Facet(name=name, label=str(definition.label), options=options, definition=definition))

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
        understood=list(parsed.understood) if parsed else [],
        partial=partial,
        missing_words=missing_words,
        corrected_from=corrected_from,
        request=request,
    )
    result.active_filters = active_filters(result, reference, cleaned)

    if total == 0:
        others = [name for name in filterset.OTHER_FILTERS if cleaned.get(name) not in (None, "", [])]
        if "afstand" in others and origin is None:
            others.remove("afstand")
        other_counts = other_totals(filterset, others)
        loosen = []
        for name in active_facets + others:
            count = totals.get(name, other_counts.get(name, 0))
            if count:
                drop = [name] + (["maks_pris"] if name == "pris" else [])
                loosen.append(Loosen(name, str(filterset.filters[name].label), count, result.url(drop=drop)))
        result.loosen = sorted(loosen, key=lambda item: -item.count)
        if parsed is not None and parsed.understood and parsed.terms and not corrected_from:
            # "programmering for indskoling": nothing for those grades (or that SDG); the words alone.
            relaxed = params.copy()
            relaxed.setlist("q", [" ".join(term.word for term in parsed.terms)])
            retry = search_offers(
                relaxed,
                request=request,
                base_queryset=base_queryset,
                page_size=page_size,
                preserved_params=preserved_params,
                filterset_class=filterset_class,
                corrected_from=text,
            )
            if retry.total:
                retry.relaxed = list(parsed.understood)
                return retry
        if text and not corrected_from:
            # A misspelling: search the closest words of live offers' vocabulary instead, and say so.
            suggestion = cached_suggestion(text)
            if suggestion and suggestion != text.lower():
                corrected = params.copy()
                corrected.setlist("q", [suggestion])
                retry = search_offers(
                    corrected,
                    request=request,
                    base_queryset=base_queryset,
                    page_size=page_size,
                    preserved_params=preserved_params,
                    filterset_class=filterset_class,
                    corrected_from=text,
                )
                if retry.total:
                    return retry
    elif text and missing_words and not corrected_from:
        suggestion = cached_suggestion(" ".join(missing_words))
        if suggestion and suggestion != " ".join(missing_words):
            fixed = " ".join(dict(zip(missing_words, suggestion.split(), strict=False)).get(w, w) for w in text.split())
            result.did_you_mean = (fixed, result.url(q=fixed))

    if view == VIEW_MAP and total:
        result.map_points = map_points(ordered, request)
    return result
