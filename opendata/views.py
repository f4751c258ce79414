"""The public read API, /api/v1/. Only live, public content; every answer JSON, every error a problem.

Each view is a thin DRF view over a selector: the offer list over the same search as /tilbud/ (through
``opendata.search_adapter``), everything else over plain querysets. ``ApiView`` adds what every answer
shares: an ETag (a hash of the body) and Last-Modified with 304 answers, the rate-limit headers and a
short public cache lifetime.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import PageLogEntry

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup
from geography.models import Municipality, Region
from municipalities.models import MunicipalSite
from offers.models import EnvironmentType, LearningEnvironmentPage, OfferLanguage, OfferPage

from . import serializers as s
from .problems import invalid_params_response
from .schema_org import JSONLDRenderer, offer_schema_org
from .search_adapter import API_ONLY_PARAMS, FACETS_PARAM, data_version, facet_counts, run_search

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
        from .search_adapter import ParamProblem

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


SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Fritekst (dansk, med bøjninger, synonymer og sammensatte ord)."),
    OpenApiParameter("maalgruppe", str, many=True, description="Målgruppe (slug, se /api/v1/target-groups/)."),
    OpenApiParameter("klassetrin", str, many=True, description="Klassetrin (slug, se /api/v1/grades/)."),
    OpenApiParameter("fag", str, many=True, description="Fag (slug, se /api/v1/subjects/)."),
    OpenApiParameter("fagomraade", str, many=True, description="Fagområde (slug, se /api/v1/subject-areas/)."),
    OpenApiParameter("verdensmaal", str, many=True, description="Verdensmål (nummer 1–17)."),
    OpenApiParameter("form", str, many=True, description="Form (se /api/v1/formats/)."),
    OpenApiParameter("pris", str, enum=["gratis"], description="Kun gratis tilbud."),
    OpenApiParameter("maks_pris", float, description="Højst denne pris i kr. (gratis tilbud med)."),
    OpenApiParameter("kommune", str, many=True, description="Kommune (slug, se /api/v1/kommuner/)."),
    OpenApiParameter("region", str, many=True, description="Region (regionskode, se /api/v1/regions/)."),
    OpenApiParameter("miljoe", str, many=True, description="Type af læringsmiljø (slug)."),
    OpenApiParameter("maaned", str, many=True, description="Måned, 1–12."),
    OpenApiParameter("sprog", str, many=True, enum=list(OfferLanguage.values), description="Sprog."),
    OpenApiParameter(
        "tilgaengelighed", str, many=True, enum=["niveaufri", "saerlige-behov"], description="Tilgængelighed."
    ),
    OpenApiParameter("postnummer", str, description="Dansk postnummer (fire cifre): søg ud fra stedet."),
    OpenApiParameter("lat", float, description="Breddegrad (i stedet for postnummer)."),
    OpenApiParameter("lon", float, description="Længdegrad (i stedet for postnummer)."),
    OpenApiParameter("afstand", str, enum=["5", "10", "25", "50", "100"], description="Højst så mange km væk."),
    OpenApiParameter(
        "sortering", str, enum=["relevans", "afstand", "nyeste", "titel"], description="Sortering (som på /tilbud/)."
    ),
    OpenApiParameter("side", int, description="Sidenummer fra 1."),
    OpenApiParameter("antal", int, enum=[10, 20, 50, 100], description="Tilbud pr. side (standard 20)."),
    OpenApiParameter(FACETS_PARAM, bool, description="Tag antal pr. filtervalg med (som filtrene på /tilbud/)."),
    OpenApiParameter("kommunesite", str, description="Kun et kommunesites tilbud (kommunens slug), som dets søgning."),
    OpenApiParameter(
        "omraade",
        str,
        enum=["kommune", "naboer", "hele-landet"],
        description="Kommunesitets område (standard kommune).",
    ),
    OpenApiParameter("laeringsmiljoe", int, description="Kun ét læringsmiljøs tilbud (dets id)."),
]


class OfferListView(ApiView):
    """Offers, as the search on /tilbud/ finds them: same parameters, same count, same order."""

    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        operation_id="offers_list",
        summary="Søg i tilbud",
        description=(
            "Parametrene er de samme som søgningen på /tilbud/ (og et kommunesites søgning med kommunesite); "
            "svaret har samme antal og rækkefølge. Ukendte parametre og værdier giver 400 med en forklaring."
        ),
        parameters=SEARCH_PARAMETERS,
        responses={200: s.OfferListSerializer, **PROBLEM_RESPONSES},
    )
    def get(self, request):
        outcome = run_search(request.query_params, request=request._request)
        if outcome.problems:
            return invalid_params_response(request, outcome.problems)
        result = outcome.result
        offers = result.offers
        lookups = s.Lookups.load(offers, reference=result.filterset.reference)
        self.last_modified = offers_changed_at()
        context = {"request": request, "lookups": lookups}
        if request.accepted_renderer.format == "jsonld":
            return Response(
                {
                    "@context": "https://schema.org",
                    "@type": "ItemList",
                    "numberOfItems": result.total,
                    "itemListElement": [
                        {"@type": "ListItem", "position": result.first_index + index, "item": item}
                        for index, item in enumerate(
                            offer_schema_org(offer, request=request, lookups=lookups) for offer in offers
                        )
                    ],
                }
            )
        page = result.page_obj
        base = request.build_absolute_uri(reverse("opendata:offer-list"))
        extra = [(name, value) for name in API_ONLY_PARAMS for value in request.query_params.getlist(name)]
        extra_query = "&".join(f"{name}={value}" for name, value in extra if name != "format")

        def link(url: str | None) -> str | None:
            if url is None:
                return None
            return base + url + (("&" if url != "?" else "") + extra_query if extra_query else "")

        data = {
            "count": result.total,
            "page": page.number,
            "page_size": result.page_size,
            "pages": page.paginator.num_pages,
            "next": link(result.next_url),
            "previous": link(result.previous_url),
            "sort": result.sort,
            "html_url": request.build_absolute_uri("/tilbud/" + result.url(side=result.params.get("side"))),
            "notices": [str(notice) for notice in outcome.notices],
            "results": s.OfferSerializer(offers, many=True, context=context).data,
        }
        if request.query_params.get(FACETS_PARAM, "").lower() in TRUE_VALUES:
            data["facets"] = facet_counts(result)
        return Response(data)


def live_offers():
    return (
        OfferPage.objects.live()
        .public()
        .select_related("environment__environment_type", "municipality", "grade_from", "grade_to")
        .defer("search_vector")
    )


class OfferDetailView(ApiView):
    renderer_classes = [JSONRenderer, JSONLDRenderer]

    @extend_schema(
        operation_id="offers_retrieve",
        summary="Ét tilbud",
        description=(
            "Med Accept: application/ld+json (eller ?format=jsonld) som schema.org Course/EducationEvent med LRMI."
        ),
        responses={200: s.OfferDetailSerializer, **PROBLEM_RESPONSES},
    )
    def get(self, request, pk: int):
        if problems := self.unknown_params(request):
            return invalid_params_response(request, problems)
        offer = live_offers().filter(pk=pk).first()
        if offer is None:
            raise Http404
        lookups = s.Lookups.load([offer])
        moments = [offer.last_published_at, offer.environment.last_published_at if offer.environment else None]
        self.last_modified = max((moment for moment in moments if moment), default=None)
        if request.accepted_renderer.format == "jsonld":
            return Response(offer_schema_org(offer, request=request, lookups=lookups))
        return Response(s.OfferDetailSerializer(offer, context={"request": request, "lookups": lookups}).data)


# Learning environments ---------------------------------------------------------------------------------

ENVIRONMENT_PAGE_SIZE, ENVIRONMENT_MAX_PAGE_SIZE = 50, 100


def live_environments():
    return (
        LearningEnvironmentPage.objects.live()
        .public()
        .select_related("environment_type", "postcode", "municipality")
        .prefetch_related(Prefetch("travel_municipalities", queryset=Municipality.objects.order_by("name")))
        .annotate(offer_count=Count("offers", filter=Q(offers__live=True)))
    )


class EnvironmentListView(ApiView):
    allowed_params = ("kommune", "miljoe", "side", "antal")

    @extend_schema(
        operation_id="environments_list",
        summary="Læringsmiljøer",
        parameters=[
            OpenApiParameter("kommune", str, description="Kommunens slug."),
            OpenApiParameter("miljoe", str, description="Typen af læringsmiljø (slug)."),
            OpenApiParameter("side", int, description="Sidenummer fra 1."),
            OpenApiParameter("antal", int, description=f"Pr. side, 1–{ENVIRONMENT_MAX_PAGE_SIZE} (standard 50)."),
        ],
        responses={
            200: inline_serializer(
                "EnvironmentList",
                {
                    "count": drf_serializers.IntegerField(),
                    "page": drf_serializers.IntegerField(),
                    "pages": drf_serializers.IntegerField(),
                    "next": drf_serializers.URLField(allow_null=True),
                    "previous": drf_serializers.URLField(allow_null=True),
                    "results": s.EnvironmentSerializer(many=True),
                },
            ),
            **PROBLEM_RESPONSES,
        },
    )
    def get(self, request):
        from .search_adapter import ParamProblem

        problems = self.unknown_params(request)
        queryset = live_environments().order_by("title", "pk")
        municipality = request.query_params.get("kommune")
        if municipality is not None:
            if not Municipality.objects.filter(slug=municipality).exists():
                problems.append(ParamProblem("kommune", "Ukendt kommune; se /api/v1/kommuner/."))
            queryset = queryset.filter(municipality__slug=municipality)
        kind = request.query_params.get("miljoe")
        if kind is not None:
            if not EnvironmentType.objects.filter(slug=kind).exists():
                problems.append(ParamProblem("miljoe", "Ukendt type af læringsmiljø; se /api/v1/environment-types/."))
            queryset = queryset.filter(environment_type__slug=kind)
        number, problems = _int_param(request, "side", 1, 1, 10**6, problems)
        size, problems = _int_param(request, "antal", ENVIRONMENT_PAGE_SIZE, 1, ENVIRONMENT_MAX_PAGE_SIZE, problems)
        if problems:
            return invalid_params_response(request, problems)
        count = queryset.count()
        pages = max(1, -(-count // size))
        if number > pages:
            return invalid_params_response(request, [ParamProblem("side", f"Der er kun {pages} sider.")])
        items = list(queryset[(number - 1) * size : number * size])
        self.last_modified = max((item.last_published_at for item in items if item.last_published_at), default=None)
        base = request.build_absolute_uri(reverse("opendata:environment-list"))

        def page_url(n: int) -> str:
            query = request.query_params.copy()
            query["side"] = str(n)
            return f"{base}?{query.urlencode()}"

        return Response(
            {
                "count": count,
                "page": number,
                "pages": pages,
                "next": page_url(number + 1) if number < pages else None,
                "previous": page_url(number - 1) if number > 1 else None,
                "results": s.EnvironmentSerializer(items, many=True, context={"request": request}).data,
            }
        )


def _int_param(request, name: str, default: int, low: int, high: int, problems: list):
    from .search_adapter import ParamProblem

    raw = request.query_params.get(name)
    if raw is None:
        return default, problems
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        problems.append(ParamProblem(name, f"»{name}« skal være et helt tal fra {low} til {high}."))
        return default, problems
    return value, problems


class EnvironmentDetailView(ApiView):
    @extend_schema(
        operation_id="environments_retrieve",
        summary="Ét læringsmiljø",
        responses={200: s.EnvironmentSerializer, **PROBLEM_RESPONSES},
    )
    def get(self, request, pk: int):
        if problems := self.unknown_params(request):
            return invalid_params_response(request, problems)
        environment = live_environments().filter(pk=pk).first()
        if environment is None:
            raise Http404
        self.last_modified = environment.last_published_at
        return Response(s.EnvironmentSerializer(environment, context={"request": request}).data)


class MunicipalSiteListView(ApiView):
    @extend_schema(
        operation_id="municipal_sites_list",
        summary="Kommunesites",
        description="Kommunernes egne sites på platformen; offers_api_url giver kommunens tilbud som på dens søgeside.",
        responses={200: s.MunicipalSiteSerializer(many=True), **PROBLEM_RESPONSES},
    )
    def get(self, request):
        if problems := self.unknown_params(request):
            return invalid_params_response(request, problems)
        sites = (
            MunicipalSite.objects.filter(site__root_page__live=True)
            .select_related("municipality", "site", "site__municipalsitesettings")
            .order_by("municipality__name")
        )
        return Response(s.MunicipalSiteSerializer(sites, many=True, context={"request": request}).data)


# Reference data -----------------------------------------------------------------------------------------


def reference_view(name: str, serializer, queryset_or_callable, *, summary: str):
    class ReferenceView(ApiView):
        @extend_schema(operation_id=f"{name}_list", summary=summary, responses={200: serializer(many=True)})
        def get(self, request):
            if problems := self.unknown_params(request):
                return invalid_params_response(request, problems)
            items = queryset_or_callable() if callable(queryset_or_callable) else queryset_or_callable.all()
            return Response(serializer(items, many=True).data)

    ReferenceView.__name__ = ReferenceView.__qualname__ = f"{name.title().replace('_', '')}View"
    return ReferenceView.as_view()


class ChoiceListSerializer(drf_serializers.Serializer):
    value = drf_serializers.CharField(help_text="Værdien, som bruges i filterparameteren.")
    label = drf_serializers.CharField()


target_groups = reference_view(
    "target_groups", s.TargetGroupSerializer, TargetGroup.objects.order_by("sort_order"), summary="Målgrupper"
)
grades = reference_view(
    "grades",
    s.GradeSerializer,
    Grade.objects.select_related("target_group").order_by("sort_order"),
    summary="Klassetrin",
)
subjects = reference_view(
    "subjects", s.SubjectSerializer, Subject.objects.order_by("sort_order", "name"), summary="Fag"
)
subject_areas = reference_view(
    "subject_areas", s.SubjectAreaSerializer, SubjectArea.objects.all(), summary="Fagområder"
)
sdgs = reference_view("sdgs", s.SDGSerializer, SustainableDevelopmentGoal.objects.all(), summary="Verdensmål")
formats = reference_view("formats", ChoiceListSerializer, s.format_choices, summary="Former")
environment_types = reference_view(
    "environment_types", s.EnvironmentTypeSerializer, EnvironmentType.objects.all(), summary="Typer af læringsmiljøer"
)
municipalities = reference_view(
    "municipalities",
    s.MunicipalitySerializer,
    Municipality.objects.select_related("region").order_by("name"),
    summary="Kommuner",
)
regions = reference_view("regions", s.RegionSerializer, Region.objects.order_by("code"), summary="Regioner")


class ApiRootView(ApiView):
    @extend_schema(exclude=True)
    def get(self, request):
        def url(name: str) -> str:
            return request.build_absolute_uri(reverse(f"opendata:{name}"))

        return Response(
            {
                "title": "Skoletjenesten API v1",
                "documentation": url("docs"),
                "schema": url("schema"),
                "licence": "CC BY 4.0",
                "endpoints": {
                    "offers": url("offer-list"),
                    "environments": url("environment-list"),
                    "municipal_sites": url("municipal-site-list"),
                    "target_groups": url("target-group-list"),
                    "grades": url("grade-list"),
                    "subjects": url("subject-list"),
                    "subject_areas": url("subject-area-list"),
                    "sdgs": url("sdg-list"),
                    "formats": url("format-list"),
                    "environment_types": url("environment-type-list"),
                    "kommuner": url("municipality-list"),
                    "regions": url("region-list"),
                },
            }
        )
