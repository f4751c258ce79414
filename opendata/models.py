"""Embeddable widgets: a kommune's or an environment's offers on another website, in one snippet."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import HEX_COLOUR, contrast_with_white

MAX_WIDGET_OFFERS = 24


class EmbedWidget(models.Model):
    """One embed: whose offers (a kommune's, as its site's search, or one environment's), which, how many, colour."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("navn"), max_length=100, help_text=_("Kun til jer selv, f.eks. “Skoleintra forside”."))
    heading = models.CharField(_("overskrift"), max_length=100, default="Undervisningstilbud")
    municipality = models.ForeignKey(
        "geography.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="embed_widgets",
    )
    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage",
        verbose_name=_("læringsmiljø"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="embed_widgets",
    )
    target_group = models.ForeignKey(
        "curriculum.TargetGroup",
        verbose_name=_("målgruppe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_area = models.ForeignKey(
        "curriculum.SubjectArea",
        verbose_name=_("fagområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    free_only = models.BooleanField(_("kun gratis tilbud"), default=False)
    limit = models.PositiveSmallIntegerField(
        _("antal tilbud"), default=6, validators=[MinValueValidator(1), MaxValueValidator(MAX_WIDGET_OFFERS)]
    )
    accent_colour = models.CharField(_("accentfarve"), max_length=7, default="#00529b", validators=[HEX_COLOUR])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indlejring")
        verbose_name_plural = _("indlejringer")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True, environment__isnull=False)
                | models.Q(municipality__isnull=False, environment__isnull=True),
                name="embed_widget_one_scope",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (self.municipality_id is None) == (self.environment_id is None):
            raise ValidationError(_("Vælg enten en kommune eller et læringsmiljø."))
        if HEX_COLOUR.regex.fullmatch(self.accent_colour or "") and contrast_with_white(self.accent_colour) < 4.5:
            raise ValidationError(
                {
                    "accent_colour": _("Farven er for lys til hvid tekst (kontrast %(ratio).1f:1, mindst 4,5:1).")
                    % {"ratio": contrast_with_white(self.accent_colour)}
                }
            )

    @property
    def safe_accent_colour(self) -> str:
        return self.accent_colour if HEX_COLOUR.regex.fullmatch(self.accent_colour or "") else "#00529b"
