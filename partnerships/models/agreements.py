"""Collaboration agreements (samarbejdsaftaler) between a kommune's schools and learning environments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable

from municipalities.models import GoalKind

from ..forms import CollaborationAgreementForm

# --- Collaboration agreements (samarbejdsaftaler) -------------------------------------------


class CollaborationAgreementQuerySet(models.QuerySet):
    def for_municipalities(self, municipalities) -> CollaborationAgreementQuerySet:
        return self.filter(municipality__in=municipalities)

    def with_risk_flags(self) -> CollaborationAgreementQuerySet:
        """Annotate the two weaknesses the mapping warns about: one school contact, nothing in writing."""
        return self.annotate(
            school_contact_count=Count("contacts", filter=Q(contacts__side=AgreementSide.SCHOOL), distinct=True)
        ).annotate(
            hangs_on_one_person=models.ExpressionWrapper(
                Q(school_contact_count__lte=1), output_field=models.BooleanField()
            ),
        )

    def at_risk(self) -> CollaborationAgreementQuerySet:
        return self.with_risk_flags().filter(Q(school_contact_count__lte=1) | Q(written_agreement=False))


class AgreementSide(models.TextChoices):
    SCHOOL = "skole", _("Skolen")
    PARTNER = "partner", _("Partneren")


class CollaborationAgreement(ClusterableModel):
    """A school's collaboration agreement with a learning environment or a company, kept by its kommune."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        related_name="collaboration_agreements",
    )
    school_name = models.CharField(_("skole"), max_length=200)
    partner_environment = models.ForeignKey(
        "offers.LearningEnvironmentPage",
        verbose_name=_("læringsmiljø"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collaboration_agreements",
    )
    partner_company = models.CharField(
        _("virksomhed"), max_length=200, blank=True, help_text=_("Udfyldes, hvis partneren ikke er et læringsmiljø.")
    )
    grades = ParentalManyToManyField("curriculum.Grade", verbose_name=_("klassetrin"), blank=True)
    subjects = ParentalManyToManyField("curriculum.Subject", verbose_name=_("fag"), blank=True)
    goal_kind = models.CharField(_("mål"), max_length=10, choices=GoalKind.choices)
    written_agreement = models.BooleanField(_("skriftlig aftale"), default=False)
    start_date = models.DateField(_("fra"))
    end_date = models.DateField(_("til"), null=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CollaborationAgreementQuerySet.as_manager()

    base_form_class = CollaborationAgreementForm
    panels = [
        FieldPanel("municipality"),
        FieldPanel("school_name"),
        MultiFieldPanel(
            [FieldPanel("partner_environment"), FieldPanel("partner_company")],
            heading=_("Partner (et læringsmiljø eller en virksomhed)"),
        ),
        FieldPanel("goal_kind"),
        FieldPanel("grades"),
        FieldPanel("subjects"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("written_agreement"),
        FieldPanel("description"),
        InlinePanel("contacts", label=_("Kontaktpersoner på begge sider")),
    ]

    class Meta:
        ordering = ["school_name"]
        verbose_name = _("samarbejdsaftale")
        verbose_name_plural = _("samarbejdsaftaler")
        constraints = [
            models.CheckConstraint(
                name="agreement_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school_name} – {self.partner_name}"

    @property
    def partner_name(self) -> str:
        return self.partner_environment.title if self.partner_environment_id else self.partner_company

    @cached_property
    def school_contacts(self) -> list[AgreementContact]:
        return [contact for contact in self.contacts.all() if contact.side == AgreementSide.SCHOOL]

    @property
    def depends_on_one_person(self) -> bool:
        return len(self.school_contacts) <= 1

    def clean(self) -> None:
        super().clean()
        errors = {}
        if bool(self.partner_environment_id) == bool(self.partner_company.strip()):
            errors["partner_company"] = [_("Angiv enten et læringsmiljø eller en virksomhed som partner.")]
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = [_("Slutdatoen kan ikke ligge før startdatoen.")]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None) -> None:
        # Mirrored by clean() with field-level messages.
        return None


class AgreementContact(Orderable):
    agreement = ParentalKey(CollaborationAgreement, on_delete=models.CASCADE, related_name="contacts")
    side = models.CharField(_("part"), max_length=10, choices=AgreementSide.choices, default=AgreementSide.SCHOOL)
    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(_("rolle"), max_length=120, blank=True, help_text=_("F.eks. lærer, skoleleder, PLC."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("side"), FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name
