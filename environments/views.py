"""Admin views of the environments' editorial work: the reviewers' moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from offers.models import LearningEnvironmentPage

from .access import environments_for_user
from .forms import InviteEditorForm, RejectApplicationForm
from .models import ApplicationStatus
from .selectors import review_queue
from .services import remove_editor
from .signup import (
    SignupError,
    applications_for_staff,
    approve_application,
    invite_editor,
    possible_duplicates,
    reject_application,
)


def moderation_queue(request: HttpRequest) -> HttpResponse:
    """What waits for the user's review, oldest first, with how long each item has waited."""
    states = list(review_queue(request.user)[:500])
    if (
        not states
        and not request.user.is_superuser
        and not request.user.groups.filter(reviewtask__isnull=False).exists()
    ):
        raise PermissionDenied
    page_ids = [int(state.workflow_state.object_id) for state in states]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).select_related("content_type")}
    parent_paths = {page.path[: -Page.steplen] for page in pages.values()}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=parent_paths)}
    now = timezone.now()
    rows = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        rows.append(
            {
                "state": state,
                "page": page,
                "parent": parents.get(page.path[: -Page.steplen]),
                "waited_days": (now - state.started_at).days,
                "waited": now - state.started_at,
            }
        )
    return TemplateResponse(request, "environments/admin/moderation_queue.html", {"rows": rows})


# --- Applications (staff) -----------------------------------------------------------------------------


def can_review_applications(user) -> bool:
    return user.is_authenticated and user.has_perm("environments.review_environmentapplication")


def application_index(request: HttpRequest) -> HttpResponse:
    if not can_review_applications(request.user):
        raise PermissionDenied
    status = request.GET.get("status", ApplicationStatus.NEW)
    if status not in {ApplicationStatus.NEW, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}:
        status = ApplicationStatus.NEW
    applications = applications_for_staff().filter(status=status).order_by("email_confirmed_at", "pk")
    counts = {row["status"]: row["n"] for row in applications_for_staff().values("status").annotate(n=Count("pk"))}
    tabs = [
        {"value": value, "label": label, "count": counts.get(value, 0), "current": value == status}
        for value, label in ApplicationStatus.choices
        if value != ApplicationStatus.UNCONFIRMED
    ]
    return TemplateResponse(
        request, "environments/admin/application_index.html", {"applications": applications[:500], "tabs": tabs}
    )


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_review_applications(request.user):
        raise PermissionDenied
    application = get_object_or_404(applications_for_staff(), pk=pk)
    reject_form = RejectApplicationForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                environment = approve_application(application=application, user=request.user)
                messages.success(
                    request,
                    _("%(name)s er godkendt: siden er oprettet som kladde, og kontaktpersonen er inviteret.")
                    % {"name": environment.title},
                )
                return redirect("environments_applications")
            if request.POST.get("action") == "reject" and reject_form.is_valid():
                reject_application(
                    application=application, user=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("Tilmeldingen er afvist, og ansøgeren har fået begrundelsen."))
                return redirect("environments_applications")
        except SignupError as error:
            messages.error(request, str(error))
            return redirect("environments_application", pk=application.pk)
    return TemplateResponse(
        request,
        "environments/admin/application_detail.html",
        {"application": application, "duplicates": possible_duplicates(application), "reject_form": reject_form},
    )


# --- An environment's editors (the editors themselves) -------------------------------------------------


def _environment_for_editor(request: HttpRequest, pk: int) -> LearningEnvironmentPage:
    environment = get_object_or_404(LearningEnvironmentPage, pk=pk)
    if not (request.user.is_superuser or environments_for_user(request.user).filter(pk=pk).exists()):
        raise PermissionDenied
    return environment


def environment_editors(request: HttpRequest, pk: int) -> HttpResponse:
    """The environment's editors: invite a colleague by e-mail, or remove one."""
    environment = _environment_for_editor(request, pk)
    form = InviteEditorForm(request.POST if request.POST.get("action") == "invite" else None)
    if request.method == "POST":
        if request.POST.get("action") == "invite" and form.is_valid():
            invite_editor(environment=environment, email=form.cleaned_data["email"], invited_by=request.user)
            messages.success(request, _("Invitationen er sendt til %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("environments_editors", pk=environment.pk)
        if request.POST.get("action") == "remove":
            member = (
                environment.editors_group.user_set.filter(pk=request.POST.get("user")).first()
                if environment.editors_group_id
                else None
            )
            if member is None:
                messages.error(request, _("Brugeren er ikke redaktør for læringsmiljøet."))
            else:
                remove_editor(environment=environment, user=member)
                messages.success(request, _("%(name)s er ikke længere redaktør.") % {"name": member.get_username()})
            return redirect("environments_editors", pk=environment.pk)
    members = environment.editors_group.user_set.order_by("username") if environment.editors_group_id else []
    pending = environment.editor_invitations.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
    return TemplateResponse(
        request,
        "environments/admin/editors.html",
        {"environment": environment, "members": members, "pending": pending, "form": form},
    )
