"""Skoletjenesten's partnerships, and the collaboration agreements kommuner keep for their schools.

A partnership's partner is exactly one of: a learning environment on the platform, a kommune, or
another organisation (a university, a region, a foreign city …) kept as a ``PartnerOrganisation``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, RevisionMixin

from municipalities.models import GoalKind
from municipalities.services import municipal_display_name
from skoletjenesten.text import danish_slugify

from .forms import CollaborationAgreementForm, PartnershipForm

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


class Side(models.TextChoices):
    SKOLETJENESTEN = "skoletjenesten", _("Skoletjenesten")
    PARTNER = "partner", _("Partneren")


class CoFinancedStaff(Orderable):
    """Co-financed employees of a partnership: how many, how many full-time equivalents, employed where."""

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(_("funktion"), max_length=120, help_text=_("F.eks. »Museumsformidler«."))
    people = models.PositiveSmallIntegerField(
        _("antal personer"), default=1, validators=[MinValueValidator(1, message=_("Angiv mindst én person."))]
    )
    fte = LocalizedDecimalField(
        _("årsværk"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"), message=_("Årsværk skal være større end 0."))],
        help_text=_("Fuldtidsstillinger i alt, f.eks. 0,5."),
    )
    employed_by = models.CharField(_("ansat hos"), max_length=20, choices=Side.choices, default=Side.PARTNER)
    names = models.CharField(_("navne"), max_length=200, blank=True)

    panels = [
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("people"), FieldPanel("fte"), FieldPanel("employed_by")]),
        FieldPanel("names"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("samfinansieret medarbejder")
        verbose_name_plural = _("samfinansierede medarbejdere")
        constraints = [
            models.CheckConstraint(name="staff_fte_within_people", condition=Q(fte__gt=0, fte__lte=models.F("people")))
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.fte} årsværk)"

    def clean(self) -> None:
        super().clean()
        if self.fte is not None and self.people and self.fte > self.people:
            raise ValidationError(
                {
                    "fte": _("%(fte)s årsværk er umuligt for %(people)s person(er): højst ét årsværk pr. person.")
                    % {"fte": self.fte, "people": self.people}
                }
            )

    def validate_constraints(self, exclude=None) -> None:
        # Mirrored by clean() with a field-level message.
        return None


class PartnershipContact(Orderable):
    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="contacts")
    side = models.CharField(_("part"), max_length=20, choices=Side.choices, default=Side.PARTNER)
    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(_("rolle"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    is_public = models.BooleanField(_("vis offentligt"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role"), FieldPanel("side")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("is_public")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class DocumentKind(models.TextChoices):
    AGREEMENT = "aftale", _("Partnerskabsaftale")
    ANNUAL_REPORT = "aarsrapport", _("Årsrapport")
    OTHER = "andet", _("Andet")


class PartnershipDocument(Orderable):
    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=12, choices=DocumentKind.choices, default=DocumentKind.AGREEMENT)
    year = models.PositiveSmallIntegerField(_("år"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dokument"), on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(_("vis offentligt"), default=False)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]), FieldPanel("document"), FieldPanel("is_public")]

    class Meta(Orderable.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year or ''}".strip()


class KnowledgeProductKind(models.TextChoices):
    ARTICLE = "artikel", _("Artikel")
    TOOL = "vaerktoej", _("Værktøj")
    FILM = "film", _("Film")
    PODCAST = "podcast", _("Podcast")


class KnowledgeProduct(Orderable):
    """Knowledge produced in a partnership: a link or an uploaded file."""

    partnership = ParentalKey(Partnership, on_delete=models.CASCADE, related_name="knowledge_products")
    kind = models.CharField(_("type"), max_length=10, choices=KnowledgeProductKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("fil"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published = models.DateField(_("udgivet"), null=True, blank=True)
    is_public = models.BooleanField(_("vis offentligt"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("url"), FieldPanel("document")]),
        FieldRowPanel([FieldPanel("published"), FieldPanel("is_public")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vidensprodukt")
        verbose_name_plural = _("vidensprodukter")

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.url or (self.document.url if self.document_id else "")

    def clean(self) -> None:
        super().clean()
        if bool(self.url) == bool(self.document_id):
            raise ValidationError({"url": _("Angiv enten et link eller en fil – ikke begge og ikke ingen.")})


class ReminderKind(models.TextChoices):
    RENEGOTIATION = "genforhandling", _("Genforhandling")
    END = "udloeb", _("Udløb")


class PartnershipReminder(models.Model):
    """One reminder per partnership, kind and date. The row is created before the e-mail is sent,
    in the same transaction, so the unique constraint makes a second run (or a concurrent one)
    skip the date instead of sending again."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due_date = models.DateField()
    recipient = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("påmindelse")
        verbose_name_plural = _("påmindelser")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "kind", "due_date"], name="partnership_reminder_once_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership} – {self.get_kind_display()} {self.due_date:%d.%m.%Y}"


# --- Public pages ------------------------------------------------------------------------------


class PartnershipIndexPage(RoutablePageMixin, Page):
    """The public list of partnerships, with one sub-page per public, running partnership."""

    intro = RichTextField(_("introduktion"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("oversigt over partnerskaber")

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for partnership in Partnership.objects.public().only("slug", "updated_at"):
            urls.append({"location": f"{base}{partnership.slug}/", "lastmod": partnership.updated_at})
        return urls

    def public_partnerships(self) -> PartnershipQuerySet:
        return Partnership.objects.public().with_partner().prefetch_related("subject_areas").order_by("title")

    @path("")
    def index_route(self, request):
        partnerships = list(self.public_partnerships())
        headings = {
            PartnershipModel.INTERNAL: _("Interne partnerskaber"),
            PartnershipModel.EXTERNAL: _("Eksterne partnerskaber"),
            PartnershipModel.PROJECT: _("Projektpartnerskaber"),
        }
        groups = [(headings[value], [p for p in partnerships if p.model == value]) for value in PartnershipModel]
        return self.render(request, context_overrides={"partnerships": partnerships, "groups": groups})

    @path("<slug:slug>/")
    def partnership_route(self, request, slug: str):
        partnership = get_object_or_404(self.public_partnerships(), slug=slug)
        return self.render(
            request,
            template="partnerships/partnership_detail_page.html",
            context_overrides={
                "partnership": partnership,
                "contacts": partnership.contacts.filter(is_public=True),
                "documents": partnership.documents.filter(is_public=True).select_related("document"),
                "knowledge_products": partnership.knowledge_products.filter(is_public=True).select_related("document"),
                "staff": partnership.staff.all() if partnership.publish_staff else [],
            },
        )


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
