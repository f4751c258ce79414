"""Counts searches and offer views from the responses that show them; nothing about the visitor is kept.

``process_template_response`` sees the context of the search page (``search``: an OfferSearchResult) and of
an offer page (``page``: an OfferPage), so no view needs to know about statistics. One pipelined Redis call
per counted response; other responses cost a dictionary lookup.
"""

from __future__ import annotations

import time

from municipalities.models import MunicipalSite
from offers.models import OfferPage
from offers.search import OfferSearchResult

from .counters import clean_key, field, record_many
from .models import UsageKind

_SITE_MAP: dict[int, int] = {}
_SITE_MAP_AT = 0.0
SITE_MAP_SECONDS = 60


def municipal_site_id(request) -> int | None:
    """The kommune site a request is on (its own host or /kommuner/<slug>/), from a per-process map."""
    global _SITE_MAP, _SITE_MAP_AT
    mirror = getattr(request, "municipal_mirror", None)
    if mirror is not None:
        return mirror.municipal_site.pk
    site = getattr(request, "_wagtail_site", None)
    if site is None:
        return None
    if time.monotonic() - _SITE_MAP_AT > SITE_MAP_SECONDS:
        _SITE_MAP = dict(MunicipalSite.objects.values_list("site_id", "pk"))
        _SITE_MAP_AT = time.monotonic()
    return _SITE_MAP.get(site.pk)


def search_fields(result: OfferSearchResult, site: int | None) -> list[str]:
    if result.page_obj.number > 1:
        return []  # paging through results is the same search
    words = clean_key(result.text)
    fields = [field(UsageKind.SEARCH, site=site, key=words)]
    if result.total == 0:
        fields.append(field(UsageKind.ZERO_RESULTS, site=site, key=words))
    for facet in result.facets:
        for option in facet.options:
            if option.selected:
                fields.append(field(UsageKind.FILTER, site=site, key=f"{facet.name}={option.value}"[:120]))
    return fields


class UsageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method != "GET":
            return response
        context = response.context_data or {}
        search = context.get("search")
        page = context.get("page")
        fields: list[str] = []
        if isinstance(search, OfferSearchResult):
            fields = search_fields(search, municipal_site_id(request))
        elif isinstance(page, OfferPage) and not request.GET.get("preview"):
            fields = [
                field(
                    UsageKind.OFFER_VIEW,
                    site=municipal_site_id(request),
                    offer=page.pk,
                    environment=page.environment_id,
                )
            ]
        if fields:
            record_many(fields)
            # The page cache (operations.pagecache) sends them again for every visitor it serves this page to.
            response.page_cache_replay = {"usage": fields}
        return response
