"""The lookups a page of offers is serialised with, and the small shapes embedded in others."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup
from geography.models import Postcode, Region
from offers.models import OfferPage
from offers.search.reference import SearchReference


@dataclass
class Lookups:
    """Reference data by id for serialising offers without a query each."""

    subjects: dict[int, Subject]
    subject_areas: dict[int, SubjectArea]
    sdgs: dict[int, SustainableDevelopmentGoal]
    target_groups: list[tuple[TargetGroup, int, int]]  # (group, lowest position, highest position)
    regions: dict[int, Region]
    grades: list[Grade] = field(default_factory=list)
    environment_types: dict = field(default_factory=dict)
    environment_urls: dict[int, str] = field(default_factory=dict)  # an environment's page URL, once
    api_prefixes: dict[str, str] = field(default_factory=dict)  # reverse() once, not per offer

    def api_url(self, request, name: str, pk: int) -> str:
        prefix = self.api_prefixes.get(name)
        if prefix is None:
            prefix = self.api_prefixes[name] = absolute(request, reverse(f"opendata:{name}", args=[0]))[:-2]
        return f"{prefix}{pk}/"

    postcodes: dict[int, Postcode] = field(default_factory=dict)

    @classmethod
    def load(cls, offers: list[OfferPage] = (), reference=None) -> Lookups:
        if reference is None:
            reference = SearchReference.load()
        groups = [(group, *reference.target_group_ranges[group.slug]) for group in reference.target_groups]
        postcode_ids = set()
        for offer in offers:
            if offer.location_postcode_id:
                postcode_ids.add(offer.location_postcode_id)
            if offer.environment is not None:
                postcode_ids.add(offer.environment.postcode_id)
        return cls(
            subjects={subject.pk: subject for subject in reference.subjects},
            subject_areas={area.pk: area for area in reference.subject_areas},
            sdgs={goal.pk: goal for goal in reference.sdgs},
            target_groups=groups,
            regions={region.pk: region for region in reference.regions},
            grades=list(reference.grades),
            environment_types={kind.pk: kind for kind in reference.environment_types},
            postcodes=Postcode.objects.in_bulk(postcode_ids) if postcode_ids else {},
        )


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="Værdien, som bruges i filterparameteren.")
    label = serializers.CharField()


class NamedSlugSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class SDGRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class GradeRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    position = serializers.IntegerField(help_text="Placering på den fælles klassetrinsskala.")


class MunicipalityRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kommunekode (DAGI), fire cifre.")
    slug = serializers.SlugField()
    name = serializers.CharField()


class RegionRefSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Regionskode (DAGI).")
    name = serializers.CharField()


class EnvironmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    type = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("opendata:environment-detail", args=[obj.pk]))

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Typen af læringsmiljø (slug)."))
    def get_type(self, obj):
        lookups = self.context.get("lookups")
        if lookups is not None:
            kind = lookups.environment_types.get(obj.environment_type_id)
            return kind.slug if kind else None
        return obj.environment_type.slug
