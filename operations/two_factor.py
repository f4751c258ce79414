"""Two-factor sign-in for the admin, on django-otp's TOTP devices (authenticator apps).

Any editor may set up a device under Konto → "To-trins-login"; from then on, after the password, the admin
asks for the app's six-digit code before anything else. django-otp does the cryptography and marks the
session verified; this module is the Wagtail wiring (wagtail-2fa does not run on Wagtail 8).
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Godkendelsesapp"


def _exempt_paths() -> tuple[str, ...]:
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("two_factor_verify"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_sprite"),
    )


class TwoFactorMiddleware:
    """Sends a signed-in editor who has a confirmed device, but has not entered its code, to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_exempt_paths())
            and user_has_device(user, confirmed=True)
        ):
            return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
        return self.get_response(request)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Kode fra godkendelsesappen"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, devices, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = devices
        self.device = None

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        for device in self.devices:
            if device.verify_token(token):
                self.device = device
                return token
        raise forms.ValidationError(_("Koden er forkert eller udløbet. Prøv med den kode, appen viser nu."))


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@login_required
def verify(request):
    """The second step of signing in: the code from the editor's app."""
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices or request.user.is_verified():
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None, devices=devices)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_safe_next(request))
    return TemplateResponse(request, "operations/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request):
    """Set up (or remove) the editor's authenticator app."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if request.method == "POST" and request.POST.get("action") == "remove" and confirmed:
        TOTPDevice.objects.filter(user=user).delete()
        messages.success(request, _("To-trins-login er slået fra."))
        return redirect("two_factor_setup")
    if confirmed:
        return TemplateResponse(request, "operations/two_factor_setup.html", {"confirmed": confirmed})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=False
    )
    form = TokenForm(request.POST or None, devices=[device])
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("To-trins-login er slået til. Næste gang du logger ind, beder vi om en kode."))
        return redirect("two_factor_setup")
    return TemplateResponse(
        request,
        "operations/two_factor_setup.html",
        {
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )
