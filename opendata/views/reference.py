"""Reference data (one view each) and the API's root."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup
from geography.models import Municipality, Region
from offers.models import EnvironmentType

from .. import serializers as s
from ..problems import invalid_params_response
from .base import ApiView

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
