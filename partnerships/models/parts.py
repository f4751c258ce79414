"""A partnership's parts: co-financed staff, contacts, documents, knowledge products and reminders."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable

from .organisations import LocalizedDecimalField
from .partnership import Partnership


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
