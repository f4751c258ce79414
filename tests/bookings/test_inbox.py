"""The editors' inbox in the admin: the permission matrix (reads and writes) and the three answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from bookings.models import RequestStatus
from bookings.tokens import make_token

from .conftest import make_request

pytestmark = pytest.mark.django_db

INBOX = "/admin/foresporgsler/"


def detail(booking) -> str:
    return f"{INBOX}{booking.pk}/"


def denied(response) -> bool:
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def visit_day():
    return timezone.localdate() + timedelta(days=30)


@pytest.fixture
def requests_ab(offer_a, offer_b):
    return (
        make_request(offer_a, email="a-laerer@skole.dk", teacher_name="Anne Lærer"),
        make_request(offer_b, email="b-laerer@skole.dk", teacher_name="Bent Lærer"),
    )


@pytest.fixture
def reviewer(django_user_model):
    """Skoletjenesten staff who read every request, without the teachers' personal data."""
    group = Group.objects.create(name="Redaktion")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="bookings", codename="view_bookingrequest"),
    )
    user = django_user_model.objects.create_user(username="redaktion", password="x", email="r@skoletjenesten.dk")
    user.groups.add(group)
    return user


def test_editor_a_sees_and_answers_only_environment_as_requests(client, editor_a, editor_b, requests_ab):
    request_a, request_b = requests_ab
    client.force_login(editor_a)
    inbox = client.get(INBOX).content.decode()
    assert "Anne Lærer" in inbox and "Liv i vandhullet" in inbox
    assert "Bent Lærer" not in inbox and "Moderne kunst" not in inbox
    assert client.get(detail(request_a)).status_code == 200
    assert denied(client.get(detail(request_b)))
    assert denied(client.post(detail(request_b), {"action": "afvis", "reason": "fuldt-booket"}))
    request_b.refresh_from_db()
    assert request_b.status == RequestStatus.SENT


def test_a_kommune_consultant_sees_only_the_kommunes_own_offers(
    client, aarhus_consultant, kommune_offer, offer_b, offer_a
):
    own = make_request(kommune_offer, teacher_name="Karin Kommunelærer")
    located_in_aarhus = make_request(offer_b, teacher_name="Bent Lærer")  # in Aarhus, but not the kommune's own
    elsewhere = make_request(offer_a, teacher_name="Anne Lærer")
    client.force_login(aarhus_consultant)
    inbox = client.get(INBOX + "?status=alle").content.decode()
    assert "Karin Kommunelærer" in inbox
    assert "Bent Lærer" not in inbox and "Anne Lærer" not in inbox
    assert client.get(detail(own)).status_code == 200
    assert denied(client.get(detail(located_in_aarhus)))
    assert denied(client.get(detail(elsewhere)))
    # The kommune organises the offer, so its consultants answer it.
    response = client.post(detail(own), {"action": "afvis", "reason": "uden-for-perioden"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == RequestStatus.DECLINED


def test_a_reviewer_reads_every_request_without_personal_data_and_cannot_answer(client, reviewer, requests_ab):
    request_a, _ = requests_ab
    client.force_login(reviewer)
    inbox = client.get(INBOX).content.decode()
    assert "Liv i vandhullet" in inbox and "Moderne kunst" in inbox
    assert "Anne Lærer" not in inbox and "Bent Lærer" not in inbox
    page = client.get(detail(request_a)).content.decode()
    assert "a-laerer@skole.dk" not in page and "+45 12 34 56 78" not in page and "Vi glæder os" not in page
    assert "Skjult" in page
    assert 'name="action"' not in page
    assert denied(client.post(detail(request_a), {"action": "afvis", "reason": "andet"}))


def test_users_without_a_role_have_no_inbox(client, django_user_model, requests_ab):
    user = django_user_model.objects.create_user(username="anden", password="x")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    assert denied(client.get(INBOX))
    assert denied(client.get(detail(requests_ab[0])))
    client.logout()
    assert client.get(INBOX).status_code == 302  # to the admin's login


def test_the_menu_shows_the_inbox_to_editors(client, editor_a):
    client.force_login(editor_a)
    assert INBOX in client.get("/admin/").content.decode()


def test_accept_sends_the_teacher_a_calendar_file(
    client, editor_a, offer_a, eager_tasks, django_capture_on_commit_callbacks
):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            detail(booking),
            {"action": "accepter", "date": visit_day().isoformat(), "time": "09:30", "note": "Mød op ved porten."},
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == RequestStatus.ACCEPTED
    assert timezone.localtime(booking.visit_start).hour == 9
    [message] = mail.outbox
    assert message.to == ["lærer@skole.dk"]
    assert "Mød op ved porten." in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == "besoeg.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Liv i vandhullet"
    assert event.decoded("DTSTART") == booking.visit_start
    # The teacher's page shows it, and offers the same file.
    status = client.get(f"/foresporgsel/{make_token(booking)}/").content.decode()
    assert "Accepteret" in status
    ics = client.get(f"/foresporgsel/{make_token(booking)}/besoeg.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content


def test_propose_another_date_then_the_teacher_accepts_it(
    client, editor_a, offer_a, eager_tasks, django_capture_on_commit_callbacks
):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail(booking), {"action": "foreslaa", "date": visit_day().isoformat(), "time": "10:00"})
    booking.refresh_from_db()
    assert booking.status == RequestStatus.PROPOSED
    assert "foreslår en anden dato" in mail.outbox[-1].body
    client.logout()
    url = f"/foresporgsel/{make_token(booking)}/"
    assert "Tag imod datoen" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "tag-imod"})
    booking.refresh_from_db()
    assert booking.status == RequestStatus.ACCEPTED
    assert timezone.localtime(booking.visit_start).date() == visit_day()
    recipients = [m.to for m in mail.outbox[-2:]]
    assert ["lærer@skole.dk"] in recipients and ["redaktoer-a@x.dk"] in recipients


