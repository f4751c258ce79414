"""The partnership: its model, status, partner, money and the rules on them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin

from municipalities.services import municipal_display_name
from skoletjenesten.text import danish_slugify

from ..forms import PartnershipForm
from .organisations import NON_NEGATIVE_AMOUNT, PartnerKind, PartnerOrganisation


class PartnershipModel(models.TextChoices):
    INTERNAL = "intern", _("Intern")
    EXTERNAL = "ekstern", _("Ekstern")
    PROJECT = "projekt", _("Projekt")


class PartnershipStatus(models.TextChoices):
    NEGOTIATING = "forhandling", _("Under forhandling")
    ACTIVE = "aktiv", _("Aktiv")
    ENDING = "ophoerer", _("Ophører")
    ENDED = "ophoert", _("Ophørt")


# Statuses of partnerships that are part of the current portfolio (everything not yet ended).
CURRENT_STATUSES = (PartnershipStatus.NEGOTIATING, PartnershipStatus.ACTIVE, PartnershipStatus.ENDING)
# Statuses a public partnership page may be shown in.
PUBLIC_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.ENDING)


class PartnershipQuerySet(models.QuerySet):
    def current(self) -> PartnershipQuerySet:
        return self.filter(status__in=CURRENT_STATUSES)

    def public(self) -> PartnershipQuerySet:
        """What the public pages may show: marked public by staff, and running."""
        return self.filter(is_public=True, status__in=PUBLIC_STATUSES)

    def with_partner(self) -> PartnershipQuerySet:
        return self.select_related(
            "partner_environment__environment_type",
            "partner_environment__municipality__region",
            "partner_municipality__region",
            "partner_organisation__region",
            "region",
        )

    def due_between(self, first: datetime.date, last: datetime.date) -> PartnershipQuerySet:
        """Current partnerships ending or due for renegotiation within [first, last]."""
        return self.current().filter(Q(end_date__range=(first, last)) | Q(renegotiation_date__range=(first, last)))


class Partnership(RevisionMixin, ClusterableModel):
    """A partnership between Skoletjenesten and one partner, after one of the three models."""

    title = models.CharField(
        _("titel"), max_length=200, help_text=_("F.eks. »Pædagogisk laboratorium på Nationalmuseet«.")
    )
    slug = models.SlugField(
        _("adresse (slug)"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Bruges i adressen på den offentlige side. Udfyldes ud fra titlen, hvis feltet er tomt."),
    )
    # Exactly one of the three partner fields is set (validated in clean() and by a check constraint).
    partner_environment = models.ForeignKey(
        "offers.LearningEnvironmentPage",
        verbose_name=_("læringsmiljø"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    partner_municipality = models.ForeignKey(
        "geography.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    partner_organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("anden organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    model = models.CharField(_("partnerskabsmodel"), max_length=10, choices=PartnershipModel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=PartnershipStatus.choices, default=PartnershipStatus.NEGOTIATING
    )
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"), null=True, blank=True, help_text=_("Skal udfyldes for projekter."))
    renegotiation_date = models.DateField(_("genforhandlingsdato"), null=True, blank=True)
    skoletjenesten_contribution = models.IntegerField(
        _("Skoletjenestens bidrag pr. år (kr.)"), default=0, validators=[NON_NEGATIVE_AMOUNT]
    )
    partner_contribution = models.IntegerField(
        _("partnerens bidrag pr. år (kr.)"), default=0, validators=[NON_NEGATIVE_AMOUNT]
    )
    subject_areas = ParentalManyToManyField(
        "curriculum.SubjectArea", verbose_name=_("fagområder"), blank=True, related_name="partnerships"
    )
    region = models.ForeignKey(
        "geography.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text=_("Udfyldes ud fra partneren, hvis feltet er tomt."),
    )
    laboratory_theme = models.CharField(_("tema for pædagogisk laboratorium"), max_length=200, blank=True)
    agreed_tasks = RichTextField(_("aftalte opgaver"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    notes = models.TextField(_("interne noter"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig medarbejder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_partnerships",
        help_text=_("Får påmindelser før genforhandling og udløb."),
    )
    is_public = models.BooleanField(
        _("vis offentligt"),
        default=False,
        help_text=_("Partnerskabet vises på den offentlige oversigt, når det er aktivt."),
    )
    public_summary = models.TextField(_("offentlig beskrivelse"), blank=True)
    publish_contributions = models.BooleanField(_("vis bidrag offentligt"), default=False)
    publish_staff = models.BooleanField(_("vis samfinansierede medarbejdere offentligt"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partnership")

    objects = PartnershipQuerySet.as_manager()

    base_form_class = PartnershipForm
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    MultiFieldPanel(
                        [
                            HelpPanel(content=_("Vælg præcis én partner.")),
                            FieldPanel("partner_environment"),
                            FieldPanel("partner_municipality"),
                            FieldPanel("partner_organisation"),
                        ],
                        heading=_("Partner"),
                    ),
                    FieldRowPanel([FieldPanel("model"), FieldPanel("status")]),
                    FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("renegotiation_date")]),
                    FieldPanel("responsible"),
                    FieldRowPanel([FieldPanel("skoletjenesten_contribution"), FieldPanel("partner_contribution")]),
                    InlinePanel("staff", label=_("Samfinansierede medarbejdere")),
                ],
                heading=_("Aftale"),
            ),
            ObjectList(
                [
                    FieldPanel("subject_areas"),
                    FieldPanel("region"),
                    FieldPanel("laboratory_theme"),
                    FieldPanel("agreed_tasks"),
                    FieldPanel("notes"),
                ],
                heading=_("Indhold"),
            ),
            ObjectList(
                [InlinePanel("contacts", label=_("Kontaktpersoner"))],
                heading=_("Kontakter"),
            ),
            ObjectList(
                [
                    InlinePanel("documents", label=_("Dokumenter")),
                    InlinePanel("knowledge_products", label=_("Vidensprodukter")),
                ],
                heading=_("Dokumenter og viden"),
            ),
            ObjectList(
                [
                    FieldPanel("is_public"),
                    FieldPanel("public_summary"),
                    FieldPanel("publish_contributions"),
                    FieldPanel("publish_staff"),
                    HelpPanel(
                        content=_(
                            "Kontaktpersoner, dokumenter og vidensprodukter vises kun, hvis de hver især er markeret "
                            "som offentlige."
                        )
                    ),
                ],
                heading=_("Offentlig visning"),
            ),
        ]
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnerskab")
        verbose_name_plural = _("partnerskaber")
        constraints = [
            models.CheckConstraint(
                name="partnership_exactly_one_partner",
                condition=(
                    Q(
                        partner_environment__isnull=False,
                        partner_municipality__isnull=True,
                        partner_organisation__isnull=True,
                    )
                    | Q(
                        partner_environment__isnull=True,
                        partner_municipality__isnull=False,
                        partner_organisation__isnull=True,
                    )
                    | Q(
                        partner_environment__isnull=True,
                        partner_municipality__isnull=True,
                        partner_organisation__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(
                name="partnership_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
            ),
            models.CheckConstraint(
                name="partnership_contributions_non_negative",
                condition=Q(skoletjenesten_contribution__gte=0, partner_contribution__gte=0),
            ),
            # One active partnership per partner and model; enforced by the database so two
            # simultaneous saves cannot both succeed.
            *[
                models.UniqueConstraint(
                    fields=[field, "model"],
                    condition=Q(status=PartnershipStatus.ACTIVE),
                    name=f"partnership_one_active_per_{field}_and_model",
                    violation_error_message=_(
                        "Der findes allerede et aktivt partnerskab med denne partner efter samme model."
                    ),
                )
                for field in ("partner_environment", "partner_municipality", "partner_organisation")
            ],
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def partner(self):
        return self.partner_environment or self.partner_municipality or self.partner_organisation

    @property
    def partner_name(self) -> str:
        partner = self.partner
        if partner is None:
            return ""
        if self.partner_municipality_id:
            # Imported here: the services module loads page models of other apps.
            return municipal_display_name(partner)
        return partner.title if self.partner_environment_id else partner.name

    @property
    def institution_type(self) -> str:
        """The kind of partner, for the portfolio's spread across institution types."""
        if self.partner_environment_id:
            return str(self.partner_environment.environment_type)
        if self.partner_municipality_id:
            return str(_("Kommune"))
        if self.partner_organisation_id:
            return str(PartnerKind(self.partner_organisation.kind).label)
        return ""

    # Labels by enum look-up: get_FOO_display() hashes the field's choices on every call, which
    # dominates a 2,000-row export.
    @property
    def model_label(self) -> str:
        return str(PartnershipModel(self.model).label)

    @property
    def status_label(self) -> str:
        return str(PartnershipStatus(self.status).label)

    @property
    def effective_region(self):
        if self.region_id:
            return self.region
        if self.partner_environment_id and self.partner_environment.municipality_id:
            return self.partner_environment.municipality.region
        if self.partner_municipality_id:
            return self.partner_municipality.region
        if self.partner_organisation_id:
            return self.partner_organisation.region
        return None

    @property
    def total_fte(self) -> Decimal:
        return sum((row.fte for row in self.staff.all()), Decimal("0"))

    def responsible_name(self) -> str:
        if self.responsible is None:
            return ""
        return self.responsible.get_full_name() or self.responsible.get_username()

    def subject_area_names(self) -> str:
        return ", ".join(area.name for area in self.subject_areas.all())

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        partners = [self.partner_environment_id, self.partner_municipality_id, self.partner_organisation_id]
        chosen = sum(1 for value in partners if value)
        if chosen != 1:
            message = _("Vælg præcis én partner: et læringsmiljø, en kommune eller en anden organisation.")
            errors["partner_environment"] = [message]
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = [_("Slutdatoen kan ikke ligge før startdatoen.")]
        if self.start_date and self.renegotiation_date and self.renegotiation_date < self.start_date:
            errors["renegotiation_date"] = [_("Genforhandlingsdatoen kan ikke ligge før startdatoen.")]
        elif self.end_date and self.renegotiation_date and self.renegotiation_date > self.end_date:
            errors["renegotiation_date"] = [_("Genforhandlingsdatoen kan ikke ligge efter slutdatoen.")]
        if self.model == PartnershipModel.PROJECT and self.start_date:
            max_months = settings.PARTNERSHIP_PROJECT_MAX_MONTHS
            if self.end_date is None:
                errors.setdefault("end_date", []).append(_("Et projektpartnerskab skal have en slutdato."))
            elif self.end_date > self.start_date + relativedelta(months=max_months):
                errors.setdefault("end_date", []).append(
                    _("Et projektpartnerskab kan højst vare %(months)s måneder.") % {"months": max_months}
                )
        if errors:
            raise ValidationError(errors)
        if not self.slug and self.title:
            self.slug = self._unique_slug()
        if self.region_id is None:
            region = self.effective_region
            self.region_id = region.pk if region else None

    def _unique_slug(self) -> str:
        base = danish_slugify(self.title)[:190] or "partnerskab"
        slug, number = base, 1
        while Partnership.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def validate_constraints(self, exclude=None) -> None:
        # The check constraints are mirrored by clean() with field-level Danish messages; only the
        # unique constraints need a database look-up here, so the form does not show both.
        errors = {}
        for constraint in self._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint):
                continue
            try:
                constraint.validate(self.__class__, self, exclude=exclude)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        if self.region_id is None:
            region = self.effective_region
            self.region_id = region.pk if region else None
        super().save(*args, **kwargs)
