"""Learning environments and kommunesites."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from .common import MunicipalityRefSerializer, NamedSlugSerializer, absolute


class EnvironmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    offers_api_url = serializers.SerializerMethodField()
    type = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField(help_text="HTML.")
    address = serializers.CharField(source="street_address")
    postcode = serializers.CharField(source="postcode.code")
    city = serializers.CharField(source="postcode.name")
    municipality = MunicipalityRefSerializer()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    website = serializers.URLField(allow_blank=True)
    step_free_access = serializers.BooleanField()
    accessibility_info = serializers.CharField(allow_blank=True)
    travel_municipalities = serializers.SerializerMethodField()
    travel_radius_km = serializers.IntegerField(allow_null=True)
    offer_count = serializers.IntegerField(help_text="Antal publicerede tilbud.")
    last_published_at = serializers.DateTimeField(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("opendata:environment-detail", args=[obj.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_offers_api_url(self, obj) -> str:
        return absolute(self.context.get("request"), reverse("opendata:offer-list")) + f"?laeringsmiljoe={obj.pk}"

    @extend_schema_field(NamedSlugSerializer)
    def get_type(self, obj):
        return {"slug": obj.environment_type.slug, "name": obj.environment_type.name}

    def get_description(self, obj) -> str:
        return expand_db_html(obj.description)

    @extend_schema_field(MunicipalityRefSerializer(many=True))
    def get_travel_municipalities(self, obj):
        return [{"code": m.code, "slug": m.slug, "name": m.name} for m in obj.travel_municipalities.all()]


class MunicipalSiteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    municipality = MunicipalityRefSerializer()
    name = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    accent_colour = serializers.SerializerMethodField()
    offers_api_url = serializers.SerializerMethodField()

    def get_name(self, obj) -> str:
        settings = getattr(obj.site, "municipalsitesettings", None)
        return (settings.display_name if settings else "") or f"{obj.municipality.name} Kommune"

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return obj.site.root_url + "/"

    def get_accent_colour(self, obj) -> str:
        settings = getattr(obj.site, "municipalsitesettings", None)
        return settings.safe_accent_colour if settings else "#00529b"

    @extend_schema_field(OpenApiTypes.URI)
    def get_offers_api_url(self, obj) -> str:
        return (
            absolute(self.context.get("request"), reverse("opendata:offer-list"))
            + f"?kommunesite={obj.municipality.slug}"
        )
