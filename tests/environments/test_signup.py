"""Sign-up of a new environment: the public form, e-mail confirmation, staff approval or rejection,
the invitation link; bad input, bots, floods and forged or expired links."""

from __future__ import annotations

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from environments.models import ApplicationStatus, EditorInvitation, EnvironmentApplication
from environments.signup import invite_editor
from offers.models import EnvironmentType, LearningEnvironmentPage

from ..conftest import make_environment
from .conftest import PASSWORD, is_denied

pytestmark = pytest.mark.django_db

APPLY = "/for-laeringsmiljoeer/tilmeld/"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides):
    data = {
        "organisation_name": "Skovens Hus",
        "environment_type": str(EnvironmentType.objects.get(slug="naturcenter").pk),
        "street_address": "Skovvej 4",
        "postcode": "8600",
        "website": "https://skovenshus.dk",
        "cvr": "",
        "contact_name": "Mette Skov",
        "contact_email": "mette@skovenshus.dk",
        "contact_phone": "12 34 56 78",
        "description": "Vi viser skoleklasser skovens dyr og planter.",
        "accept_terms": "on",
        "company_fax": "",
    }
    data.update(overrides)
    return data


def link_in(message, pattern: str) -> str:
    return re.search(rf"https?://\S+{pattern}\S*", message.body).group(0)


@pytest.fixture
def staff(django_user_model, national_site):
    user = django_user_model.objects.create_user(username="stab", password=PASSWORD, email="stab@example.dk")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="review_environmentapplication"),
    )
    return user


