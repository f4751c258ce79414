"""JSON shapes of the API: stable ids and slugs, absolute URLs, ISO 8601 dates.

Offers are serialised with a ``Lookups`` (reference data by id, postcodes) in the context, so a page of
offers costs no query per offer. Contact persons of learning environments are never included: none
is marked public, and their names, e-mails and phones are personal data. An offer's booking channels
(booking page, e-mail, phone) are what the offer page itself publishes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup
from geography.models import Postcode, Region
from offers.fields import MONTH_CHOICES
from offers.models import OfferFormat, OfferLanguage, OfferPage
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
