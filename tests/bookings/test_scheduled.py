"""Scheduled work on a frozen clock: the editors' digest, the teachers' reminders and the anonymisation."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from bookings import services, tasks
from bookings.models import BookingRequest, EventKind, MailKind, OutgoingMail, RequestStatus
from bookings.tokens import make_token

from .conftest import make_request

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
START = datetime(2027, 3, 1, 9, 0, tzinfo=CPH)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_anonymisation_months_after_the_visit_or_the_decline(
    clock, client, offer_a, editor_a, eager_tasks, django_capture_on_commit_callbacks, settings
):
    settings.BOOKING_ANONYMISE_AFTER_MONTHS = 6
    with django_capture_on_commit_callbacks(execute=True):
        accepted = make_request(offer_a, email="a@skole.dk", teacher_name="Anne", phone="11111111", message="Hej")
        declined = make_request(offer_a, email="d@skole.dk", teacher_name="Dorte")
        services.accept_request(booking=accepted, start=datetime(2027, 4, 10, 10, 0, tzinfo=CPH))
        services.decline_request(booking=declined, reason="fuldt-booket")
    clock.move_to(datetime(2027, 4, 1, 12, 0, tzinfo=CPH))
    fresh = make_request(offer_a, email="f@skole.dk", teacher_name="Frida")  # never answered
    token = make_token(accepted)

    clock.move_to(datetime(2027, 9, 2, 3, 30, tzinfo=CPH))  # 6 months after the decline, not yet after the visit
    assert tasks.anonymise_requests() == 1
    declined.refresh_from_db()
    assert declined.anonymised_at is not None
    assert (declined.teacher_name, declined.email, declined.phone, declined.message) == ("", "", "", "")
    assert declined.school_name == "Sundby Skole" and declined.pupils == 24  # kept for the kommune's figures
    assert not OutgoingMail.objects.filter(request=declined).exclude(recipients=[]).exists()

    clock.move_to(datetime(2027, 10, 11, 3, 30, tzinfo=CPH))  # 6 months and a day after the visit
    assert tasks.anonymise_requests() == 2  # the visit, and the never-answered request
    accepted.refresh_from_db()
    fresh.refresh_from_db()
    assert accepted.teacher_name == "" and accepted.email == "" and accepted.anonymised_at is not None
    assert fresh.email == ""
    assert accepted.events.filter(kind=EventKind.ANONYMISED).count() == 1
    assert tasks.anonymise_requests() == 0  # nothing twice
    # The teacher's link now says the request is gone; the inbox shows it without a name.
    assert client.get(f"/foresporgsel/{token}/").status_code == 410
    client.force_login(editor_a)
    assert "Anne" not in client.get(f"/admin/foresporgsler/{accepted.pk}/").content.decode()


def test_reminder_a_few_days_before_the_visit_once(
    clock, offer_a, eager_tasks, django_capture_on_commit_callbacks, settings
):
    settings.BOOKING_REMINDER_DAYS_BEFORE = 3
    booking = make_request(offer_a)
    services.accept_request(booking=booking, start=datetime(2027, 3, 10, 9, 30, tzinfo=CPH))
    mail.outbox.clear()
    clock.move_to(datetime(2027, 3, 6, 7, 15, tzinfo=CPH))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_visit_reminders() == 0  # four days before: not yet
    clock.move_to(datetime(2027, 3, 7, 7, 15, tzinfo=CPH))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_visit_reminders() == 1
        assert tasks.send_visit_reminders() == 0
    clock.move_to(datetime(2027, 3, 8, 7, 15, tzinfo=CPH))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_visit_reminders() == 0
    [reminder] = mail.outbox
    assert reminder.to == ["lærer@skole.dk"] and "Påmindelse" in reminder.subject
    assert "onsdag 10. marts 2027 kl. 09.30" in reminder.body
    assert reminder.attachments[0][0] == "besoeg.ics"


def test_daily_digest_of_unanswered_requests(
    clock, offer_a, offer_b, editor_a, eager_tasks, django_capture_on_commit_callbacks, settings
):
    settings.BOOKING_DIGEST_AFTER_DAYS = 3
    waiting = make_request(offer_a, school="Sundby Skole")
    answered = make_request(offer_a, school="Amager Skole")
    services.decline_request(booking=answered, reason="andet")
    make_request(offer_b, school="Aarhus Skole")  # another environment, answered in time below
    clock.move_to(START + timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_editor_digests() == 0  # nothing waits three days yet
    clock.move_to(START + timedelta(days=3, hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_editor_digests() == 2  # one per environment
        assert tasks.send_editor_digests() == 0  # once a day
    digest = next(m for m in mail.outbox if m.to == ["redaktoer-a@x.dk"])
    assert "Sundby Skole" in digest.body and "Amager Skole" not in digest.body
    assert "http://testserver/admin/foresporgsler/" in digest.body
    assert OutgoingMail.objects.filter(kind=MailKind.DIGEST).count() == 2
    assert BookingRequest.objects.get(pk=waiting.pk).status == RequestStatus.SENT


def test_the_beat_schedule_runs_the_three_jobs(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "bookings.tasks.send_editor_digests",
        "bookings.tasks.send_visit_reminders",
        "bookings.tasks.anonymise_requests",
    } <= tasks_scheduled