def apply_and_confirm(client, **overrides) -> EnvironmentApplication:
    mail.outbox.clear()
    response = client.post(APPLY, form_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    (message,) = mail.outbox
    path = link_in(message, "/tilmeld/bekraeft/").split("8000", 1)[-1]
    assert client.get(path).status_code == 200
    return EnvironmentApplication.objects.get(contact_email=overrides.get("contact_email", "mette@skovenshus.dk"))


def test_form_page_renders_in_danish(client, national_site):
    html = client.get(APPLY).content.decode()
    assert "Tilmeld jeres læringsmiljø" in html and "Organisationens navn" in html


def test_application_waits_for_email_confirmation(client, staff):
    client.post(APPLY, form_data())
    application = EnvironmentApplication.objects.get()
    assert application.status == ApplicationStatus.UNCONFIRMED
    client.force_login(staff)
    assert "Skovens Hus" not in client.get(reverse("environments_applications")).content.decode()
    client.logout()
    (message,) = mail.outbox
    assert message.to == ["mette@skovenshus.dk"]
    client.get(link_in(message, "/tilmeld/bekraeft/").split("8000", 1)[-1])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    client.force_login(staff)
    assert "Skovens Hus" in client.get(reverse("environments_applications")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisation_name": ""}, "Udfyld feltet."),
        ({"postcode": "0000"}, "Ukendt postnummer"),
        ({"postcode": "abcd"}, "Ukendt postnummer"),
        ({"contact_email": "ikke-en-mail"}, "Skriv en gyldig e-mailadresse."),
        ({"cvr": "123"}, "Et CVR-nummer har 8 cifre."),
        ({"accept_terms": ""}, "Du skal acceptere vilkårene"),
        ({"environment_type": "999999"}, "Vælg en type fra listen."),
        ({"contact_phone": "ring"}, "Skriv et telefonnummer"),
        ({"description": "x" * 1001}, "Skriv højst 1.000 tegn (der er 1001)"),
    ],
)
def test_bad_input_gives_danish_errors_and_saves_nothing(client, national_site, overrides, message):
    response = client.post(APPLY, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EnvironmentApplication.objects.exists()
    assert not mail.outbox


def test_nothing_is_echoed_unescaped(client, national_site):
    response = client.post(APPLY, form_data(organisation_name="<script>alert(1)</script>", postcode="9999x"))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_honeypot_saves_nothing(client, national_site):
    response = client.post(APPLY, form_data(company_fax="spam"))
    assert response.status_code == 302
    assert not EnvironmentApplication.objects.exists() and not mail.outbox


def test_rate_limit_per_address(client, national_site, settings):
    settings.ENVIRONMENT_SIGNUP_RATE_LIMIT = 2
    for number in range(2):
        assert client.post(APPLY, form_data(contact_email=f"a{number}@x.dk")).status_code == 302
    response = client.post(APPLY, form_data(contact_email="a9@x.dk"))
    assert response.status_code == 429
    assert "for mange tilmeldinger" in response.content.decode()
    assert EnvironmentApplication.objects.count() == 2


@pytest.mark.parametrize("token", ["forfalsket", "x" * 300, "%3Cscript%3E"])
def test_forged_confirmation_link(client, national_site, token):
    response = client.get(f"/for-laeringsmiljoeer/tilmeld/bekraeft/{token}/")
    assert response.status_code == 400
    assert "Linket er ugyldigt" in response.content.decode()


def test_expired_confirmation_link_changes_nothing(client, national_site):
    client.post(APPLY, form_data())
    EnvironmentApplication.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    response = client.get(link_in(mail.outbox[0], "/tilmeld/bekraeft/").split("8000", 1)[-1])
    assert response.status_code == 400 and "udløbet" in response.content.decode()
    assert EnvironmentApplication.objects.get().status == ApplicationStatus.UNCONFIRMED


def test_staff_sees_a_duplicate_warning(client, staff, environment_index):
    make_environment(environment_index, title="Skovens Hus – naturskole", postcode="8600")
    application = apply_and_confirm(client)
    client.force_login(staff)
    html = client.get(reverse("environments_application", args=[application.pk])).content.decode()
    assert "Ligner et eksisterende læringsmiljø" in html and "Skovens Hus – naturskole" in html


def test_approval_creates_everything_and_the_invitation_sets_a_password(client, staff, environment_index):
    application = apply_and_confirm(client)
    client.force_login(staff)
    mail.outbox.clear()
    response = client.post(reverse("environments_application", args=[application.pk]), {"action": "approve"})
    assert response.status_code == 302
    environment = LearningEnvironmentPage.objects.get(title="Skovens Hus")
    assert not environment.live and environment.editors_group is not None
    assert environment.editorial.collection is not None
    assert environment.contacts.get().email == "mette@skovenshus.dk"
    user = get_user_model().objects.get(email="mette@skovenshus.dk")
    assert not user.has_usable_password()
    assert user.groups.filter(pk=environment.editors_group_id).exists()
    (message,) = mail.outbox
    accept = link_in(message, "/invitation/").split("8000", 1)[-1]
    client.logout()

    response = client.post(accept, {"password1": "kort", "password2": "kort"})
    assert response.status_code == 200 and "Adgangskoden er ikke gemt" in response.content.decode()
    for control, refs in described_fields(response.content.decode()):
        assert None not in refs.values(), (control.get("name"), refs)
    response = client.post(accept, {"password1": "Skovbund-og-mos-42", "password2": "Skovbund-og-mos-42"})
    assert response.status_code == 200 and "Du er nu redaktør for Skovens Hus" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Skovbund-og-mos-42")
    # Single use.
    response = client.post(accept, {"password1": "Andet-kodeord-99", "password2": "Andet-kodeord-99"})
    assert response.status_code == 400 and "allerede brugt" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("Skovbund-og-mos-42")
    # The new editor logs in and edits their environment's draft.
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[environment.pk])).status_code == 200


def test_approving_twice_creates_one_environment(client, staff, environment_index):
    application = apply_and_confirm(client)
    client.force_login(staff)
    url = reverse("environments_application", args=[application.pk])
    client.post(url, {"action": "approve"})
    client.post(url, {"action": "approve"})
    assert LearningEnvironmentPage.objects.filter(title="Skovens Hus").count() == 1


