"""Reads for the environments' editorial work: the reviewers' queue and the editor's dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, TaskState, WorkflowState

from offers.models import LearningEnvironmentPage, OfferPage

from .access import environments_for_user
from .models import ReviewTask, ReviewTaskState


def review_queue(user: AbstractUser) -> QuerySet[ReviewTaskState]:
    """Reviews waiting for the user (in one of the task's groups; superusers: all), oldest first."""
    states = ReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    if not user.is_superuser:
        # The user's tasks as a subquery, not a join: joined, a user in two of a task's groups gave its states
        # twice, and DISTINCT then sorted every joined row (the revisions' whole content included).
        states = states.filter(task__in=ReviewTask.objects.filter(groups__user=user).values("pk"))
    return states.select_related("workflow_state", "workflow_state__requested_by", "task").order_by("started_at", "pk")


@dataclass
class OfferStatus:
    offer: OfferPage
    status: str
    label: str | Promise
    missing: list[str | Promise] = field(default_factory=list)


@dataclass
class EnvironmentDashboard:
    environment: LearningEnvironmentPage
    offers: list[OfferStatus]
    confirm_url: str | None = None

    @property
    def panel_id(self) -> str:
        return f"environment-{self.environment.pk}"

    @property
    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for row in self.offers:
            result[row.status] = result.get(row.status, 0) + 1
        return result


STATUS_LABELS = {
    "kladde": _("Kladde"),
    "til-godkendelse": _("Til godkendelse"),
    "aendringer-oensket": _("Ændringer ønsket"),
    "offentlig": _("Offentlig"),
    "ikke-bekraeftet": _("Ikke bekræftet"),
}


def what_is_missing(offer: OfferPage) -> list[str | Promise]:
    """What a reviewer would ask for: the editor sees it before submitting."""
    missing: list[str | Promise] = []
    if not offer.image_id:
        missing.append(_("billede"))
    if len(strip_tags(offer.description or "")) < 200:
        missing.append(_("en længere beskrivelse"))
    if not offer.subject_ids:
        missing.append(_("fag"))
    if not (offer.booking_url or offer.booking_email or offer.booking_phone):
        missing.append(_("booking"))
    if not offer.is_free and offer.price_amount is None and not offer.price_note:
        missing.append(_("pris"))
    return missing


def environment_dashboards(user: AbstractUser, *, round_id: int | None = None) -> list[EnvironmentDashboard]:
    """The editor's environments, each with its offers' status, last confirmed date and what is missing."""
    environments = list(environments_for_user(user).order_by("title")[:20])
    if not environments:
        return []
    offers = list(
        OfferPage.objects.filter(environment__in=environments)
        .only(
            "pk",
            "title",
            "live",
            "has_unpublished_changes",
            "environment_id",
            "last_verified",
            "confirmation_overdue",
            "image_id",
            "description",
            "subject_ids",
            "booking_url",
            "booking_email",
            "booking_phone",
            "is_free",
            "price_amount",
            "price_note",
            "latest_revision_created_at",
        )
        .order_by("title")
    )
    states = dict(
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(o.pk) for o in offers])
        .values_list("object_id", "status")
    )
    by_environment: dict[int, list[OfferStatus]] = {environment.pk: [] for environment in environments}
    for offer in offers:
        state = states.get(str(offer.pk))
        if state == WorkflowState.STATUS_IN_PROGRESS:
            status = "til-godkendelse"
        elif state == WorkflowState.STATUS_NEEDS_CHANGES:
            status = "aendringer-oensket"
        elif offer.live and offer.confirmation_overdue:
            status = "ikke-bekraeftet"
        elif offer.live:
            status = "offentlig"
        else:
            status = "kladde"
        by_environment[offer.environment_id].append(
            OfferStatus(offer=offer, status=status, label=STATUS_LABELS[status], missing=what_is_missing(offer))
        )
    return [
        EnvironmentDashboard(
            environment=environment,
            offers=by_environment[environment.pk],
            confirm_url=reverse("environments_confirm", args=[round_id, environment.pk]) if round_id else None,
        )
        for environment in environments
    ]
