"""Writes for partnerships: reminders and the public index page."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Partnership, PartnershipReminder, ReminderKind

logger = logging.getLogger(__name__)


def reminders_due(*, today: datetime.date, days_before: int) -> list[tuple[Partnership, str, datetime.date]]:
    """(partnership, kind, date) for every renegotiation or end date within ``days_before`` days
    of ``today`` that has a responsible staff member with an e-mail address. A date stays due
    until it has passed, so a day the task did not run is caught up the next day."""
    horizon = today + datetime.timedelta(days=days_before)
    partnerships = (
        Partnership.objects.current()
        .filter(responsible__is_active=True)
        .exclude(responsible__email="")
        .filter(Q(renegotiation_date__range=(today, horizon)) | Q(end_date__range=(today, horizon)))
        .select_related("responsible")
        .order_by("pk")
    )
    due: list[tuple[Partnership, str, datetime.date]] = []
    for partnership in partnerships:
        for kind, date in (
            (ReminderKind.RENEGOTIATION, partnership.renegotiation_date),
            (ReminderKind.END, partnership.end_date),
        ):
            if date is not None and today <= date <= horizon:
                due.append((partnership, kind, date))
    return due


def send_reminder(*, partnership: Partnership, kind: str, due_date: datetime.date) -> bool:
    """Send one reminder unless it was sent before. Returns True if this call sent it.

    The reminder row is inserted before the e-mail goes out, in one transaction: a concurrent
    run blocks on the unique constraint until this one commits and then finds the row; if
    sending fails, the row is rolled back so the next run tries again.
    """
    assert partnership.responsible is not None  # reminders_due() gives only partnerships with one
    recipient = partnership.responsible.email
    with transaction.atomic():
        _, created = PartnershipReminder.objects.get_or_create(
            partnership=partnership, kind=kind, due_date=due_date, defaults={"recipient": recipient}
        )
        if not created:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "partnership": partnership,
                "kind": ReminderKind(kind),
                "due_date": due_date,
                "edit_url": str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")
                + reverse("wagtailsnippets_partnerships_partnership:edit", args=[partnership.pk]),
            }
            subject = render_to_string("partnerships/email/reminder_subject.txt", context).strip()
            body = render_to_string("partnerships/email/reminder.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    logger.info("Sent %s reminder for partnership %s (%s) to %s", kind, partnership.pk, due_date, recipient)
    return True


def send_due_reminders(*, today: datetime.date | None = None, days_before: int | None = None) -> int:
    """E-mail each responsible staff member about upcoming dates; at most once per date. Returns how many were sent."""
    today = today or timezone.localdate()
    days_before = settings.PARTNERSHIP_REMINDER_DAYS_BEFORE if days_before is None else days_before
    sent = 0
    for partnership, kind, due_date in reminders_due(today=today, days_before=days_before):
        if send_reminder(partnership=partnership, kind=kind, due_date=due_date):
            sent += 1
    return sent