def test_rejection_emails_the_reason(client, staff, environment_index):
    application = apply_and_confirm(client)
    client.force_login(staff)
    mail.outbox.clear()
    url = reverse("environments_application", args=[application.pk])
    response = client.post(url, {"action": "reject", "reason": ""})
    assert "Skriv en begrundelse." in response.content.decode()
    client.post(url, {"action": "reject", "reason": "I har ikke undervisning for skoler."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    (message,) = mail.outbox
    assert "I har ikke undervisning for skoler." in message.body
    assert not LearningEnvironmentPage.objects.filter(title="Skovens Hus").exists()


def test_applications_are_for_staff_only(client, world):
    client.force_login(world["editor_a"])
    assert is_denied(client.get(reverse("environments_applications")))


def test_expired_and_other_environment_invitations(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_editor(environment=world["env_a"], email="ny@example.dk", invited_by=world["editor_a"])
    EditorInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    link = link_in(mail.outbox[-1], "/invitation/").split("8000", 1)[-1]
    response = client.post(link, {"password1": "Skovbund-og-mos-42", "password2": "Skovbund-og-mos-42"})
    assert response.status_code == 400 and "udløbet" in response.content.decode()
    assert not get_user_model().objects.filter(email="ny@example.dk").exists()


def test_editor_invites_and_removes_a_colleague(client, django_user_model, world):
    client.force_login(world["editor_a"])
    url = reverse("environments_editors", args=[world["env_a"].pk])
    mail.outbox.clear()
    response = client.post(url, {"action": "invite", "email": "kollega@example.dk"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["kollega@example.dk"] and "Naturcenter Amager" in message.subject
    client.logout()
    link = link_in(message, "/invitation/").split("8000", 1)[-1]
    client.post(link, {"password1": "Skovbund-og-mos-42", "password2": "Skovbund-og-mos-42"})
    colleague = django_user_model.objects.get(email="kollega@example.dk")
    assert colleague.groups.filter(pk=world["env_a"].editors_group_id).exists()

    client.force_login(world["editor_a"])
    client.post(url, {"action": "remove", "user": colleague.pk})
    assert not colleague.groups.exists()
    # Another environment's editors page is closed; its members cannot be removed from here.
    other = reverse("environments_editors", args=[world["env_b"].pk])
    assert is_denied(client.get(other))
    client.post(other, {"action": "remove", "user": world["editor_b"].pk})
    assert world["editor_b"].groups.filter(pk=world["env_b"].editors_group_id).exists()
    client.post(url, {"action": "remove", "user": world["editor_b"].pk})
    assert world["editor_b"].groups.filter(pk=world["env_b"].editors_group_id).exists()


def described_fields(html: str) -> list[tuple]:
    """Every form control with aria-describedby, and the elements those ids name (None where missing)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        (control, {ref: soup.find(id=ref) for ref in control["aria-describedby"].split()})
        for control in soup.select("[aria-describedby]")
    ]


def test_help_texts_are_tied_to_their_fields(client, national_site):
    html = client.get(APPLY).content.decode()
    described = described_fields(html)
    assert described, "no field is described"
    for control, refs in described:
        assert None not in refs.values(), (control.get("name"), refs)
    soup = BeautifulSoup(html, "html.parser")
    street = soup.find(attrs={"name": "street_address"})
    (help_text,) = (soup.find(id=ref) for ref in street["aria-describedby"].split())
    assert help_text.get_text(strip=True) == "Vej og nummer."
    description = soup.find(attrs={"name": "description"})
    assert "højst 1.000 tegn" in soup.find(id=description["aria-describedby"]).get_text()


def test_errors_are_tied_to_their_fields(client, national_site):
    response = client.post(APPLY, form_data(street_address="", contact_email="ikke-en-mail", accept_terms=""))
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")
    for control, refs in described_fields(html):
        assert None not in refs.values(), (control.get("name"), refs)
    expected = {
        "street_address": ["Vej og nummer.", "Udfyld feltet."],
        "contact_email": ["Skriv en gyldig e-mailadresse."],
        "accept_terms": ["Du skal acceptere vilkårene for at tilmelde jer."],
    }
    for name, texts in expected.items():
        control = soup.find(attrs={"name": name})
        assert control.get("aria-invalid") == "true", name
        said = " ".join(soup.find(id=ref).get_text(" ", strip=True) for ref in control["aria-describedby"].split())
        for text in texts:
            assert text in said, (name, said)
    assert len(soup.select("[id]")) == len({element["id"] for element in soup.select("[id]")}), "duplicate ids"
