"""The one place the open-data API talks to the offer search.

The API's offer list answers from the same selector as ``/tilbud/`` (``offers.search.search_offers``),
so counts, order and paging agree with the HTML page. The selector forgives bad input (it drops the bad
part and adds a notice); an API should say what was wrong instead, so ``run_search`` compares what it
was given with what the selector kept and reports each dropped parameter by name.

The search lives in the ``offers.search`` package; only this module imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, QueryDict

from municipalities.models import MunicipalHomePage
from municipalities.selectors import SCOPE_MUNICIPALITY, SCOPES, offers_for_scope
from offers.models import OfferPage
from offers.search import OfferSearchResult, search_offers
from offers.search.index import search_version
from offers.search.params import MULTI_PARAMS, SINGLE_PARAMS

# The parameters of /tilbud/ that make sense for an API (``visning``, the map or list view, does not).
SEARCH_PARAMS: tuple[str, ...] = tuple(name for name in [*SINGLE_PARAMS, *MULTI_PARAMS] if name != "visning")
FACETS_PARAM = "facetter"
# Scopes: a kommune site's search (as on the kommune's own /tilbud/ page) and one learning environment.
MUNICIPAL_SITE_PARAM, SCOPE_PARAM, ENVIRONMENT_PARAM = "kommunesite", "omraade", "laeringsmiljoe"
API_ONLY_PARAMS: tuple[str, ...] = (FACETS_PARAM, MUNICIPAL_SITE_PARAM, SCOPE_PARAM, ENVIRONMENT_PARAM)


@dataclass
class ParamProblem:
    name: str
    reason: str


@dataclass
class SearchOutcome:
    result: OfferSearchResult
    problems: list[ParamProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # said but not an error (e.g. only stop words)

    @property
    def offers(self) -> list[OfferPage]:
        return self.result.offers


def data_version() -> int:
    """A number that moves whenever any offer's search data changes (the search's own cache version)."""
    return search_version()


def _given(params: QueryDict, name: str) -> list[str]:
    values = [value for value in params.getlist(name) if value.strip()]
    return list(dict.fromkeys(values))


def run_search(params: QueryDict, *, request: HttpRequest | None = None) -> SearchOutcome:
    """Run the offer search as /tilbud/ does and name every parameter it could not use."""
    problems: list[ParamProblem] = []
    for name in params:
        if name not in SEARCH_PARAMS and name not in API_ONLY_PARAMS:
            problems.append(ParamProblem(name, f"Ukendt parameter »{name}«."))
    search_params = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        if name in params:
            search_params.setlist(name, params.getlist(name))
    base_queryset, scope_problems = _scope(params)
    problems.extend(scope_problems)
    result = search_offers(search_params, request=request, base_queryset=base_queryset)
    kept = result.params
    dropped: list[str] = []
    for name in SEARCH_PARAMS:
        given = _given(search_params, name)
        if not given:
            continue
        if len(given) > 1 and name in SINGLE_PARAMS:
            problems.append(ParamProblem(name, f"Parameteren »{name}« må kun angives én gang."))
            continue
        if name == "sortering" and given[-1] == result.sort:
            continue  # the default sort needs no parameter: the selector drops it, nothing was wrong
        if name == "q":
            typed = " ".join(given[-1].split())
            # A misspelling the search corrected (``result.corrected_from``) was used, not dropped.
            if typed not in (kept.get("q", ""), result.corrected_from):
                dropped.append(name)
            continue
        if name == "side" and kept.get("side"):
            if int(kept["side"]) > result.page_obj.paginator.num_pages:
                problems.append(
                    ParamProblem(name, f"Der er kun {result.page_obj.paginator.num_pages} sider med dette resultat.")
                )
            continue
        if given != kept.getlist(name):
            dropped.append(name)
    notices = list(result.notices)
    for name in dropped:
        label = str(result.filterset.filters[name].label) if name in result.filterset.filters else name
        reasons = [notice for notice in notices if label in notice or f"»{name}«" in notice]
        problems.append(ParamProblem(name, " ".join(reasons) or f"Værdien af »{name}« kan ikke bruges."))
        for reason in reasons:
            notices.remove(reason)
    if any(problem.name == "side" for problem in problems):
        notices = [notice for notice in notices if "sider" not in notice]
    return SearchOutcome(result=result, problems=problems, notices=notices if not problems else [])


def _scope(params: QueryDict) -> tuple[Any, list[ParamProblem]]:
    """The base queryset named by ``kommunesite`` (+ ``omraade``) or ``laeringsmiljoe``, if any."""
    problems: list[ParamProblem] = []
    base = None
    site_slug = params.get(MUNICIPAL_SITE_PARAM, "").strip()
    scope = params.get(SCOPE_PARAM, "").strip() or SCOPE_MUNICIPALITY
    if params.get(SCOPE_PARAM) and not site_slug:
        problems.append(ParamProblem(SCOPE_PARAM, "»omraade« kan kun bruges sammen med »kommunesite«."))
    if site_slug:
        home = (
            MunicipalHomePage.objects.live()
            .filter(municipality__slug=site_slug, municipality__municipal_site__isnull=False)
            .select_related("municipality")
            .first()
        )
        if home is None:
            problems.append(
                ParamProblem(MUNICIPAL_SITE_PARAM, f"Der er intet kommunesite med navnet »{site_slug[:60]}«.")
            )
        elif scope not in SCOPES:
            problems.append(ParamProblem(SCOPE_PARAM, f"»omraade« skal være en af: {', '.join(SCOPES)}."))
        else:
            base = offers_for_scope(home=home, scope=scope)
    environment = params.get(ENVIRONMENT_PARAM, "").strip()
    if environment:
        if site_slug:
            problems.append(ParamProblem(ENVIRONMENT_PARAM, "»laeringsmiljoe« kan ikke kombineres med »kommunesite«."))
        elif not environment.isdigit() or len(environment) > 12:
            problems.append(ParamProblem(ENVIRONMENT_PARAM, "»laeringsmiljoe« skal være et læringsmiljøs id (et tal)."))
        else:
            base = OfferPage.objects.live().public().filter(environment_id=int(environment))
    return base, problems


def facet_counts(result: OfferSearchResult) -> list[dict[str, Any]]:
    """The facets with a count per option, computed with the other active filters applied (as on /tilbud/)."""
    return [
        {
            "parameter": facet.name,
            "label": facet.label,
            "options": [
                {"value": option.value, "label": str(option.label), "count": option.count, "selected": option.selected}
                for option in facet.options
            ],
        }
        for facet in result.facets
    ]


def run_scoped_search(params: dict[str, str], *, base_queryset, page_size: int) -> OfferSearchResult:
    """The search with fixed, known-good parameters inside a scope (the widgets)."""
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if value:
            query[name] = value
    return search_offers(query, base_queryset=base_queryset, page_size=page_size)
