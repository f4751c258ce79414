"""Public pages of the sign-up: the application form, the e-mail confirmation, and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .forms import ApplicationForm, SetPasswordForm
from .signup import (
    SignupError,
    accept_invitation,
    confirm_application_email,
    invitation_needs_password,
    rate_limited,
    submit_application,
    usable_invitation,
)


def _client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        limit, window = settings.ENVIRONMENT_SIGNUP_RATE_LIMIT, settings.ENVIRONMENT_SIGNUP_RATE_WINDOW_SECONDS
        if rate_limited(key=f"signup-ip:{_client_address(request)}", limit=limit, seconds=window):
            return TemplateResponse(
                request, "environments/signup/apply.html", {"form": form, "rate_limited": True}, status=429
            )
        if form.is_bot():
            # Looks like success to the bot; nothing is saved or sent.
            return redirect(reverse("environments:application_sent"))
        if form.is_valid():
            email = form.cleaned_data["contact_email"].lower()
            if rate_limited(key=f"signup-email:{email}", limit=limit, seconds=window):
                return TemplateResponse(
                    request, "environments/signup/apply.html", {"form": form, "rate_limited": True}, status=429
                )
            submit_application(data=form.application_data())
            return redirect(reverse("environments:application_sent"))
    return TemplateResponse(request, "environments/signup/apply.html", {"form": form})


def application_sent(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "environments/signup/sent.html", {})


@never_cache
def confirm_application(request: HttpRequest, token: str) -> HttpResponse:
    try:
        application = confirm_application_email(token=token)
    except SignupError as error:
        return TemplateResponse(request, "environments/signup/link_error.html", {"message": str(error)}, status=400)
    return TemplateResponse(request, "environments/signup/confirmed.html", {"application": application})


@never_cache
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = usable_invitation(token)
    except SignupError as error:
        return TemplateResponse(request, "environments/signup/link_error.html", {"message": str(error)}, status=400)
    needs_password = invitation_needs_password(invitation)
    user = get_user_model().objects.filter(email__iexact=invitation.email).order_by("pk").first()
    form = SetPasswordForm(request.POST or None, user=user) if needs_password else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            accept_invitation(token=token, password=form.cleaned_data["password1"] if form else None)
        except SignupError as error:
            return TemplateResponse(request, "environments/signup/link_error.html", {"message": str(error)}, status=400)
        return TemplateResponse(
            request,
            "environments/signup/accepted.html",
            {"invitation": invitation, "login_url": reverse("wagtailadmin_login")},
        )
    return TemplateResponse(
        request,
        "environments/signup/accept.html",
        {"invitation": invitation, "form": form, "needs_password": needs_password},
    )
