"""Learning environments and their teaching offers, as Wagtail pages."""

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
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from curriculum.models import Grade, TargetGroup
from geography.geo import haversine_km
from geography.models import Municipality
from skoletjenesten.collation import danish

from .choices import OfferFormat, OfferLanguage
from .fields import ChoiceArrayField, MonthsField, PostcodeInput
from .presenters import OfferFacts


class EnvironmentType(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=80)
    name_plural = models.CharField(_("navn i flertal"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("type af læringsmiljø")
        verbose_name_plural = _("typer af læringsmiljøer")

    def __str__(self) -> str:
        return self.name


class LearningEnvironmentIndexPage(Page):
    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["offers.LearningEnvironmentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("oversigt over læringsmiljøer")

    def get_context(self, request, *args, **kwargs):
        from .environment_list import environment_list  # the list module imports this one

        context = super().get_context(request, *args, **kwargs)
        listing = environment_list(request.GET, index=self)
        context.update(listing=listing, environments=listing.page)
        return context


def missing_alt_text(page) -> str | None:
    """The form error when a page's image has no alternative text, neither on the page nor on the image."""
    if page.image_id and not page.image_alt_text.strip() and not (page.image.description or "").strip():
        return _("Skriv, hvad billedet viser (alternativ tekst), eller giv billedet en beskrivelse i billeder.")
    return None


class LearningEnvironmentPage(Page):
    environment_type = models.ForeignKey(
        EnvironmentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="environments"
    )
    description = RichTextField(_("beskrivelse"), blank=True)
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
    street_address = models.CharField(_("adresse"), max_length=200)
    postcode = models.ForeignKey(
        "geography.Postcode", verbose_name=_("postnummer"), on_delete=models.PROTECT, related_name="environments"
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="environments",
        blank=True,
        help_text=_("Udfyldes ud fra postnummeret, hvis feltet er tomt."),
    )
    latitude = models.FloatField(_("breddegrad"), null=True, blank=True)
    longitude = models.FloatField(_("længdegrad"), null=True, blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    accessibility_info = models.TextField(_("tilgængelighed"), blank=True)
    step_free_access = models.BooleanField(_("niveaufri adgang (kørestol)"), default=False)
    travel_municipalities = ParentalManyToManyField(
        "geography.Municipality",
        verbose_name=_("kommuner, der besøges"),
        blank=True,
        related_name="visiting_environments",
        help_text=_("For tilbud på skolen: de kommuner, læringsmiljøet kører ud til."),
    )
    travel_radius_km = models.PositiveSmallIntegerField(
        _("kører ud inden for (km)"), null=True, blank=True, help_text=_("Alternativ til en liste af kommuner.")
    )
    # The environment's own editors (its educators): one Wagtail group per environment, holding page
    # permissions on this page only and its own collection. Set by the service that creates the group.
    editors_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("redaktørgruppe"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="learning_environment",
    )
    # Teachers send booking requests through the platform (the bookings app's form and the editors'
    # inbox) instead of the external booking link or contact.
    takes_platform_requests = models.BooleanField(
        _("tager imod forespørgsler gennem platformen"),
        default=False,
        help_text=_("Lærere sender forespørgsler via Skoletjenesten, og redaktørerne svarer i indbakken."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("environment_type"),
        index.FilterField("municipality"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("environment_type"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_credit")], heading=_("Billede")
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
            ],
            heading=_("Adresse og kontakt"),
        ),
        InlinePanel("contacts", label=_("Kontaktpersoner"), min_num=0),
        MultiFieldPanel(
            [FieldPanel("step_free_access"), FieldPanel("accessibility_info")], heading=_("Tilgængelighed")
        ),
        MultiFieldPanel(
            [FieldPanel("travel_municipalities"), FieldPanel("travel_radius_km")],
            heading=_("Område for besøg på skoler"),
        ),
        FieldPanel("takes_platform_requests"),
    ]

    # A kommune's own organiser (e.g. its company visits) lives under the kommune's home page.
    parent_page_types = ["offers.LearningEnvironmentIndexPage", "municipalities.MunicipalHomePage"]
    subpage_types = ["offers.OfferPage"]

    class Meta:
        verbose_name = _("læringsmiljø")
        verbose_name_plural = _("læringsmiljøer")

    def clean(self):
        super().clean()
        if self.postcode_id and not self.municipality_id:
            self.municipality_id = self.postcode.municipality_id
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Angiv både breddegrad og længdegrad, eller ingen af dem.")})
        if message := missing_alt_text(self):
            raise ValidationError({"image_alt_text": message})

    def save(self, *args, **kwargs):
        # Fall back to the postcode's point so every environment can be found by distance.
        if self.postcode_id:
            if not self.municipality_id:
                self.municipality_id = self.postcode.municipality_id
            if self.latitude is None or self.longitude is None:
                self.latitude, self.longitude = self.postcode.latitude, self.postcode.longitude
        # The offers' search rows (which carry the environment's name and type) follow publishing:
        # offers.signals, not save() (see docs/architecture.md, "Side effects").
        return super().save(*args, **kwargs)

    @property
    def current_offers(self) -> PageQuerySet:
        return OfferPage.objects.child_of(self).live().order_by(danish("title"), "pk")

    def get_context(self, request, *args, **kwargs):
        from .selectors import offers_of_environment  # page models render themselves; selectors import models
        from .structured_data import environment_json_ld  # as above: structured_data imports models

        context = super().get_context(request, *args, **kwargs)
        context["offers"] = offers_of_environment(self)
        context["json_ld"] = environment_json_ld(self, request)
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_tile_attribution"] = settings.MAP_TILE_ATTRIBUTION
        return context


class LearningEnvironmentContact(Orderable):
    environment = ParentalKey(LearningEnvironmentPage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(_("rolle"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


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


class OfferSearchPage(Page):
    """The search page for offers (/tilbud/ on the national site)."""

    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("søgeside for tilbud")

    def serve(self, request, *args, **kwargs):
        from .views import render_offer_search  # a page's serve() hands over to its view; views import models

        return render_offer_search(request, page=self)


class OfferPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "location_postcode" in self.fields:
            self.fields["location_postcode"].error_messages["invalid_choice"] = _(
                "Skriv et dansk postnummer med fire cifre, f.eks. 8000."
            )


class LeafPagePermissionTester(PagePermissionTester):
    """For a page without children, "has it live descendants?" is its own live flag: no query per row of
    the explorer (Wagtail asks it for every row's Move and Delete buttons when the editor may not publish)."""

    def can_delete(self, ignore_bulk=False):
        if (
            self.page.numchild == 0
            and self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            return not self.page.live
        return super().can_delete(ignore_bulk=ignore_bulk)


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

    # The form in four tabs a museum educator recognises (plus Wagtail's promotion and settings tabs).
    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt_text"), FieldPanel("image_credit")], heading=_("Billede")
        ),
        MultiFieldPanel(
            [FieldPanel("preparation_material"), FieldPanel("follow_up_material")],
            heading=_("Før og efter besøget"),
        ),
    ]
    audience_panels = [
        FieldRowPanel(
            [FieldPanel("grade_from"), FieldPanel("grade_to")],
            heading=_("Klassetrin"),
            help_text=_("Målgruppen (dagtilbud, grundskole, ungdomsuddannelse) følger af klassetrinnene."),
        ),
        FieldPanel("subjects", help_text=_("De fag fra Fælles Mål, tilbuddet arbejder med.")),
        FieldPanel("subject_areas", help_text=_("Mindst ét fagområde; det bestemmer tilbuddets afsnit i kataloget.")),
        FieldPanel("sdgs", help_text=_("Kun de verdensmål, eleverne faktisk arbejder med.")),
    ]
    practical_panels = [
        FieldPanel("formats"),
        FieldRowPanel([FieldPanel("duration"), FieldPanel("duration_minutes")]),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldRowPanel([FieldPanel("price_amount"), FieldPanel("price_note")])],
            heading=_("Pris"),
        ),
        FieldRowPanel([FieldPanel("group_size_min"), FieldPanel("group_size_max")], heading=_("Gruppestørrelse")),
        MultiFieldPanel(
            [
                FieldPanel("months"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("dates_note"),
            ],
            heading=_("Hvornår"),
            help_text=_("Efter periodens sidste dag forsvinder tilbuddet af sig selv fra søgningen."),
        ),
        FieldPanel("languages"),
        MultiFieldPanel(
            [
                FieldPanel("use_environment_location"),
                FieldPanel("location_address"),
                FieldPanel(
                    "location_postcode",
                    widget=PostcodeInput(),
                    help_text=_("Fire cifre, f.eks. 8000 (kun hvis tilbuddet ikke foregår på miljøets adresse)."),
                ),
            ],
            heading=_("Sted"),
        ),
        MultiFieldPanel(
            [FieldPanel("step_free_access"), FieldPanel("special_needs_adapted"), FieldPanel("accessibility_info")],
            heading=_("Tilgængelighed"),
        ),
        FieldPanel("last_verified", read_only=True),
    ]
    booking_panels = [
        FieldPanel("booking_url", help_text=_("Jeres bookingside, hvis I har en.")),
        FieldRowPanel([FieldPanel("booking_email"), FieldPanel("booking_phone")]),
        FieldPanel("booking_deadline_note", help_text=_("F.eks. “Book senest 3 uger før”.")),
        FieldPanel("takes_platform_requests"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Indhold")),
            ObjectList(audience_panels, heading=_("Målgruppe og fag")),
            ObjectList(practical_panels, heading=_("Praktisk")),
            ObjectList(booking_panels, heading=_("Booking")),
            ObjectList(Page.promote_panels, heading=_("Promovering")),
            ObjectList(Page.settings_panels, heading=_("Indstillinger")),
        ]
    )

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
        from .selectors import (  # page models render themselves; selectors import models
            offers_of_environment,
            related_offers_nearby,
        )
        from .structured_data import offer_json_ld  # as above: structured_data imports models

        context = super().get_context(request, *args, **kwargs)
        context["same_environment_offers"] = (
            offers_of_environment(self.environment, exclude=self, limit=4) if self.environment_id else []
        )
        context["nearby_offers"] = related_offers_nearby(self)
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


class SearchTerm(models.Model):
    """A word that occurs in the offers' text: the vocabulary for "did you mean" suggestions."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")

    def __str__(self) -> str:
        return self.word


class OfferSearchRow(models.Model):
    """An offer's narrow row for the search: what filters, facet counts and sorting read.

    ``offers_offerpage`` rows are wide (texts and the tsvector, over 1 kB each); scanning them for
    facet counts over tens of thousands of offers costs more than the whole request may. This row
    (about 200 bytes) carries the page's live flag, title and dates, the filter columns under the
    same names as on OfferPage (so one FilterSet filters either), and the facts as bit sets (layout by
    the facet registry, offers.search.facets), so that one pass counts every facet option with integer
    masks. Maintained only by ``offers.search.index.refresh_offer_search()``.
    """

    offer = models.OneToOneField(OfferPage, primary_key=True, on_delete=models.CASCADE, related_name="search_row")
    live = models.BooleanField(default=False)
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    grade_min = models.SmallIntegerField(default=0)
    grade_max = models.SmallIntegerField(default=0)
    is_free = models.BooleanField(default=False)
    price_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    step_free_access = models.BooleanField(default=False)
    special_needs_adapted = models.BooleanField(default=False)
    formats = ArrayField(models.CharField(max_length=12), default=list)
    months = ArrayField(models.SmallIntegerField(), default=list)
    languages = ArrayField(models.CharField(max_length=5), default=list)
    subject_ids = ArrayField(models.IntegerField(), default=list)
    subject_area_ids = ArrayField(models.IntegerField(), default=list)
    sdg_ids = ArrayField(models.IntegerField(), default=list)
    # One bit per facet option (layout: offers.search.facets.bit_layout), 63 to a word, as many words as needed.
    facet_words = ArrayField(models.BigIntegerField(), default=list)
    environment = models.ForeignKey(
        LearningEnvironmentPage, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    environment_type = models.ForeignKey(
        EnvironmentType, null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    municipality = models.ForeignKey(
        "geography.Municipality", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    region = models.ForeignKey(
        "geography.Region", null=True, on_delete=models.SET_NULL, related_name="+", db_constraint=False
    )
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    # A copy of OfferPage.search_vector: text matches then read these rows only (no join, no wide heap).
    search_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("søgerække for tilbud")
        verbose_name_plural = _("søgerækker for tilbud")
        indexes = [
            models.Index(fields=["live", "-first_published_at"], name="offer_row_live_published"),
            models.Index(fields=["latitude", "longitude"], name="offer_row_lat_lon"),
            GinIndex(fields=["subject_ids"], name="offer_row_subject_ids_gin"),
            GinIndex(fields=["subject_area_ids"], name="offer_row_area_ids_gin"),
            GinIndex(fields=["sdg_ids"], name="offer_row_sdg_ids_gin"),
            GinIndex(fields=["search_vector"], name="offer_row_search_vector_gin"),
            models.Index(fields=["title"], name="offer_row_title"),  # the suggestions' title groups
        ]

    def __str__(self) -> str:
        return self.title


class SearchSuggestion(models.Model):
    """What the search box suggests as a teacher types: one row per word start of a suggestion's label.

    "Skovtur med naturvejleder" has the keys "skovtur med naturvejleder", "med naturvejleder" and
    "naturvejleder", so typing the start of any of its words finds it with one prefix scan of a B-tree
    (``text_pattern_ops``, per kind) that carries everything the answer needs. Offer titles are grouped (several
    offers may share a title: ``page`` is set only for a title of one offer); environments, subjects and
    kommuner are one suggestion each. Only live content with live offers (``weight``: the live offers it
    leads to). Maintained by ``offers.search.suggestions.refresh_suggestions()``, which
    ``refresh_offer_search()`` calls.
    """

    OFFER, ENVIRONMENT, SUBJECT, MUNICIPALITY = "tilbud", "miljoe", "fag", "kommune"
    KIND_CHOICES = [
        (OFFER, _("Tilbud")),
        (ENVIRONMENT, _("Læringsmiljø")),
        (SUBJECT, _("Fag")),
        (MUNICIPALITY, _("Kommune")),
    ]

    kind = models.CharField(max_length=8, choices=KIND_CHOICES)
    key = models.CharField(max_length=255)  # normalised (lower case, "aa" as "å"), from one word of the label on
    starts = models.BooleanField(default=False)  # the key is the beginning of the label
    label = models.CharField(max_length=255)
    detail = models.CharField(max_length=255, blank=True)
    weight = models.PositiveIntegerField(default=0)
    page = models.ForeignKey(Page, null=True, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    value = models.CharField(max_length=100, blank=True)  # the filter value of a subject or kommune (its slug)

    class Meta:
        verbose_name = _("søgeforslag")
        verbose_name_plural = _("søgeforslag")
        indexes = [
            models.Index(
                fields=["kind", "key"],
                opclasses=["text_ops", "text_pattern_ops"],
                include=["starts", "weight", "page", "label", "detail", "value"],
                name="offer_suggestion_key",
            ),
            models.Index(fields=["kind", "label"], name="offer_suggestion_kind_label"),
        ]

    def __str__(self) -> str:
        return self.label
