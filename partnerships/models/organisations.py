"""Partner organisations that are not on the platform, and the money field partnerships share."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)

NON_NEGATIVE_AMOUNT = MinValueValidator(0, message=_("Beløbet kan ikke være negativt."))


class LocalizedDecimalField(models.DecimalField):
    """A decimal whose form field accepts the Danish decimal comma (»0,5«)."""

    def formfield(self, **kwargs):
        kwargs.setdefault("localize", True)
        return super().formfield(**kwargs)


class PartnerKind(models.TextChoices):
    UNIVERSITY = "uddannelse", _("Universitet eller uddannelsesinstitution")
    REGION = "region", _("Region")
    FOREIGN_CITY = "udland", _("Udenlandsk by eller kommune")
    CULTURAL_INSTITUTION = "kultur", _("Kulturinstitution")
    ASSOCIATION = "forening", _("Forening eller fond")
    COMPANY = "virksomhed", _("Virksomhed")
    OTHER = "andet", _("Anden organisation")


class PartnerOrganisation(models.Model):
    """A partner that is neither a learning environment on the platform nor a Danish kommune."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=12, choices=PartnerKind.choices)
    country = models.CharField(_("land"), max_length=60, default="Danmark")
    region = models.ForeignKey(
        "geography.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_organisations",
        help_text=_("Tom for partnere uden for Danmark."),
    )
    website = models.URLField(_("hjemmeside"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldRowPanel([FieldPanel("country"), FieldPanel("region")])]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerorganisation")
        verbose_name_plural = _("partnerorganisationer")

    def __str__(self) -> str:
        return self.name
