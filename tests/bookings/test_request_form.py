"""The teacher's side: the form under the offer's address, validation, receipt, private link, mails."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from bookings import services
from bookings.models import BookingRequest, MailKind, OutgoingMail, RequestStatus
from bookings.tokens import make_token
from curriculum.models import Grade
from tests.conftest import make_offer

from .conftest import make_request

pytestmark = pytest.mark.django_db


def form_url(offer) -> str:
    return offer.url + "foresporgsel/"


def valid_data(**overrides) -> dict:
    data = {
        "school_name": "Sundby Skole",
        "school_postcode": "2300",
        "teacher_name": "Mette Hansen",
        "email": "mette@sundby-skole.dk",
        "phone": "",
        "grade": str(Grade.objects.get(slug="5-klasse").pk),
        "pupils": "24",
        "date_1": (timezone.localdate() + timedelta(days=40)).isoformat(),
        "date_2": "",
        "date_3": "",
        "message": "Vi er en 5. klasse.",
        "website": "",
    }
    data.update(overrides)
    return data


def test_offer_page_links_to_the_form_only_when_the_environment_takes_requests(client, offer_a, offer):
    assert "foresporgsel/" in client.get(offer_a.url).content.decode()
    page = client.get(offer.url).content.decode()  # an environment that does not take requests
    assert "foresporgsel/" not in page
    response = client.get(form_url(offer))
    assert response.status_code == 404
    assert "bookes direkte hos læringsmiljøet" in response.content.decode()


def test_an_offer_can_opt_out_of_its_environments_requests(client, environment_a):
    offer = make_offer(environment_a, title="Kun via telefon", takes_platform_requests=False, booking_phone="12345678")
    assert not offer.accepts_platform_requests
    assert client.get(form_url(offer)).status_code == 404
    assert "tel:12345678" in client.get(offer.url).content.decode()


def test_the_form_says_what_is_kept_and_links_the_privacy_page(client, offer_a):
    page = client.get(form_url(offer_a)).content.decode()
    assert "slettes 6 måneder efter besøget" in page
    assert 'href="/privatliv/foresporgsler/"' in page
    privacy = client.get("/privatliv/foresporgsler/")
    assert privacy.status_code == 200
    assert "slettes automatisk 6 måneder" in privacy.content.decode()
    assert 'href="/privatliv/foresporgsler/"' in client.get("/privatliv/").content.decode()  # the site's privacy page


def test_a_valid_request_is_saved_receipted_and_mailed_to_teacher_and_editors(
    client, offer_a, editor_a, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(offer_a), valid_data())
    assert response.status_code == 302
    booking = BookingRequest.objects.get()
    assert booking.status == RequestStatus.SENT
    assert booking.environment_id == offer_a.environment_id
    assert booking.school_municipality.name == "København"
    assert booking.distance_km is not None and booking.distance_km < 10
    receipt = client.get(response.url).content.decode()
    assert "Tak, forespørgslen er sendt" in receipt
    assert "Afventer svar" in receipt

    assert sorted(m.to[0] for m in mail.outbox) == ["mette@sundby-skole.dk", "redaktoer-a@x.dk"]
    teacher_mail = next(m for m in mail.outbox if m.to == ["mette@sundby-skole.dk"])
    assert "Liv i vandhullet" in teacher_mail.subject
    assert "http://testserver/foresporgsel/" in teacher_mail.body
    assert OutgoingMail.objects.filter(sent_at__isnull=False).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"school_postcode": "0001"}, "school_postcode", "0001 er ikke et dansk postnummer."),
        ({"school_postcode": "23a0"}, "school_postcode", "Skriv et dansk postnummer med fire cifre."),
        ({"pupils": "45"}, "pupils", "Tilbuddet er for grupper på højst 30 elever."),
        ({"pupils": "4"}, "pupils", "Tilbuddet er for grupper på mindst 10 elever."),
        ({"pupils": "mange"}, "pupils", "Skriv antallet af elever som et tal."),
        ({"email": "ikke-en-mail"}, "email", "Skriv en gyldig e-mailadresse"),
        ({"date_1": ""}, "date_1", "Angiv mindst én ønsket dato, eller sæt kryds ved “fleksibel”."),
        ({"date_1": "2020-01-01"}, "date_1", "Vælg en dato efter i dag."),
        ({"date_1": "31-02-2027"}, "date_1", "Skriv en gyldig dato"),
        ({"grade": "999999"}, "grade", "Vælg et klassetrin, som tilbuddet er for."),
        ({"teacher_name": ""}, "teacher_name", "Udfyld feltet."),
    ],
)
def test_bad_input_gets_a_danish_message_and_saves_nothing(client, offer_a, overrides, field, message, eager_tasks):
    response = client.post(form_url(offer_a), valid_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_a_grade_outside_the_offers_range_is_refused(client, offer_a):
    response = client.post(form_url(offer_a), valid_data(grade=str(Grade.objects.get(slug="9-klasse").pk)))
    assert response.status_code == 400
    assert "Vælg et klassetrin, som tilbuddet er for." in response.content.decode()


def test_flexible_without_dates_is_fine(client, offer_a, eager_tasks):
    response = client.post(form_url(offer_a), valid_data(date_1="", flexible="on"))
    assert response.status_code == 302
    assert BookingRequest.objects.get().wanted_dates_label == "Fleksibel"


def test_nothing_is_echoed_unescaped(client, offer_a, editor_a, eager_tasks):
    evil = '<script>alert("x")</script>'
    response = client.post(form_url(offer_a), valid_data(school_name=evil, message=evil))
    status = client.get(response.url).content.decode()
    assert evil not in status
    assert "&lt;script&gt;" in status
    client.force_login(editor_a)
    inbox = client.get("/admin/foresporgsler/").content.decode()
    assert evil not in inbox
    detail = client.get(f"/admin/foresporgsler/{BookingRequest.objects.get().pk}/").content.decode()
    assert evil not in detail
    # And a bad value echoed back into the form is escaped too.
    again = client.post(form_url(offer_a), valid_data(school_name=evil, pupils="x")).content.decode()
    assert evil not in again


def test_the_honeypot_refuses_bots(client, offer_a, eager_tasks):
    response = client.post(form_url(offer_a), valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Forespørgslen blev ikke sendt" in response.content.decode()
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_email_and_per_address(client, offer_a, settings, eager_tasks):
    settings.BOOKING_RATE_LIMIT_PER_HOUR = 2
    for number in range(2):
        assert client.post(form_url(offer_a), valid_data(email=f"l{number}@skole.dk")).status_code == 302
    response = client.post(form_url(offer_a), valid_data(email="l9@skole.dk"))  # third from the same address
    assert response.status_code == 429
    assert "mange forespørgsler fra dig" in response.content.decode()
    assert BookingRequest.objects.count() == 2
    # The same e-mail from another address is limited as well.
    other = client.post(form_url(offer_a), valid_data(email="l0@skole.dk"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    assert client.post(form_url(offer_a), valid_data(email="l0@skole.dk"), REMOTE_ADDR="10.0.0.8").status_code == 429


def test_forged_and_expired_links_give_a_clear_message(client, offer_a, eager_tasks):
    booking = make_request(offer_a)
    token = make_token(booking)
    assert client.get(f"/foresporgsel/{token}/").status_code == 200
    forged = client.get(f"/foresporgsel/{token[:-3]}abc/")
    assert forged.status_code == 404
    assert "Linket er ugyldigt" in forged.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=401)):
        expired = client.get(f"/foresporgsel/{token}/")
    assert expired.status_code == 410
    assert "Linket er udløbet" in expired.content.decode()


def test_the_teacher_cancels_and_the_editors_hear_of_it(
    client, offer_a, editor_a, eager_tasks, django_capture_on_commit_callbacks
):
    booking = make_request(offer_a)
    url = f"/foresporgsel/{make_token(booking)}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "annuller"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == RequestStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [["redaktoer-a@x.dk"]]
    assert "annulleret" in mail.outbox[0].subject
    # Cancelling twice is refused with a message, not a 500.
    again = client.post(url, {"action": "annuller"})
    assert again.status_code == 400
    assert "kan ikke længere annulleres" in again.content.decode()


def test_a_mail_is_never_sent_twice(offer_a, editor_a, eager_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        booking = make_request(offer_a)
    receipt = OutgoingMail.objects.get(request=booking, kind=MailKind.RECEIPT)
    assert services.deliver_mail(mail_id=receipt.pk) is True
    assert services.deliver_mail(mail_id=receipt.pk) is False  # a redelivered task
    assert [m.to for m in mail.outbox] == [["lærer@skole.dk"]]


def test_mails_wait_for_the_commit(offer_a, editor_a, eager_tasks, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_request(offer_a)
        assert mail.outbox == []
    assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 2  # saved before any mail is sent
    for callback in callbacks:  # the commit
        callback()
    assert len(mail.outbox) == 2
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()
