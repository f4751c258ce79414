"""The teaching offer page and its QuerySet."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from curriculum.models import Grade, TargetGroup
from geography.geo import haversine_km
from geography.models import Municipality

from ..choices import OfferFormat, OfferLanguage
from ..fields import ChoiceArrayField, MonthsField
from ..presenters import OfferFacts
from .environments import EnvironmentType, LearningEnvironmentPage, missing_alt_text
from .offer_admin import (
    AUDIENCE_PANELS,
    BOOKING_PANELS,
    CONTENT_PANELS,
    EDIT_HANDLER,
    PRACTICAL_PANELS,
    LeafPagePermissionTester,
    OfferPageForm,
)


class OfferQuerySet(PageQuerySet):
    def with_distance(self, latitude: float, longitude: float) -> OfferQuerySet:
        """Annotate ``distance_km`` from a point (haversine in SQL)."""
        return self.annotate(distance_km=haversine_km(latitude, longitude, "latitude", "longitude"))

    def available_to_municipality(self, municipality: Municipality) -> OfferQuerySet:
        """Offers a school in the kommune can use: located there, or coming to schools there.

        An offer that comes to the school counts when its environment travels to the kommune,
        by its list of kommuner or by a radius reaching the kommune's point.
        """
        # The environments that travel there first (a few thousand rows at most), as a list of ids: the
        # offers are then two index lookups (by environment, by kommune) instead of a scan of every offer
        # joined to its environment (3 s at 100,000 offers).
        travelling = list(
            LearningEnvironmentPage.objects.filter(
                Q(travel_municipalities=municipality)
                | Q(
                    travel_radius_km__gte=haversine_km(
                        municipality.latitude, municipality.longitude, "latitude", "longitude"
                    )
                )
            )
            .values_list("pk", flat=True)
            .distinct()
        )
        travels = Q(formats__contains=[OfferFormat.AT_SCHOOL], environment_id__in=travelling)
        located = Q(municipality=municipality)
        return self.filter(pk__in=self.model.objects.filter(travels | located).values("pk"))

    def filter_for_grade(self, position: int) -> OfferQuerySet:
        """Offers whose grade range includes the grade at ``position``."""
        return self.filter(grade_min__lte=position, grade_max__gte=position)

    def free(self) -> OfferQuerySet:
        return self.filter(is_free=True)

    def running_in_month(self, month: int) -> OfferQuerySet:
        return self.filter(months__contains=[month])


OfferManager = PageManager.from_queryset(OfferQuerySet)


class OfferPage(Page):
    teaser = models.TextField(
        _("kort beskrivelse"), max_length=300, help_text=_("Vises i søgeresultater (højst 300 tegn).")
    )
    description = RichTextField(_("beskrivelse"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("billede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("billedets alternative tekst"),
        max_length=250,
        blank=True,
        help_text=_("Hvad billedet viser, for dem der ikke kan se det. Tom: billedets egen beskrivelse."),
    )
    image_credit = models.CharField(_("billedkredit"), max_length=200, blank=True, help_text=_("F.eks. Foto: Navn."))

    # Who it is for and what it covers
    grade_from = models.ForeignKey(
        "curriculum.Grade", verbose_name=_("fra klassetrin"), on_delete=models.PROTECT, related_name="+"
    )
    grade_to = models.ForeignKey(
        "curriculum.Grade", verbose_name=_("til klassetrin"), on_delete=models.PROTECT, related_name="+"
    )
    # Denormalised grade positions, so the grade filter is a range check with no join.
    grade_min = models.SmallIntegerField(editable=False, default=0, db_index=True)
    grade_max = models.SmallIntegerField(editable=False, default=0, db_index=True)
    subjects = ParentalManyToManyField("curriculum.Subject", verbose_name=_("fag"), blank=True, related_name="offers")
    subject_areas = ParentalManyToManyField(
        "curriculum.SubjectArea", verbose_name=_("fagområder"), related_name="offers"
    )
    sdgs = ParentalManyToManyField(
        "curriculum.SustainableDevelopmentGoal", verbose_name=_("verdensmål"), blank=True, related_name="offers"
    )

    # Practical
    formats = ChoiceArrayField(
        models.CharField(max_length=12, choices=OfferFormat.choices), verbose_name=_("form"), default=list
    )
    duration = models.CharField(
        _("varighed"), max_length=100, blank=True, help_text=_("F.eks. “2 timer” eller “3 dage”.")
    )
    duration_minutes = models.PositiveIntegerField(_("varighed i minutter"), null=True, blank=True)
    is_free = models.BooleanField(_("gratis"), default=False)
    price_amount = models.DecimalField(
        _("pris (kr.)"), max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    price_note = models.CharField(_("om prisen"), max_length=200, blank=True, help_text=_("F.eks. “pr. klasse”."))
    group_size_min = models.PositiveSmallIntegerField(_("mindste antal deltagere"), null=True, blank=True)
    group_size_max = models.PositiveSmallIntegerField(_("største antal deltagere"), null=True, blank=True)
    months = MonthsField(verbose_name=_("måneder, tilbuddet kører"))
    period_start = models.DateField(_("periode fra"), null=True, blank=True)
    period_end = models.DateField(_("periode til"), null=True, blank=True)
    dates_note = models.CharField(_("datoer"), max_length=200, blank=True, help_text=_("Faste datoer eller ugedage."))
    languages = ChoiceArrayField(
        models.CharField(max_length=5, choices=OfferLanguage.choices),
        verbose_name=_("sprog"),
        default=list,
        blank=True,
    )

    # Booking
    booking_url = models.URLField(_("bookingside"), blank=True)
    booking_email = models.EmailField(_("booking-e-mail"), blank=True)
    booking_phone = models.CharField(_("bookingtelefon"), max_length=30, blank=True)
    booking_deadline_note = models.CharField(_("frist for booking"), max_length=200, blank=True)
    takes_platform_requests = models.BooleanField(
        _("forespørgsler gennem platformen"),
        default=True,
        help_text=_("Gælder, når læringsmiljøet tager imod forespørgsler gennem platformen."),
    )
    preparation_material = RichTextField(_("forberedelse"), blank=True)
    follow_up_material = RichTextField(_("efterbearbejdning"), blank=True)

    # Where: the environment's address, or the offer's own.
    use_environment_location = models.BooleanField(_("foregår på læringsmiljøets adresse"), default=True)
    location_address = models.CharField(_("adresse"), max_length=200, blank=True)
    location_postcode = models.ForeignKey(
        "geography.Postcode",
        verbose_name=_("postnummer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Denormalised from the parent environment or the offer's own location (see refresh_denormalised()).
    environment = models.ForeignKey(
        LearningEnvironmentPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="offers"
    )
    municipality = models.ForeignKey(
        "geography.Municipality", null=True, editable=False, on_delete=models.SET_NULL, related_name="offers"
    )
    latitude = models.FloatField(null=True, editable=False)
    longitude = models.FloatField(null=True, editable=False)

    accessibility_info = models.TextField(_("tilgængelighed"), blank=True)
    step_free_access = models.BooleanField(_("niveaufri adgang (kørestol)"), default=False)
    special_needs_adapted = models.BooleanField(_("tilpasset elever med særlige behov"), default=False)
    # The date the environment last confirmed the offer is current (a yearly confirmation round asks for it).
    last_verified = models.DateField(
        _("bekræftet aktuelt"),
        null=True,
        blank=True,
        help_text=_("Sættes, når læringsmiljøet bekræfter tilbuddet eller udgiver en ændring."),
    )
    # Set when a confirmation round's deadline passed without confirmation (environments.confirmation):
    # shown as "Ikke bekræftet" and left out of the catalogue until the offer is confirmed again.
    confirmation_overdue = models.BooleanField(default=False, editable=False)

    # The search document, maintained by offers.search.index (never edited): a weighted Danish
    # tsvector, and the many-to-many and parent facts as plain columns, so that search, filters and
    # facet counts read this one table without joins.
    search_vector = SearchVectorField(null=True, editable=False)
    subject_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    subject_area_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    sdg_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    environment_type = models.ForeignKey(
        EnvironmentType, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey(
        "geography.Region", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    objects = OfferManager()
    base_form_class = OfferPageForm

    def permissions_for_user(self, user):
        return LeafPagePermissionTester(user, self)

    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
    ]

    # The form in four tabs a museum educator recognises (offer_admin).
    content_panels = CONTENT_PANELS
    audience_panels = AUDIENCE_PANELS
    practical_panels = PRACTICAL_PANELS
    booking_panels = BOOKING_PANELS
    edit_handler = EDIT_HANDLER

    parent_page_types = ["offers.LearningEnvironmentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("undervisningstilbud")
        verbose_name_plural = _("undervisningstilbud")
        indexes = [
            GinIndex(fields=["search_vector"], name="offer_search_vector_gin"),
            GinIndex(fields=["subject_ids"], name="offer_subject_ids_gin"),
            GinIndex(fields=["subject_area_ids"], name="offer_subject_area_ids_gin"),
            GinIndex(fields=["sdg_ids"], name="offer_sdg_ids_gin"),
            GinIndex(fields=["formats"], name="offer_formats_gin"),
            GinIndex(fields=["months"], name="offer_months_gin"),
            models.Index(fields=["latitude", "longitude"], name="offer_lat_lon"),
            # The home page's featured offers (with an image, most recently verified first): read in index
            # order instead of sorting every offer (5 s at 100,000 offers).
            models.Index(
                F("last_verified").desc(),
                "page_ptr",
                condition=Q(image__isnull=False),
                name="offer_featured",
            ),
        ]

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.grade_from_id and self.grade_to_id and self.grade_from.position > self.grade_to.position:
            errors.setdefault("grade_to", []).append(
                _("“Til klassetrin” skal være samme eller et højere klassetrin end “fra klassetrin”.")
            )
        if self.is_free and self.price_amount:
            errors.setdefault("price_amount", []).append(
                _("Et gratis tilbud kan ikke have en pris. Fjern prisen eller fjern markeringen “gratis”.")
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(_("Perioden kan ikke slutte, før den begynder."))
        if self.group_size_min and self.group_size_max and self.group_size_min > self.group_size_max:
            errors.setdefault("group_size_max", []).append(
                _("Største antal deltagere skal være mindst lige så stort som mindste antal.")
            )
        if not self.use_environment_location and not self.location_postcode_id:
            errors.setdefault("location_postcode", []).append(
                _("Angiv postnummeret for tilbuddets eget sted, eller vælg læringsmiljøets adresse.")
            )
        if message := missing_alt_text(self):
            errors.setdefault("image_alt_text", []).append(message)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Only this row's own denormalised columns; the search rows follow publishing (offers.signals),
        # after modelcluster has written the many-to-many values, not here.
        if kwargs.get("update_fields") is None:
            self.refresh_denormalised()
        return super().save(*args, **kwargs)

    def refresh_denormalised(self) -> None:
        """Copy grade positions and the effective location onto the row (pure data, no I/O)."""
        if self.grade_from_id:
            self.grade_min = self.grade_from.position
        if self.grade_to_id:
            self.grade_max = self.grade_to.position
        if self.path and self.depth and self.depth > 1:
            parent = self.get_parent().specific
            if isinstance(parent, LearningEnvironmentPage):
                self.environment = parent
        if self.use_environment_location and self.environment is not None:
            self.municipality_id = self.environment.municipality_id
            self.latitude, self.longitude = self.environment.latitude, self.environment.longitude
        elif self.location_postcode_id:
            self.municipality_id = self.location_postcode.municipality_id
            self.latitude, self.longitude = self.location_postcode.latitude, self.location_postcode.longitude

    def get_context(self, request, *args, **kwargs):
        from ..selectors import (  # page models render themselves; selectors import models
            load_shown_relations,
            nearby_offer_rows,
            offer_cards,
            offer_ids_of_environment,
            shown_offers,
        )
        from ..structured_data import offer_json_ld  # as above: structured_data imports models

        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # a preview shows the form's unsaved relations
            load_shown_relations(self)
        # The related offers as the search's cards, each cached on its own (one card shows on many pages).
        shown = shown_offers()
        same_environment = (
            offer_ids_of_environment(self.environment, exclude=self, limit=4, shown=shown)
            if self.environment_id
            else []
        )
        context["same_environment_cards"] = offer_cards(same_environment, request)
        context["nearby_cards"] = offer_cards(nearby_offer_rows(self, shown=shown), request)
        context["json_ld"] = offer_json_ld(self, request)
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
        return context

    @property
    def accepts_platform_requests(self) -> bool:
        """Teachers send requests through the platform: the environment and the offer both say so."""
        return bool(
            self.takes_platform_requests and self.environment is not None and self.environment.takes_platform_requests
        )

    @property
    def place_address(self) -> tuple[str, str] | None:
        """(street, "postcode town") where the offer happens, if known."""
        if self.use_environment_location and self.environment is not None:
            postcode = self.environment.postcode
            return self.environment.street_address, f"{postcode.code} {postcode.name}"
        if self.location_postcode_id:
            postcode = self.location_postcode
            return self.location_address, f"{postcode.code} {postcode.name}"
        return None

    @cached_property
    def target_groups(self) -> list[TargetGroup]:
        return list(
            TargetGroup.objects.filter(
                grades__position__gte=self.grade_min, grades__position__lte=self.grade_max
            ).distinct()
        )

    @cached_property
    def facts(self) -> OfferFacts:
        """The offer's facts in words (price, grades, format, period, group size, booking): one wording
        for the page, the card, the catalogue, the spreadsheets and the API (offers.presenters)."""
        return OfferFacts.from_offer(self)

    @property
    def grade_range_label(self) -> str:
        return self.facts.grades

    def get_format_labels(self) -> list[str]:
        return self.facts.format_labels

    def get_language_labels(self) -> list[str]:
        return self.facts.language_labels

    def get_month_labels(self) -> list[str]:
        return self.facts.month_labels

    def subject_grade_warnings(self) -> list[str]:
        """Subjects not taught in any grade of the offer's range: worth a warning, not an error."""
        if not (self.grade_from_id and self.grade_to_id):
            return []
        low, high = self.grade_from.position, self.grade_to.position
        if high < Grade.position_for_school_grade(0) or low > Grade.position_for_school_grade(10):
            return []  # subject grade ranges describe the folkeskole only
        return [
            _("%(subject)s undervises normalt i %(range)s, uden for tilbuddets klassetrin.")
            % {"subject": subject.name, "range": subject.grade_range_label}
            for subject in self.subjects.all()
            if not subject.is_taught_between(low, high)
        ]
