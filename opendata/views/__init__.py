"""The public read API, /api/v1/. Only live, public content; every answer JSON, every error a problem.

Each view is a thin DRF view over a selector: the offer list over the same search as /tilbud/ (through
``opendata.search_adapter``), everything else over plain querysets. ``ApiView`` adds what every answer
shares: an ETag (a hash of the body) and Last-Modified with 304 answers, the rate-limit headers and a
short public cache lifetime.

A package: ``base`` (the shared view), ``offers``, ``places`` (environments, kommunesites) and ``reference``
(reference data and the root). Every name is re-exported here (``opendata.views.X``, the URLconf).
"""

from .base import CACHE_SECONDS, PROBLEM_RESPONSES, TRUE_VALUES, ApiView, _offers_changed_at, offers_changed_at
from .offers import SEARCH_PARAMETERS, OfferDetailView, OfferListView, live_offers
from .places import EnvironmentDetailView, EnvironmentListView, MunicipalSiteListView, _int_param, live_environments
from .reference import (
    ApiRootView,
    ChoiceListSerializer,
    environment_types,
    formats,
    grades,
    municipalities,
    reference_view,
    regions,
    sdgs,
    subject_areas,
    subjects,
    target_groups,
)

__all__ = [
    "CACHE_SECONDS",
    "PROBLEM_RESPONSES",
    "TRUE_VALUES",
    "ApiView",
    "offers_changed_at",
    "_offers_changed_at",
    "SEARCH_PARAMETERS",
    "OfferListView",
    "live_offers",
    "OfferDetailView",
    "live_environments",
    "EnvironmentListView",
    "_int_param",
    "EnvironmentDetailView",
    "MunicipalSiteListView",
    "reference_view",
    "ChoiceListSerializer",
    "target_groups",
    "grades",
    "subjects",
    "subject_areas",
    "sdgs",
    "formats",
    "environment_types",
    "municipalities",
    "regions",
    "ApiRootView",
]
