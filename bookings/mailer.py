"""The e-mails of a request, rendered when sent (so they show the request's current state)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import BookingRequest, MailKind, OutgoingMail
from .selectors import unanswered_for_digest
from .tokens import make_token

DEFAULT_VISIT_MINUTES = 120


def public_base_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def status_url(booking: BookingRequest) -> str:
    return public_base_url() + reverse("bookings:status", args=[make_token(booking)])


def inbox_url(booking: BookingRequest | None = None) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if booking is None:
        return base + reverse("bookings_admin:inbox")
    return base + reverse("bookings_admin:detail", args=[booking.pk])


def calendar_file(booking: BookingRequest) -> bytes:
    """An iCalendar (RFC 5545) event for an accepted visit."""
    minutes = (booking.offer.duration_minutes if booking.offer else None) or DEFAULT_VISIT_MINUTES
    calendar = Calendar()
    calendar.add("prodid", "-//Skoletjenesten//Forespørgsler//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.public_id}@skoletjenesten.dk")
    event.add("dtstamp", booking.answered_at or booking.created_at)
    start = timezone.localtime(booking.visit_start)  # written with TZID=Europe/Copenhagen
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("summary", booking.offer_title)
    place = booking.offer.place_address if booking.offer else None
    if place:
        event.add("location", f"{place[0]}, {place[1]}")
    host = f"{booking.environment.title}: " if booking.environment else ""
    event.add("description", f"{host}{booking.school_name}, {booking.grade}, {booking.pupils} elever")
    calendar.add_component(event)
    return calendar.to_ical()


SUBJECTS = {
    MailKind.RECEIPT: "Vi har modtaget jeres forespørgsel: {title}",
    MailKind.NEW_REQUEST: "Ny forespørgsel: {title}",
    MailKind.ACCEPTED: "Besøget er bekræftet: {title}",
    MailKind.PROPOSED: "Forslag til en ny dato: {title}",
    MailKind.DECLINED: "Svar på jeres forespørgsel: {title}",
    MailKind.CANCELLED: "Forespørgslen er annulleret: {title}",
    MailKind.PROPOSAL_ACCEPTED: "Læreren tog imod den foreslåede dato: {title}",
    MailKind.PROPOSAL_DECLINED: "Læreren takkede nej til den foreslåede dato: {title}",
    MailKind.REMINDER: "Påmindelse om besøget: {title}",
    MailKind.DIGEST: "Forespørgsler, der venter på svar: {title}",
}


def build_message(mail: OutgoingMail) -> EmailMessage:
    booking = mail.request
    context: dict = {"mail": mail, "booking": booking}
    if mail.kind == MailKind.DIGEST:
        context["environment"] = mail.environment
        context["requests"] = unanswered_for_digest(mail.environment)
        context["inbox_url"] = inbox_url()
        title = mail.environment.title
    else:
        context["status_url"] = status_url(booking)
        context["inbox_url"] = inbox_url(booking)
        title = booking.offer_title
    subject = SUBJECTS[mail.kind].format(title=title)
    body = render_to_string(f"bookings/email/{mail.kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=mail.recipients)
    if mail.kind in (MailKind.ACCEPTED, MailKind.REMINDER) and booking.visit_start:
        message.attach("besoeg.ics", calendar_file(booking), "text/calendar; charset=utf-8; method=PUBLISH")
    return message
