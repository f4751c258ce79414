"""Learning environments: their types, the index page, the environment page and its contacts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from skoletjenesten.routing import OneTypeChildRouting


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


class LearningEnvironmentIndexPage(OneTypeChildRouting, Page):
    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["offers.LearningEnvironmentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("oversigt over læringsmiljøer")

    def get_context(self, request, *args, **kwargs):
        from ..environment_list import environment_list  # the list module imports this one

        context = super().get_context(request, *args, **kwargs)
        listing = environment_list(request.GET, index=self, request=request)
        context.update(listing=listing, environments=listing.page)
        return context


def missing_alt_text(page) -> str | None:
    """The form error when a page's image has no alternative text, neither on the page nor on the image."""
    if page.image_id and not page.image_alt_text.strip() and not (page.image.description or "").strip():
        return _("Skriv, hvad billedet viser (alternativ tekst), eller giv billedet en beskrivelse i billeder.")
    return None


class LearningEnvironmentPage(OneTypeChildRouting, Page):
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

    def get_context(self, request, *args, **kwargs):
        from ..selectors import (  # page models render themselves; selectors import models
            offer_cards,
            offer_ids_of_environment,
        )
        from ..structured_data import environment_json_ld  # as above: structured_data imports models

        context = super().get_context(request, *args, **kwargs)
        # Every offer's card, each cached on its own: rendering 50 cards was most of the biggest page's time.
        context["offer_cards"] = offer_cards(offer_ids_of_environment(self), request)
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
