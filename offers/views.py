"""The offer search as a reusable view: the national /tilbud/ page and the kommune sites render it.

``render_offer_search(request, page=..., base_queryset=..., preserved_params=..., extra_context=...)``
returns the full page, or, for the page's own script (header ``X-Search-Partial: 1``), only the
search application fragment, so results update without a full reload. ``search_suggestions`` answers
the search box's suggestions as you type (JSON).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .models import OfferPage, OfferSearchRow
from .search import search_offers
from .search.suggestions import MAX_LENGTH as MAX_SUGGESTION_LENGTH
from .search.suggestions import suggest

PARTIAL_HEADER = "X-Search-Partial"
SEARCH_TEMPLATE = "offers/offer_search_page.html"
SEARCH_FRAGMENT_TEMPLATE = "offers/search/search_app.html"


def is_partial_request(request: HttpRequest) -> bool:
    return request.headers.get(PARTIAL_HEADER) == "1"


def render_offer_search(
    request: HttpRequest,
    *,
    page,
    base_queryset: QuerySet[OfferPage] | QuerySet[OfferSearchRow] | None = None,
    template: str = SEARCH_TEMPLATE,
    fragment_template: str = SEARCH_FRAGMENT_TEMPLATE,
    preserved_params: Iterable[str] = (),
    extra_context: dict[str, Any] | None = None,
) -> TemplateResponse:
    """Render the offer search for a Wagtail ``page`` (its URL is the form's action).

    A kommune site passes its scope as ``base_queryset``, the name of its scope parameter in
    ``preserved_params`` (carried by every link and the form) and anything its template needs in
    ``extra_context``; its template can extend ``offers/offer_search_page.html`` and fill the
    ``search_scope`` block.
    """
    result = search_offers(request.GET, request=request, base_queryset=base_queryset, preserved_params=preserved_params)
    context = {
        "page": page,
        "self": page,
        "request": request,
        "search": result,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        **(extra_context or {}),
    }
    partial = is_partial_request(request)
    response = TemplateResponse(request, fragment_template if partial else template, context)
    patch_vary_headers(response, [PARTIAL_HEADER])
    return response


SUGGESTION_ERRORS = {
    "missing": _("Angiv den tekst, der skal foreslås ud fra, i parameteren q."),
    "repeated": _("Angiv kun én tekst i parameteren q."),
    "too_long": _("Teksten må højst være %(max)s tegn.") % {"max": MAX_SUGGESTION_LENGTH},
    "invalid": _("Teksten indeholder tegn, der ikke kan søges på."),
}


@require_GET
def search_suggestions(request: HttpRequest) -> JsonResponse:
    """Suggestions as you type (``?q=sko``): offer titles, environments, subjects and kommuner, as JSON.

    Bad input (no ``q``, several, too long, control characters) answers 400 with a Danish ``error``.
    """
    values = request.GET.getlist("q")
    error = None
    if not values:
        error = "missing"
    elif len(values) > 1:
        error = "repeated"
    elif len(values[0]) > MAX_SUGGESTION_LENGTH:
        error = "too_long"
    elif any(ord(char) < 32 or 0xD800 <= ord(char) <= 0xDFFF for char in values[0]):
        error = "invalid"
    if error:
        return JsonResponse({"error": str(SUGGESTION_ERRORS[error])}, status=400)
    groups = suggest(values[0], request=request)
    response = JsonResponse(
        {
            "q": values[0],
            "count": sum(len(group.suggestions) for group in groups),
            "groups": [
                {
                    "kind": group.kind,
                    "label": group.label,
                    "suggestions": [item.as_json() for item in group.suggestions],
                }
                for group in groups
            ],
        }
    )
    patch_cache_control(response, public=True, max_age=60)
    return response
