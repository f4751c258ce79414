"""Reference data: target groups, grades, subjects, subject areas, SDGs, kommuner, regions, types."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from offers.fields import MONTH_CHOICES
from offers.models import OfferFormat

# Reference data ----------------------------------------------------------------------------------------


class TargetGroupSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Værdi for parameteren maalgruppe.")
    name = serializers.CharField()


class GradeSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Værdi for parameteren klassetrin.")
    name = serializers.CharField()
    short_name = serializers.CharField()
    position = serializers.IntegerField()
    target_group = serializers.SlugField(source="target_group.slug")


class SubjectSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Værdi for parameteren fag.")
    name = serializers.CharField()
    kind = serializers.CharField()
    position_from = serializers.IntegerField(allow_null=True)
    position_to = serializers.IntegerField(allow_null=True)


class SubjectAreaSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Værdi for parameteren fagomraade.")
    name = serializers.CharField()
    broad_area = serializers.CharField()


class SDGSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="Værdi for parameteren verdensmaal.")
    name = serializers.CharField()
    name_en = serializers.CharField()
    colour = serializers.CharField()


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField()
    slug = serializers.SlugField(help_text="Værdi for parameteren kommune.")
    name = serializers.CharField()
    region = serializers.CharField(source="region.code")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Værdi for parameteren region.")
    name = serializers.CharField()
    short_name = serializers.CharField()


class EnvironmentTypeSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="Værdi for parameteren miljoe.")
    name = serializers.CharField()
    name_plural = serializers.CharField()


def month_choices() -> list[dict[str, Any]]:
    return [{"value": str(number), "label": str(label)} for number, label in MONTH_CHOICES]


def format_choices() -> list[dict[str, str]]:
    return [{"value": value, "label": str(label)} for value, label in OfferFormat.choices]
