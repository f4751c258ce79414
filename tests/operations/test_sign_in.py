"""Sign-in: lockout after failures, the default landing page, two-factor sign-in, upload limits."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents.models import Document

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode-1"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(username="redaktoer", password=PASSWORD, email="r@x.dk")


def sign_in(client, password=PASSWORD, **extra):
    return client.post(reverse("wagtailadmin_login"), {"username": "redaktoer", "password": password, **extra})


def test_after_five_failures_even_the_right_password_is_refused_with_a_danish_message(client, editor):
    for _ in range(4):
        assert sign_in(client, "forkert").status_code == 200
    assert sign_in(client, "forkert").status_code == 429  # the fifth failure locks
    response = sign_in(client)
    assert response.status_code == 429
    assert "For mange mislykkede forsøg" in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # not signed in


def test_a_lockout_is_per_address(client, editor):
    for _ in range(5):
        sign_in(client, "forkert")
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "redaktoer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302  # the consultant at another address is not locked out by an attacker


def test_sign_in_without_next_lands_in_the_admin(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    response = sign_in(client, next="https://evil.example/")
    assert response.url == reverse("wagtailadmin_home")


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=0):06d}"


def reset_throttle(device: TOTPDevice) -> None:
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()


def test_two_factor_setup_then_the_admin_asks_for_the_code(client, editor):
    client.force_login(editor)
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post(
        reverse("two_factor_setup"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert "Koden er forkert" in wrong.content.decode()
    reset_throttle(device)  # django-otp makes the next try wait after a wrong code
    assert client.post(reverse("two_factor_setup"), {"token": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    assert sign_in(client).status_code == 302
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[1]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))
    device.refresh_from_db()
    device.last_t = -1  # the code used at setup may be used again in this test's time step
    device.save()
    bad = client.post(reverse("two_factor_verify"), {"token": "12345x"})
    assert "Koden er forkert" in bad.content.decode()
    reset_throttle(device)
    ok = client.post(response.url, {"token": current_code(device), "next": "/admin/pages/"})
    assert ok.status_code == 302 and ok.url == "/admin/pages/"
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_without_a_device_no_code_is_asked(client, editor):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_too_large_document_is_refused_with_a_danish_message(client, editor, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4 " + b"x" * 2048, content_type="application/pdf")
    response = client.post(reverse("wagtaildocs:add"), {"title": "Stor", "file": big, "collection": 1})
    assert response.status_code == 200
    html = response.content.decode()
    assert "et dokument må højst fylde 1,0\xa0KB" in html, [line for line in html.splitlines() if "fylde" in line]
    assert not Document.objects.filter(title="Stor").exists()
    small = SimpleUploadedFile("lille.pdf", b"%PDF-1.4 lille", content_type="application/pdf")
    assert (
        client.post(reverse("wagtaildocs:add"), {"title": "Lille", "file": small, "collection": 1}).status_code == 302
    )


def test_a_document_of_a_forbidden_type_is_refused(client, editor):
    client.force_login(editor)
    exe = SimpleUploadedFile("virus.exe", b"MZ....", content_type="application/octet-stream")
    response = client.post(reverse("wagtaildocs:add"), {"title": "Virus", "file": exe, "collection": 1})
    assert response.status_code == 200
    assert not Document.objects.filter(title="Virus").exists()
