"""What every API view shares: JSON and problem responses, caching with ETag/Last-Modified, the offers' change time."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiResponse
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import PageLogEntry

from offers.models import OfferPage

from ..search_adapter import ParamProblem, data_version

CACHE_SECONDS = 60
PROBLEM_RESPONSES = {
    400: OpenApiResponse(description="Ugyldige parametre (application/problem+json, RFC 9457)."),
    404: OpenApiResponse(description="Findes ikke (application/problem+json)."),
    429: OpenApiResponse(description="For mange forespørgsler fra din adresse (application/problem+json)."),
}
TRUE_VALUES = {"1", "true", "ja", "yes"}


class ApiView(APIView):
    renderer_classes = [JSONRenderer]
    last_modified: datetime | None = None
    allowed_params: tuple[str, ...] = ()

    def unknown_params(self, request) -> list:
        allowed = {*self.allowed_params, "format"}
        return [
            ParamProblem(name, f"Ukendt parameter »{name}«.") for name in request.query_params if name not in allowed
        ]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        rate = getattr(request, "rate_limit", None)
        headers = {}
        if rate is not None:
            headers["RateLimit-Limit"] = str(rate.limit)
            if rate.remaining is not None:
                headers["RateLimit-Remaining"] = str(rate.remaining)
            headers["RateLimit-Reset"] = str(rate.reset_in)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and isinstance(response, Response):
            response.render()
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            response["ETag"] = etag
            timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
            if timestamp is not None:
                response["Last-Modified"] = http_date(timestamp)
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
            patch_vary_headers(response, ["Accept"])
            conditional = get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
            if conditional is not response:
                for name in ("Cache-Control", "Vary", "ETag", "Last-Modified"):
                    if name in response:
                        conditional[name] = response[name]
                response = conditional
        for name, value in headers.items():
            response[name] = value
        return response


def offers_changed_at() -> datetime | None:
    """When any offer was last published, unpublished, moved or deleted (Last-Modified of the lists).

    Kept in the cache under the search version, which moves on every committed offer change.
    """
    if not settings.OFFER_SEARCH_CACHE_SECONDS:
        return _offers_changed_at()
    try:
        key = f"opendata:offers-changed:{data_version()}"
        found = cache.get(key)
        if found is None:
            found = _offers_changed_at() or False
            cache.set(key, found, settings.OFFER_SEARCH_CACHE_SECONDS)
        return found or None
    except Exception:  # the cache (Redis) is down: ask the database
        return _offers_changed_at()


def _offers_changed_at() -> datetime | None:
    published = OfferPage.objects.live().aggregate(latest=Max("last_published_at"))["latest"]
    logged = PageLogEntry.objects.aggregate(latest=Max("timestamp"))["latest"]
    moments = [moment for moment in (published, logged) if moment is not None]
    return max(moments) if moments else None
