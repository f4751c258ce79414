"""A kommune's site and its settings (name, logo, accent colour), and the kinds of its organisation and goals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import SourceImageIOError
from wagtail.images.shortcuts import get_rendition_or_not_found

from geography.models import Municipality


class MunicipalSite(models.Model):
    """A kommune's own site on the platform: its Wagtail Site, editors' group and collection."""

    municipality = models.OneToOneField(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT, related_name="municipal_site"
    )
    site = models.OneToOneField("wagtailcore.Site", on_delete=models.PROTECT, related_name="municipal_site")
    editors_group = models.OneToOneField("auth.Group", on_delete=models.PROTECT, related_name="municipal_site")
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.PROTECT, related_name="municipal_site")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("kommunesite")
        verbose_name_plural = _("kommunesites")

    def __str__(self) -> str:
        return str(self.municipality)


# --- Municipal sites: settings, pages and the kommune's åben skole profile ---------------------------------


HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Skriv farven som en hex-kode, f.eks. #00529b."))


def _relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio between the colour and white text."""
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


@register_setting(icon="site")
class MunicipalSiteSettings(BaseSiteSetting):
    """The kommune's name, logo and accent colour, per Wagtail Site."""

    display_name = models.CharField(
        _("kommunens navn"), max_length=80, blank=True, help_text=_("F.eks. “Aarhus Kommune”. Vises i sidehovedet.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("accentfarve"),
        max_length=7,
        default="#00529b",
        validators=[HEX_COLOUR],
        help_text=_("Bruges til sidehoved og knapper med hvid tekst, så farven skal være mørk nok (kontrast 4,5:1)."),
    )

    panels = [FieldPanel("display_name"), FieldPanel("logo"), FieldPanel("accent_colour")]
    select_related = ["logo"]  # every municipal page shows the logo

    class Meta:
        verbose_name = _("kommunesitets udseende")

    def __str__(self) -> str:
        return self.display_name or str(self.site)

    LOGO_SPECS = ("height-48|format-webp", "height-96|format-webp", "height-48|format-png", "height-96|format-png")

    @cached_property
    def logo_renditions(self) -> list:
        """The header's four logo renditions (WebP and PNG, 1x and 2x) in one query, in ``LOGO_SPECS``' order (an
        ``{% image %}`` tag each read them one query at a time on every page of the site)."""
        if self.logo is None:
            return []
        try:
            renditions = self.logo.get_renditions(*self.LOGO_SPECS)
        except SourceImageIOError:  # a file missing: as the {% image %} tag, a "not found" for those it lacks
            return [get_rendition_or_not_found(self.logo, spec) for spec in self.LOGO_SPECS]
        return [renditions[spec] for spec in self.LOGO_SPECS]

    @property
    def safe_accent_colour(self) -> str:
        """The accent colour for CSS, only ever a validated hex value."""
        return self.accent_colour if HEX_COLOUR.regex.fullmatch(self.accent_colour or "") else "#00529b"

    def clean(self):
        super().clean()
        if HEX_COLOUR.regex.match(self.accent_colour or "") and contrast_with_white(self.accent_colour) < 4.5:
            raise ValidationError(
                {
                    "accent_colour": _(
                        "Farven er for lys til hvid tekst (kontrast %(ratio).1f:1, mindst 4,5:1 kræves). "
                        "Vælg en mørkere."
                    )
                    % {"ratio": contrast_with_white(self.accent_colour)}
                }
            )


class OrganisationModel(models.TextChoices):
    """The six ways a kommune organises school–company collaboration (Nationalt netværk af skoletjenester 2018)."""

    FORMALISED = "formaliseret", _("Den formaliserede model")
    SUPPORTING = "understoettende", _("Den understøttende model")
    PROJECT = "projektorienteret", _("Den projektorienterede model")
    NETWORK = "netvaerksorienteret", _("Den netværksorienterede model")
    EXTERNAL = "ekstern", _("Den eksterne model")
    AD_HOC = "ad-hoc", _("Den ad hoc-prægede model")


class GoalKind(models.TextChoices):
    SCOPE = "omfang", _("Omfang")
    SUBJECT = "faglighed", _("Faglighed")
    AWARENESS = "kendskab", _("Kendskab")
