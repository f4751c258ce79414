"""The offer search as a reusable view: the national /tilbud/ page and the kommune sites render it.

``render_offer_search(request, page=..., base_queryset=..., preserved_params=..., extra_context=...)``
returns the full page, or, for the page's own script (header ``X-Search-Partial: 1``), only the
search application fragment, so results update without a full reload.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

from .models import OfferPage
from .search import search_offers

PARTIAL_HEADER = "X-Search-Partial"
SEARCH_TEMPLATE = "offers/offer_search_page.html"
SEARCH_FRAGMENT_TEMPLATE = "offers/search/search_app.html"


def is_partial_request(request: HttpRequest) -> bool:
    return request.headers.get(PARTIAL_HEADER) == "1"


def render_offer_search(
    request: HttpRequest,
    *,
    page,
    base_queryset: QuerySet[OfferPage] | None = None,
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
