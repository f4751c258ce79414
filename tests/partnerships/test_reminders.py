"""Reminders: the responsible staff member is e-mailed once per renegotiation or end date."""

from __future__ import annotations

import datetime
import threading
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

from partnerships import services
from partnerships.models import PartnershipReminder
from partnerships.tasks import send_partnership_reminders

from .conftest import make_partnership

TODAY = datetime.date(2026, 3, 1)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("mail server down")


@pytest.fixture
def due(staff_user):
    return make_partnership(
        responsible=staff_user,
        start_date=datetime.date(2024, 8, 1),
        renegotiation_date=TODAY + datetime.timedelta(days=30),
        end_date=datetime.date(2027, 7, 31),
    )


@pytest.mark.django_db
def test_the_responsible_person_gets_one_reminder_per_date_even_when_the_task_runs_twice(due):
    assert services.send_due_reminders(today=TODAY, days_before=60) == 1
    assert services.send_due_reminders(today=TODAY, days_before=60) == 0
    assert services.send_due_reminders(today=TODAY + datetime.timedelta(days=1), days_before=60) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["medarbejder@skoletjenesten.dk"]
    assert message.subject == "Påmindelse: Partnerskab med Aarhus Kommune skal genforhandles 31. marts 2026"
    assert "Kære Mette" in message.body
    assert f"http://testserver/admin/snippets/partnerships/partnership/edit/{due.pk}/" in message.body
    reminder = PartnershipReminder.objects.get()
    assert (reminder.kind, reminder.due_date) == ("genforhandling", datetime.date(2026, 3, 31))


@pytest.mark.django_db
def test_a_new_date_gets_its_own_reminder_and_the_end_date_its_own(due):
    services.send_due_reminders(today=TODAY, days_before=60)
    due.renegotiation_date = datetime.date(2026, 4, 15)
    due.end_date = datetime.date(2026, 4, 30)
    due.save()
    assert services.send_due_reminders(today=TODAY, days_before=60) == 2
    assert sorted(m.subject.split(" ")[-4] for m in mail.outbox) == ["genforhandles", "genforhandles", "udløber"]


@pytest.mark.django_db
def test_days_before_comes_from_settings_and_dates_outside_the_window_wait(due, settings):
    settings.PARTNERSHIP_REMINDER_DAYS_BEFORE = 14
    assert services.send_due_reminders(today=TODAY) == 0
    assert services.send_due_reminders(today=datetime.date(2026, 3, 17)) == 1
    assert services.send_due_reminders(today=datetime.date(2026, 4, 1)) == 0  # the date has passed
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_reminders_for_ended_partnerships_or_without_a_responsible_person(due, staff_user):
    due.status = "ophoert"
    due.save()
    make_partnership(
        title="Uden ansvarlig", slug="uden", model="intern", renegotiation_date=TODAY + datetime.timedelta(days=5)
    )
    assert services.send_due_reminders(today=TODAY, days_before=60) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_failed_send_leaves_no_record_so_the_next_run_retries(due, settings):
    settings.EMAIL_BACKEND = "tests.partnerships.test_reminders.FailingBackend"
    with pytest.raises(SMTPException):
        services.send_due_reminders(today=TODAY, days_before=60)
    assert not PartnershipReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.send_due_reminders(today=TODAY, days_before=60) == 1


# serialized_rollback leaves the database as the other tests expect it (content types, reference data).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_runs_send_exactly_one_email(due):
    """Two workers run the task at the same moment, each on its own database connection."""
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(services.send_due_reminders(today=TODAY, days_before=60))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1
    assert PartnershipReminder.objects.count() == 1


@pytest.mark.django_db
def test_the_beat_task_calls_the_service(due, settings, monkeypatch):
    entry = settings.CELERY_BEAT_SCHEDULE["partnerships-send-reminders"]
    assert entry["task"] == send_partnership_reminders.name
    monkeypatch.setattr(services.timezone, "localdate", lambda: TODAY)
    assert send_partnership_reminders.apply().get() == 1
    assert len(mail.outbox) == 1
