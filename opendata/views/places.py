"""Learning environments and kommunesites."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response

from geography.models import Municipality
from municipalities.models import MunicipalSite
from offers.models import EnvironmentType, LearningEnvironmentPage

from .. import serializers as s
from ..problems import invalid_params_response
from ..search_adapter import ParamProblem
from .base import PROBLEM_RESPONSES, ApiView

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
