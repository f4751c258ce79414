"""Admin views of the environments' editorial work: the reviewers' moderation queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState

from offers.models import LearningEnvironmentPage

from .access import environments_for_user
from .charts import progress_chart_svg
from .confirmation import (
    ConfirmationError,
    confirm_offers,
    current_round,
    is_confirmed,
    offers_in_round,
    round_progress,
    withdraw_offer,
)
from .forms import ConfirmationRoundForm, InviteEditorForm, RejectApplicationForm
from .models import ApplicationStatus, ConfirmationRound, ReviewTaskState
from .selectors import review_queue
from .services import remove_editor, start_round
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


# --- Confirmation rounds -------------------------------------------------------------------------------


def confirm_offers_view(request: HttpRequest, round_id: int, environment_id: int) -> HttpResponse:
    """An environment's offers in a round: confirm each (or all) in one click, edit, or withdraw."""
    round = ConfirmationRound.objects.filter(pk=round_id, started_at__isnull=False).first()
    if round is None:
        return TemplateResponse(
            request,
            "environments/admin/confirm_error.html",
            {"message": _("Linket passer ikke til en bekræftelsesrunde. Brug linket i den seneste e-mail.")},
            status=404,
        )
    environment = _environment_for_editor(request, environment_id)
    newest = current_round()
    if newest is not None and newest.pk != round.pk:
        return TemplateResponse(
            request,
            "environments/admin/confirm_error.html",
            {
                "message": _("Linket hører til en tidligere runde (%(year)s).") % {"year": round.school_year_label},
                "current_url": reverse("environments_confirm", args=[newest.pk, environment.pk]),
            },
            status=410,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            count = confirm_offers(
                environment=environment, offer_ids=request.POST.getlist("offer")[:1000], user=request.user
            )
            messages.success(request, _("%(count)s tilbud er bekræftet aktuelt.") % {"count": count})
        elif action == "confirm_all":
            ids = list(offers_in_round(environment).values_list("pk", flat=True))
            count = confirm_offers(environment=environment, offer_ids=ids, user=request.user)
            messages.success(request, _("%(count)s tilbud er bekræftet aktuelt.") % {"count": count})
        elif action == "withdraw":
            try:
                offer_id = int(request.POST.get("offer", ""))
            except ValueError:
                offer_id = 0
            offer = withdraw_offer(environment=environment, offer_id=offer_id, user=request.user)
            if offer is None:
                messages.error(request, _("Tilbuddet findes ikke blandt læringsmiljøets offentlige tilbud."))
            else:
                messages.success(request, _("»%(title)s« er trukket tilbage fra sitet.") % {"title": offer.title})
        return redirect("environments_confirm", round_id=round.pk, environment_id=environment.pk)
    offers = [{"offer": offer, "confirmed": is_confirmed(offer, round)} for offer in offers_in_round(environment)]
    return TemplateResponse(
        request,
        "environments/admin/confirm_offers.html",
        {"round": round, "environment": environment, "offers": offers, "late": round.deadline < timezone.localdate()},
    )


def can_manage_rounds(user) -> bool:
    return user.is_authenticated and user.has_perm("environments.add_confirmationround")


def freshness_overview(request: HttpRequest) -> HttpResponse:
    """Staff: confirmation progress per environment and kommune, applications waiting, moderation queue."""
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    form = ConfirmationRoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = start_round(round=form.save(), user=request.user)
        except ConfirmationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Bekræftelsesrunden for %(year)s er startet.") % {"year": round.school_year_label}
            )
            return redirect("environments_freshness")
    round = current_round()
    progress = round_progress(round) if round else None
    waiting_queue = ReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
    oldest = waiting_queue.order_by("started_at").values_list("started_at", flat=True).first()
    context = {
        "form": form,
        "round": round,
        "progress": progress,
        "chart": progress_chart_svg(progress.by_municipality) if progress else "",
        "applications_waiting": applications_for_staff().filter(status=ApplicationStatus.NEW).count(),
        "queue_size": waiting_queue.count(),
        "queue_oldest_days": (timezone.now() - oldest).days if oldest else None,
    }
    return TemplateResponse(request, "environments/admin/freshness_overview.html", context)
