"""The annual catalogue (årskatalog): editions, their export runs and the files a run publishes."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

SCHOOL_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


def parse_school_year(value: str) -> int:
    """'2027/28', '2027-28' or '2027/2028' → 2027 (the year the school year starts on 1 August)."""
    match = SCHOOL_YEAR_RE.match(str(value))
    if not match:
        raise ValueError(_("Skoleåret skrives som f.eks. 2027/28."))
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if end_year != start + 1:
        raise ValueError(_("Et skoleår går fra ét år til det næste, f.eks. 2027/28."))
    check_school_year(start)
    return start


FIRST_SCHOOL_YEAR = 2000
YEARS_AHEAD = 5


def check_school_year(start_year: int) -> None:
    """Only sensible years: from 2000/01 to five years ahead (never 0, 1900 or 9998)."""
    last = datetime.date.today().year + YEARS_AHEAD
    if not FIRST_SCHOOL_YEAR <= start_year <= last:
        raise ValueError(
            _("Skoleåret skal ligge mellem %(first)s og %(last)s.")
            % {"first": school_year_label(FIRST_SCHOOL_YEAR), "last": school_year_label(last)}
        )


def school_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def school_year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    """A school year runs from 1 August to 31 July."""
    return datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31)


class PageFormat(models.TextChoices):
    A4 = "A4", "A4"
    A5 = "A5", "A5"


# The reverse of the environments app's rule (environments.confirmation.catalogue_deadlines): that app,
# which this one may not import, fills this Wagtail hook in its wagtail_hooks.py. Each registered function
# takes a school year (its start year) and returns (name, deadline) pairs of that year's confirmation
# rounds. See docs/architecture.md, "Rules between apps".
CONFIRMATION_ROUND_DEADLINES_HOOK = "catalogue_confirmation_round_deadlines"


def confirmation_round_deadlines(school_year: int) -> list[tuple[str, datetime.date]]:
    """The confirmation rounds' deadlines for a school year, earliest first (from the hook's functions)."""
    found: list[tuple[str, datetime.date]] = []
    for deadlines_for in hooks.get_hooks(CONFIRMATION_ROUND_DEADLINES_HOOK):
        found.extend(deadlines_for(school_year))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


class CatalogueEdition(models.Model):
    """One year's catalogue, national or for one kommune, and the rules that pick its offers."""

    school_year = models.PositiveSmallIntegerField(
        _("skoleår (startår)"), help_text=_("Året skoleåret begynder 1. august, f.eks. 2027 for 2027/28.")
    )
    title = models.CharField(_("titel"), max_length=200)
    introduction = RichTextField(_("introduktion"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("forsidebillede"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Sidste frist for at få tilbud med i kataloget.")
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        verbose_name=_("kommune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalogue_editions",
        help_text=_("Tom for det nationale katalog; ellers kun tilbud, skoler i kommunen kan bruge."),
    )
    page_format = models.CharField(_("format"), max_length=2, choices=PageFormat.choices, default=PageFormat.A4)

    # Selection rules: published offers running in the school year, narrowed by any of these.
    target_groups = models.ManyToManyField(
        "curriculum.TargetGroup", verbose_name=_("målgrupper"), blank=True, related_name="+"
    )
    subject_areas = models.ManyToManyField(
        "curriculum.SubjectArea", verbose_name=_("fagområder"), blank=True, related_name="+"
    )
    regions = models.ManyToManyField("geography.Region", verbose_name=_("regioner"), blank=True, related_name="+")
    included_offers = models.ManyToManyField(
        "offers.OfferPage",
        verbose_name=_("tag altid med"),
        blank=True,
        related_name="+",
        help_text=_("Publicerede tilbud, der kommer med uanset reglerne ovenfor."),
    )
    excluded_offers = models.ManyToManyField("offers.OfferPage", verbose_name=_("udelad"), blank=True, related_name="+")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("municipality")]),
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("cover_image"),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("page_format")]),
        MultiFieldPanel(
            [
                FieldPanel("target_groups"),
                FieldPanel("subject_areas"),
                FieldPanel("regions"),
            ],
            heading=_("Udvælgelse"),
            help_text=_(
                "Publicerede tilbud, der kører i skoleåret. Vælg målgrupper, fagområder eller regioner for at "
                "afgrænse; tomt betyder alle."
            ),
        ),
        MultiFieldPanel([FieldPanel("included_offers"), FieldPanel("excluded_offers")], heading=_("Manuelle valg")),
    ]

    class Meta:
        ordering = ["-school_year", "municipality__name"]
        verbose_name = _("katalogudgave")
        verbose_name_plural = _("katalogudgaver")
        permissions = [("build_catalogue", _("Kan bygge og hente årskataloget"))]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "municipality"],
                nulls_distinct=False,
                name="catalogue_one_edition_per_year_and_scope",
                violation_error_message=_("Der findes allerede en udgave for dette skoleår og denne kommune."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.school_year_label})"

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def scope_label(self) -> str:
        return self.municipality.name if self.municipality_id else str(_("Nationalt"))

    @property
    def slug(self) -> str:
        scope = self.municipality.code if self.municipality_id else "national"
        return f"{self.school_year}-{(self.school_year + 1) % 100:02d}-{scope}"

    def clean(self):
        super().clean()
        if self.school_year is not None:
            try:
                check_school_year(self.school_year)
            except ValueError as exc:
                raise ValidationError({"school_year": str(exc)}) from exc
        if self.school_year is not None and self.deadline is not None:
            # A confirmation round must end before the catalogue's deadline; the environments app checks it
            # when a round is saved, this when the catalogue's deadline moves (docs/architecture.md).
            late = [
                (name, date) for name, date in confirmation_round_deadlines(self.school_year) if date >= self.deadline
            ]
            if late:
                name, date = late[-1]
                raise ValidationError(
                    {
                        "deadline": _(
                            "Katalogets frist skal ligge efter bekræftelsesrundens frist: »%(name)s« har frist "
                            "%(date)s. Vælg en senere dato, eller flyt først rundens frist."
                        )
                        % {"name": name, "date": formats.date_format(date, "j. F Y")}
                    }
                )


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("I gang")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class CatalogueExport(models.Model):
    """One run of the export job for an edition. Each run has its own version and folder."""

    edition = models.ForeignKey(CatalogueEdition, on_delete=models.CASCADE, related_name="exports")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    stage = models.CharField(_("trin"), max_length=120, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The frozen selection and layout plan, so every part of a run (and a retry) sees the same offers.
    plan = models.JSONField(default=dict, blank=True)
    offer_count = models.PositiveIntegerField(default=0)
    chunks_total = models.PositiveIntegerField(default=0)
    chunks_done = models.PositiveIntegerField(default=0)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sign of life (queued, progress, re-queued): a run silent for CATALOGUE_STALL_MINUTES is re-queued.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    requeues = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("katalogkørsel")
        verbose_name_plural = _("katalogkørsler")
        constraints = [models.UniqueConstraint(fields=["edition", "version"], name="catalogue_export_version")]

    def __str__(self) -> str:
        return f"{self.edition} v{self.version}"

    @property
    def is_active(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def seconds_remaining(self) -> int | None:
        """The expected time left of a running build, from its pace so far (None until there is a pace)."""
        if self.status != ExportStatus.RUNNING or not self.started_at or not 5 < self.progress < 100:
            return None
        elapsed = (timezone.now() - self.started_at).total_seconds()
        return max(1, round(elapsed * (100 - self.progress) / self.progress))

    @property
    def remaining_label(self) -> str:
        """'ca. 1 min. 20 sek. tilbage' for the admin; empty when unknown."""
        seconds = self.seconds_remaining
        if seconds is None:
            return ""
        minutes, rest = divmod(seconds, 60)
        if not minutes:
            return _("ca. %(seconds)s sek. tilbage") % {"seconds": rest}
        return _("ca. %(minutes)s min. %(seconds)s sek. tilbage") % {"minutes": minutes, "seconds": rest}

    @property
    def folder(self) -> str:
        """Folder of this run in the catalogue storage (STORAGES["catalogue"])."""
        return f"catalogue/{self.edition.slug}/v{self.version}"


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class CatalogueFile(models.Model):
    """A published file of a run: written whole, checksummed, never overwritten."""

    export = models.ForeignKey(CatalogueExport, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=4, choices=FileKind.choices)
    name = models.CharField(_("sti"), max_length=255, help_text=_("Stien i mediefilerne."))
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("katalogfil")
        verbose_name_plural = _("katalogfiler")
        constraints = [models.UniqueConstraint(fields=["export", "kind"], name="catalogue_one_file_per_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def filename(self) -> str:
        return self.name.rsplit("/", 1)[-1]
