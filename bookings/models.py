"""Teachers' booking requests to learning environments, their history and the e-mails they cause."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    SENT = "sendt", _("Afventer svar")
    PROPOSED = "foreslaaet", _("Ny dato foreslået")
    ACCEPTED = "accepteret", _("Accepteret")
    DECLINED = "afvist", _("Afvist")
    CANCELLED = "annulleret", _("Annulleret af læreren")


OPEN_STATUSES = (RequestStatus.SENT, RequestStatus.PROPOSED)


class DeclineReason(models.TextChoices):
    FULLY_BOOKED = "fuldt-booket", _("Fuldt booket")
    OUTSIDE_PERIOD = "uden-for-perioden", _("Uden for perioden")
    OTHER = "andet", _("Andet")


class BookingRequestQuerySet(models.QuerySet):
    def open(self) -> BookingRequestQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def not_anonymised(self) -> BookingRequestQuerySet:
        return self.filter(anonymised_at__isnull=True)

    def of_environments_under(self, paths: list[str]) -> BookingRequestQuerySet:
        """Requests for environments whose page lies under one of the given tree paths."""
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(environment__path__startswith=path)
        return self.filter(condition)


class BookingRequest(models.Model):
    """A teacher's request for a visit. Saved before any e-mail; the personal fields are blanked later."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    offer = models.ForeignKey("offers.OfferPage", null=True, on_delete=models.SET_NULL, related_name="booking_requests")
    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage", null=True, on_delete=models.SET_NULL, related_name="booking_requests"
    )
    offer_title = models.CharField(_("tilbud"), max_length=255)

    # The school (kept after anonymisation: it is what the kommune's demand figures count).
    school_name = models.CharField(_("skole"), max_length=200)
    school_postcode = models.ForeignKey(
        "geography.Postcode", verbose_name=_("skolens postnummer"), on_delete=models.PROTECT, related_name="+"
    )
    school_municipality = models.ForeignKey(
        "geography.Municipality", null=True, on_delete=models.SET_NULL, related_name="booking_requests"
    )
    distance_km = models.FloatField(_("afstand (km)"), null=True, blank=True)
    grade = models.ForeignKey("curriculum.Grade", verbose_name=_("klassetrin"), on_delete=models.PROTECT)
    pupils = models.PositiveSmallIntegerField(_("antal elever"))
    preferred_dates = ArrayField(models.DateField(), verbose_name=_("ønskede datoer"), default=list, blank=True)
    flexible = models.BooleanField(_("fleksibel dato"), default=False)

    # Personal data: blanked by the anonymisation task.
    teacher_name = models.CharField(_("lærerens navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    message = models.TextField(_("besked"), blank=True)

    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.SENT)
    visit_start = models.DateTimeField(_("besøget begynder"), null=True, blank=True)
    proposed_start = models.DateTimeField(_("foreslået tidspunkt"), null=True, blank=True)
    decline_reason = models.CharField(_("årsag"), max_length=20, choices=DeclineReason.choices, blank=True)
    answer_note = models.TextField(_("svar til læreren"), blank=True)

    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    objects = BookingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("forespørgsel")
        verbose_name_plural = _("forespørgsler")
        indexes = [models.Index(fields=["status", "created_at"], name="booking_status_created")]

    def __str__(self) -> str:
        return f"{self.offer_title} – {self.school_name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def wanted_dates_label(self) -> str:
        dates = ", ".join(date.strftime("%d.%m.%Y") for date in self.preferred_dates)
        if self.flexible:
            return f"{dates} (fleksibel)" if dates else "Fleksibel"
        return dates


class EventKind(models.TextChoices):
    CREATED = "oprettet", _("Sendt")
    ACCEPTED = "accepteret", _("Accepteret")
    PROPOSED = "foreslaaet", _("Ny dato foreslået")
    DECLINED = "afvist", _("Afvist")
    CANCELLED = "annulleret", _("Annulleret af læreren")
    PROPOSAL_ACCEPTED = "forslag-ja", _("Læreren tog imod den foreslåede dato")
    PROPOSAL_DECLINED = "forslag-nej", _("Læreren takkede nej til den foreslåede dato")
    ANONYMISED = "anonymiseret", _("Anonymiseret")


class BookingEvent(models.Model):
    """What happened to a request, when and by whom: the history shown in the inbox."""

    request = models.ForeignKey(BookingRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=14, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%d.%m.%Y %H:%M}"


class MailKind(models.TextChoices):
    RECEIPT = "kvittering", _("Kvittering til læreren")
    NEW_REQUEST = "ny", _("Ny forespørgsel til redaktørerne")
    ACCEPTED = "accepteret", _("Accept til læreren")
    PROPOSED = "foreslaaet", _("Forslag til læreren")
    DECLINED = "afvist", _("Afvisning til læreren")
    CANCELLED = "annulleret", _("Annullering til redaktørerne")
    PROPOSAL_ACCEPTED = "forslag-ja", _("Læreren tog imod forslaget")
    PROPOSAL_DECLINED = "forslag-nej", _("Læreren takkede nej til forslaget")
    REMINDER = "paamindelse", _("Påmindelse til læreren før besøget")
    DIGEST = "oversigt", _("Daglig oversigt til redaktørerne")


class OutgoingMail(models.Model):
    """One e-mail to send: written in the same transaction as the change that causes it.

    The Celery task locks the row, sends, and stamps ``sent_at`` before committing, so a retried or
    redelivered task never sends it twice. ``key`` makes scheduled mails (reminder, digest) unique.
    """

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=MailKind.choices)
    request = models.ForeignKey(BookingRequest, null=True, on_delete=models.CASCADE, related_name="mails")
    environment = models.ForeignKey(
        "offers.LearningEnvironmentPage", null=True, on_delete=models.CASCADE, related_name="+"
    )
    recipients = ArrayField(models.EmailField(), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.key})"
