"""Writes for booking requests: each change, its history row and its e-mails in one transaction.

E-mails are rows (OutgoingMail) written with the change and sent by a Celery task queued on commit,
so a request is always saved before any mail leaves, and a retried task never sends a mail twice.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from curriculum.models import Grade
from geography.models import Postcode, distance_km
from municipalities.models import MunicipalSite
from offers.models import LearningEnvironmentPage, OfferPage

from . import mailer, tasks
from .models import (
    OPEN_STATUSES,
    BookingEvent,
    BookingRequest,
    DeclineReason,
    EventKind,
    MailKind,
    OutgoingMail,
    RequestStatus,
)


class BookingStateError(Exception):
    """The change does not fit the request's current status (a Danish message for the user)."""


def distance_to_offer(postcode: Postcode, offer: OfferPage) -> float | None:
    if offer.latitude is None or offer.longitude is None:
        return None
    return round(distance_km(postcode.latitude, postcode.longitude, offer.latitude, offer.longitude), 1)


def editor_addresses(environment: LearningEnvironmentPage | None, offer: OfferPage | None = None) -> list[str]:
    """Who hears of a request: the environment's editors; else the kommune's consultants when the kommune
    organises it; else the offer's booking e-mail or the environment's first contact."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if environment is not None and environment.editors_group_id:
        emails = list(users.filter(groups=environment.editors_group_id).values_list("email", flat=True))
        if emails:
            return sorted(set(emails))
    if environment is not None:
        sites = MunicipalSite.objects.filter(site__root_page__path__in=_ancestor_paths(environment.path))
        emails = list(users.filter(groups__municipal_site__in=sites).values_list("email", flat=True))
        if emails:
            return sorted(set(emails))
    if offer is not None and offer.booking_email:
        return [offer.booking_email]
    if environment is not None:
        contact = environment.contacts.exclude(email="").first()
        if contact is not None:
            return [contact.email]
    return []


def _ancestor_paths(path: str) -> list[str]:
    step = 4  # treebeard's path step
    return [path[:end] for end in range(step, len(path), step)]


def _queue_mail(*, kind: str, recipients: list[str], booking: BookingRequest | None = None, key: str = "", **extra):
    mail = OutgoingMail.objects.create(
        key=key or f"{kind}:{booking.pk if booking else '-'}:{uuid.uuid4().hex}",
        kind=kind,
        request=booking,
        recipients=recipients,
        **extra,
    )
    tasks.send_outgoing_mail.delay_on_commit(mail.pk)
    return mail


def _log(booking: BookingRequest, kind: str, actor=None) -> None:
    BookingEvent.objects.create(request=booking, kind=kind, actor=actor)


def create_request(
    *,
    offer: OfferPage,
    school_name: str,
    school_postcode: Postcode,
    teacher_name: str,
    email: str,
    phone: str = "",
    grade: Grade,
    pupils: int,
    preferred_dates: list[date],
    flexible: bool,
    message: str = "",
) -> BookingRequest:
    environment = offer.environment
    with transaction.atomic():
        booking = BookingRequest.objects.create(
            offer=offer,
            environment=environment,
            offer_title=offer.title,
            school_name=school_name,
            school_postcode=school_postcode,
            school_municipality_id=school_postcode.municipality_id,
            distance_km=distance_to_offer(school_postcode, offer),
            grade=grade,
            pupils=pupils,
            preferred_dates=sorted(set(preferred_dates)),
            flexible=flexible,
            teacher_name=teacher_name,
            email=email,
            phone=phone,
            message=message,
        )
        _log(booking, EventKind.CREATED)
        _queue_mail(kind=MailKind.RECEIPT, recipients=[email], booking=booking)
        _queue_mail(kind=MailKind.NEW_REQUEST, recipients=editor_addresses(environment, offer), booking=booking)
    return booking


def _locked(booking: BookingRequest) -> BookingRequest:
    return BookingRequest.objects.select_for_update().get(pk=booking.pk)


def accept_request(*, booking: BookingRequest, start: datetime, actor=None, note: str = "") -> BookingRequest:
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_open:
            raise BookingStateError(_("Forespørgslen er allerede afsluttet og kan ikke accepteres."))
        now = timezone.now()
        booking.status, booking.visit_start, booking.proposed_start = RequestStatus.ACCEPTED, start, None
        booking.answer_note, booking.answered_at, booking.closed_at = note, now, None
        booking.save()
        _log(booking, EventKind.ACCEPTED, actor)
        _queue_mail(kind=MailKind.ACCEPTED, recipients=[booking.email], booking=booking)
    return booking


def propose_date(*, booking: BookingRequest, start: datetime, actor=None, note: str = "") -> BookingRequest:
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_open:
            raise BookingStateError(_("Forespørgslen er allerede afsluttet; der kan ikke foreslås en ny dato."))
        booking.status, booking.proposed_start = RequestStatus.PROPOSED, start
        booking.answer_note, booking.answered_at = note, timezone.now()
        booking.save()
        _log(booking, EventKind.PROPOSED, actor)
        _queue_mail(kind=MailKind.PROPOSED, recipients=[booking.email], booking=booking)
    return booking


def decline_request(*, booking: BookingRequest, reason: str, actor=None, note: str = "") -> BookingRequest:
    if reason not in DeclineReason.values:
        raise BookingStateError(_("Vælg en årsag fra listen."))
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_open:
            raise BookingStateError(_("Forespørgslen er allerede afsluttet og kan ikke afvises."))
        now = timezone.now()
        booking.status, booking.decline_reason, booking.proposed_start = RequestStatus.DECLINED, reason, None
        booking.answer_note, booking.answered_at, booking.closed_at = note, now, now
        booking.save()
        _log(booking, EventKind.DECLINED, actor)
        _queue_mail(kind=MailKind.DECLINED, recipients=[booking.email], booking=booking)
    return booking


def cancel_request(*, booking: BookingRequest) -> BookingRequest:
    """The teacher cancels (an open or an accepted request whose visit has not begun)."""
    with transaction.atomic():
        booking = _locked(booking)
        visit_over = booking.visit_start is not None and booking.visit_start <= timezone.now()
        if booking.status not in (*OPEN_STATUSES, RequestStatus.ACCEPTED) or visit_over:
            raise BookingStateError(_("Forespørgslen kan ikke længere annulleres."))
        booking.status, booking.closed_at = RequestStatus.CANCELLED, timezone.now()
        booking.save()
        _log(booking, EventKind.CANCELLED)
        _queue_mail(
            kind=MailKind.CANCELLED, recipients=editor_addresses(booking.environment, booking.offer), booking=booking
        )
    return booking


def answer_proposal(*, booking: BookingRequest, accept: bool) -> BookingRequest:
    """The teacher takes the proposed date (the request is then accepted) or declines it (open again)."""
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != RequestStatus.PROPOSED or booking.proposed_start is None:
            raise BookingStateError(_("Der er ingen foreslået dato at svare på."))
        editors = editor_addresses(booking.environment, booking.offer)
        if accept:
            booking.status, booking.visit_start, booking.proposed_start = (
                RequestStatus.ACCEPTED,
                booking.proposed_start,
                None,
            )
            booking.save()
            _log(booking, EventKind.PROPOSAL_ACCEPTED)
            _queue_mail(kind=MailKind.ACCEPTED, recipients=[booking.email], booking=booking)
            _queue_mail(kind=MailKind.PROPOSAL_ACCEPTED, recipients=editors, booking=booking)
        else:
            booking.status, booking.proposed_start = RequestStatus.SENT, None
            booking.save()
            _log(booking, EventKind.PROPOSAL_DECLINED)
            _queue_mail(kind=MailKind.PROPOSAL_DECLINED, recipients=editors, booking=booking)
    return booking


def deliver_mail(*, mail_id: int) -> bool:
    """Send one queued mail at most once: the row stays locked until the send is stamped and committed."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at is not None:
            return False
        if mail.recipients:
            mailer.build_message(mail).send()
        mail.sent_at = timezone.now()
        mail.attempts += 1
        mail.save(update_fields=["sent_at", "attempts"])
    return True