def test_the_teacher_declines_a_proposed_date_and_the_request_is_open_again(client, editor_a, offer_a):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    client.post(detail(booking), {"action": "foreslaa", "date": visit_day().isoformat(), "time": "10:00"})
    client.logout()
    client.post(f"/foresporgsel/{make_token(booking)}/", {"action": "afslaa"})
    booking.refresh_from_db()
    assert booking.status == RequestStatus.SENT and booking.proposed_start is None


def test_decline_needs_a_reason_from_the_list(
    client, editor_a, offer_a, eager_tasks, django_capture_on_commit_callbacks
):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    missing = client.post(detail(booking), {"action": "afvis", "reason": ""})
    assert missing.status_code == 400
    assert "Vælg en årsag fra listen." in missing.content.decode()
    bogus = client.post(detail(booking), {"action": "afvis", "reason": "fordi"})
    assert bogus.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail(booking), {"action": "afvis", "reason": "fuldt-booket"})
    booking.refresh_from_db()
    assert booking.status == RequestStatus.DECLINED and booking.decline_reason == "fuldt-booket"
    assert "Fuldt booket" in mail.outbox[-1].body
    assert "Fuldt booket" in client.get(f"/foresporgsel/{make_token(booking)}/").content.decode()


def test_accept_needs_a_date_and_time_in_the_future(client, editor_a, offer_a):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    no_time = client.post(detail(booking), {"action": "accepter", "date": visit_day().isoformat(), "time": ""})
    assert no_time.status_code == 400
    assert "Angiv klokkeslættet for besøget." in no_time.content.decode()
    past = client.post(detail(booking), {"action": "accepter", "date": "2020-01-01", "time": "10:00"})
    assert "Besøget skal ligge efter i dag." in past.content.decode()
    booking.refresh_from_db()
    assert booking.status == RequestStatus.SENT


def test_an_answered_request_cannot_be_answered_again(client, editor_a, offer_a):
    booking = make_request(offer_a)
    client.force_login(editor_a)
    client.post(detail(booking), {"action": "afvis", "reason": "andet"})
    response = client.post(
        detail(booking), {"action": "accepter", "date": visit_day().isoformat(), "time": "10:00"}, follow=True
    )
    assert "allerede afsluttet" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == RequestStatus.DECLINED
