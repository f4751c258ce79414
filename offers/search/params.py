"""The search's URL state: cleaning the query string and building links from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from .facets import FACET_NAMES, FACETS_BY_NAME
from .filters import OfferFilterSet
from .reference import SearchReference
from .text import MAX_QUERY_LENGTH

MAX_VALUES_PER_PARAM = 50
# Parameters that take one value; the facets take several.
SINGLE_PARAMS = [
    *["q", "maks_pris", "postnummer", "lat", "lon", "afstand"],
    *["sortering", "side", "antal", "visning"],
]
MULTI_PARAMS = FACET_NAMES


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


def clean_params(
    raw: QueryDict, reference: SearchReference, filterset_class: type[OfferFilterSet]
) -> tuple[QueryDict, list[str]]:
    """Normalise the query string: drop unknown values, repeats and overlong text, noting each."""
    notices: list[str] = []
    clean = QueryDict(mutable=True)
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
        allowed = _allowed_values(reference)[name]
        known = list(dict.fromkeys(value for value in values if value in allowed))[:MAX_VALUES_PER_PARAM]
        if len(known) < len([value for value in dict.fromkeys(values) if value]):
            label = filterset_class.base_filters[name].label
            notices.append(_("Ukendte værdier i filteret »%(label)s« blev ignoreret.") % {"label": label})
        if known:
            clean.setlist(name, known)
    return clean, notices


def _allowed_values(reference: SearchReference) -> dict[str, frozenset[str]]:
    """Each facet's option values (the choices OfferFilterSet gives its filters), kept with the reference data:
    reading them from a throwaway FilterSet built one (deep copies of every filter) on each request."""
    if "allowed_values" not in reference.derived:
        reference.derived["allowed_values"] = {
            name: frozenset(str(value) for value, _label, _key in FACETS_BY_NAME[name].options(reference))
            for name in MULTI_PARAMS
        }
    return reference.derived["allowed_values"]