# --- Scheduled: reminders, digests, anonymisation ---------------------------------------------------------


def queue_visit_reminders(*, today: date | None = None) -> int:
    """Remind teachers a few days (BOOKING_REMINDER_DAYS_BEFORE) before an accepted visit; once per request."""
    today = today or timezone.localdate()
    last_day = today + timedelta(days=settings.BOOKING_REMINDER_DAYS_BEFORE)
    due = BookingRequest.objects.not_anonymised().filter(
        status=RequestStatus.ACCEPTED,
        visit_start__date__gte=today,
        visit_start__date__lte=last_day,
    )
    queued = 0
    for booking in due:
        with transaction.atomic():
            if OutgoingMail.objects.filter(key=f"reminder:{booking.pk}").exists():
                continue
            _queue_mail(
                kind=MailKind.REMINDER, recipients=[booking.email], booking=booking, key=f"reminder:{booking.pk}"
            )
            queued += 1
    return queued


def queue_editor_digests(*, today: date | None = None) -> int:
    """One mail a day per environment listing requests left unanswered for BOOKING_DIGEST_AFTER_DAYS days."""
    today = today or timezone.localdate()
    cutoff = timezone.now() - timedelta(days=settings.BOOKING_DIGEST_AFTER_DAYS)
    environment_ids = (
        BookingRequest.objects.filter(status=RequestStatus.SENT, created_at__lte=cutoff, environment__isnull=False)
        .values_list("environment_id", flat=True)
        .distinct()
    )
    queued = 0
    for environment in LearningEnvironmentPage.objects.filter(pk__in=list(environment_ids)):
        key = f"digest:{environment.pk}:{today.isoformat()}"
        with transaction.atomic():
            if OutgoingMail.objects.filter(key=key).exists():
                continue
            _queue_mail(
                kind=MailKind.DIGEST, recipients=editor_addresses(environment), key=key, environment=environment
            )
            queued += 1
    return queued


def anonymise_due_requests(*, now: datetime | None = None) -> int:
    """Blank the teacher's personal data BOOKING_ANONYMISE_AFTER_MONTHS months after the visit, the decline
    or cancellation, or (never answered) the request itself. School, postcode, grade, pupils and dates stay
    for the kommune's demand figures."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.BOOKING_ANONYMISE_AFTER_MONTHS)
    due = BookingRequest.objects.not_anonymised().filter(
        Q(status=RequestStatus.ACCEPTED, visit_start__lt=cutoff)
        | Q(status__in=[RequestStatus.DECLINED, RequestStatus.CANCELLED], closed_at__lt=cutoff)
        | Q(status__in=OPEN_STATUSES, created_at__lt=cutoff)
    )
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            booking = BookingRequest.objects.select_for_update().get(pk=pk)
            if booking.anonymised_at is not None:
                continue
            booking.teacher_name = booking.email = booking.phone = booking.message = booking.answer_note = ""
            booking.anonymised_at = now
            booking.save()
            OutgoingMail.objects.filter(request=booking).update(recipients=[])
            _log(booking, EventKind.ANONYMISED)
            count += 1
    return count
