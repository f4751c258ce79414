"""Offers: the list and detail shapes (facts worded by offers.presenters), and a page of offers with facets."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from offers.models import OfferFormat, OfferLanguage

from .common import (
    ChoiceSerializer,
    EnvironmentRefSerializer,
    GradeRefSerializer,
    Lookups,
    MunicipalityRefSerializer,
    NamedSlugSerializer,
    RegionRefSerializer,
    SDGRefSerializer,
)


class PriceSerializer(serializers.Serializer):
    is_free = serializers.BooleanField()
    amount = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True, coerce_to_string=False)
    currency = serializers.CharField(default="DKK")
    note = serializers.CharField(allow_blank=True)
    label = serializers.CharField(
        help_text="Prisen i ord, som på tilbuddets side: »Gratis«, »1.250 kr. pr. klasse« eller »Pris efter aftale«."
    )


class GroupSizeSerializer(serializers.Serializer):
    min = serializers.IntegerField(allow_null=True)
    max = serializers.IntegerField(allow_null=True)
    label = serializers.CharField(allow_blank=True, help_text="I ord, f.eks. »10–28 deltagere«; tom uden grænser.")


class BookingSerializer(serializers.Serializer):
    url = serializers.URLField(allow_blank=True)
    email = serializers.EmailField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    deadline_note = serializers.CharField(allow_blank=True)


class LocationSerializer(serializers.Serializer):
    at_environment = serializers.BooleanField(help_text="Foregår på læringsmiljøets adresse.")
    address = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_null=True)
    city = serializers.CharField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class AccessibilitySerializer(serializers.Serializer):
    step_free_access = serializers.BooleanField()
    special_needs_adapted = serializers.BooleanField()
    info = serializers.CharField(allow_blank=True)


class OfferSerializer(serializers.Serializer):
    """An offer as in the list: everything but the long texts."""

    id = serializers.IntegerField(help_text="Stabilt id (ændres aldrig).")
    slug = serializers.SlugField()
    title = serializers.CharField()
    teaser = serializers.CharField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    environment = serializers.SerializerMethodField()
    municipality = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    grade_from = GradeRefSerializer()
    grade_to = GradeRefSerializer()
    grades_label = serializers.SerializerMethodField(help_text="Klassetrinnene i ord, f.eks. »3. klasse–6. klasse«.")
    target_groups = serializers.SerializerMethodField()
    subjects = serializers.SerializerMethodField()
    subject_areas = serializers.SerializerMethodField()
    sdgs = serializers.SerializerMethodField()
    formats = serializers.SerializerMethodField()
    languages = serializers.SerializerMethodField()
    months = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12))
    duration = serializers.CharField(allow_blank=True)
    duration_minutes = serializers.IntegerField(allow_null=True)
    price = serializers.SerializerMethodField()
    group_size = serializers.SerializerMethodField()
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    dates_note = serializers.CharField(allow_blank=True)
    booking = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    last_published_at = serializers.DateTimeField(allow_null=True)
    last_verified = serializers.DateField(allow_null=True)
    distance_km = serializers.SerializerMethodField()

    @property
    def lookups(self) -> Lookups:
        return self.context["lookups"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return obj.get_full_url(self.context.get("request"))

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return self.lookups.api_url(self.context.get("request"), "offer-detail", obj.pk)

    @extend_schema_field(EnvironmentRefSerializer(allow_null=True))
    def get_environment(self, obj):
        environment = obj.environment
        if environment is None:
            return None
        request = self.context.get("request")
        url = self.lookups.environment_urls.get(environment.pk)
        if url is None:
            url = self.lookups.environment_urls[environment.pk] = environment.get_full_url(request)
        kind = self.lookups.environment_types.get(environment.environment_type_id)
        return {
            "id": environment.pk,
            "slug": environment.slug,
            "title": environment.title,
            "type": kind.slug if kind else None,
            "url": url,
            "api_url": self.lookups.api_url(request, "environment-detail", environment.pk),
        }

    @extend_schema_field(MunicipalityRefSerializer(allow_null=True))
    def get_municipality(self, obj):
        municipality = obj.municipality
        return (
            None
            if municipality is None
            else {"code": municipality.code, "slug": municipality.slug, "name": municipality.name}
        )

    @extend_schema_field(RegionRefSerializer(allow_null=True))
    def get_region(self, obj):
        region = self.lookups.regions.get(obj.region_id)
        return None if region is None else {"code": region.code, "name": region.name}

    @extend_schema_field(NamedSlugSerializer(many=True))
    def get_target_groups(self, obj):
        return [
            {"slug": group.slug, "name": group.name}
            for group, low, high in self.lookups.target_groups
            if low <= obj.grade_max and high >= obj.grade_min
        ]

    @extend_schema_field(NamedSlugSerializer(many=True))
    def get_subjects(self, obj):
        found = [self.lookups.subjects[pk] for pk in obj.subject_ids if pk in self.lookups.subjects]
        return [{"slug": item.slug, "name": item.name} for item in found]

    @extend_schema_field(NamedSlugSerializer(many=True))
    def get_subject_areas(self, obj):
        found = [self.lookups.subject_areas[pk] for pk in obj.subject_area_ids if pk in self.lookups.subject_areas]
        return [{"slug": item.slug, "name": item.name} for item in found]

    @extend_schema_field(SDGRefSerializer(many=True))
    def get_sdgs(self, obj):
        found = sorted(
            (self.lookups.sdgs[pk] for pk in obj.sdg_ids if pk in self.lookups.sdgs), key=lambda goal: goal.number
        )
        return [{"number": goal.number, "name": goal.name} for goal in found]

    @extend_schema_field(ChoiceSerializer(many=True))
    def get_formats(self, obj):
        return [
            {"value": value, "label": str(OfferFormat(value).label)}
            for value in obj.formats
            if value in OfferFormat.values
        ]

    @extend_schema_field(ChoiceSerializer(many=True))
    def get_languages(self, obj):
        return [
            {"value": value, "label": str(OfferLanguage(value).label)}
            for value in obj.languages
            if value in OfferLanguage.values
        ]

    @extend_schema_field(PriceSerializer)
    def get_price(self, obj):
        amount = None if obj.is_free or obj.price_amount is None else float(obj.price_amount)
        label = obj.facts.price_text
        return {"is_free": obj.is_free, "amount": amount, "currency": "DKK", "note": obj.price_note, "label": label}

    @extend_schema_field(GroupSizeSerializer)
    def get_group_size(self, obj):
        return {"min": obj.group_size_min, "max": obj.group_size_max, "label": obj.facts.group_size}

    def get_grades_label(self, obj) -> str:
        return obj.facts.grades

    @extend_schema_field(BookingSerializer)
    def get_booking(self, obj):
        return {
            "url": obj.booking_url,
            "email": obj.booking_email,
            "phone": obj.booking_phone,
            "deadline_note": obj.booking_deadline_note,
        }

    @extend_schema_field(LocationSerializer)
    def get_location(self, obj):
        environment = obj.environment
        at_environment = obj.use_environment_location and environment is not None
        if at_environment:
            address, postcode_id = environment.street_address, environment.postcode_id
        else:
            address, postcode_id = obj.location_address, obj.location_postcode_id
        postcode = self.lookups.postcodes.get(postcode_id) if postcode_id else None
        return {
            "at_environment": at_environment,
            "address": address,
            "postcode": postcode.code if postcode else None,
            "city": postcode.name if postcode else None,
            "latitude": obj.latitude,
            "longitude": obj.longitude,
        }

    @extend_schema_field(AccessibilitySerializer)
    def get_accessibility(self, obj):
        return {
            "step_free_access": obj.step_free_access,
            "special_needs_adapted": obj.special_needs_adapted,
            "info": obj.accessibility_info,
        }

    @extend_schema_field(
        serializers.FloatField(allow_null=True, help_text="Afstand i km, når der søges ud fra et sted.")
    )
    def get_distance_km(self, obj):
        distance = getattr(obj, "distance_km", None)
        return None if distance is None else round(float(distance), 2)


class OfferDetailSerializer(OfferSerializer):
    description = serializers.SerializerMethodField(help_text="HTML.")
    preparation_material = serializers.SerializerMethodField(help_text="HTML.")
    follow_up_material = serializers.SerializerMethodField(help_text="HTML.")

    def get_description(self, obj) -> str:
        return expand_db_html(obj.description)

    def get_preparation_material(self, obj) -> str:
        return expand_db_html(obj.preparation_material)

    def get_follow_up_material(self, obj) -> str:
        return expand_db_html(obj.follow_up_material)


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    parameter = serializers.CharField(help_text="Parameteren, som filtrerer på denne facet.")
    label = serializers.CharField()
    options = FacetOptionSerializer(many=True)


class OfferListSerializer(serializers.Serializer):
    """The documented shape of the offer list (built by the view)."""

    count = serializers.IntegerField(help_text="Antal tilbud i alt, som på /tilbud/.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    sort = serializers.CharField()
    html_url = serializers.URLField(help_text="Den samme søgning på hjemmesiden.")
    notices = serializers.ListField(child=serializers.CharField())
    results = OfferSerializer(many=True)
    facets = FacetSerializer(many=True, required=False, help_text="Kun med facetter=true.")
