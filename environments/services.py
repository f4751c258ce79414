"""Writes for the environments' editorial setup: editors' groups, trust, review workflows, review actions."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.auth.models import AbstractUser, Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import HomePage
from municipalities.models import MunicipalSite
from offers.models import LearningEnvironmentIndexPage, LearningEnvironmentPage

from .confirmation import ConfirmationError
from .models import ChangeReason, ConfirmationRound, EnvironmentEditorial, ReviewTask
from .tasks import send_confirmation_round_emails

logger = logging.getLogger(__name__)

# One page-permission row per kind, at the environment's page only (so its offers too). Publishing
# is added only for trusted environments; the others submit to their reviewers.
EDITOR_PAGE_PERMISSIONS = ("add", "change")
TRUSTED_PAGE_PERMISSION = "publish"
# Images and documents in the environment's own collection only.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", ("add", "change", "delete", "choose")),
    ("wagtaildocs", "document", ("add", "change", "delete", "choose")),
)
NATIONAL_REVIEWERS_GROUP = "Skoletjenestens redaktion"
NATIONAL_REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
NATIONAL_WORKFLOW = "Godkendelse af læringsmiljøernes tilbud"
NATIONAL_TASK = "Skoletjenestens redaktion godkender"
DEFAULT_CHANGE_REASONS = (
    ("Målgruppen mangler", "Angiv klassetrin og målgruppe, så lærerne kan finde tilbuddet."),
    ("Prisen er uklar", "Skriv prisen, og hvad den dækker (pr. klasse, pr. elev), eller markér tilbuddet som gratis."),
    ("Beskrivelsen er for kort", "Fortæl, hvad eleverne laver og lærer, og hvordan forløbet er bygget op."),
    ("Booking mangler", "Angiv, hvordan man booker: et link, en e-mail eller et telefonnummer."),
    ("Billedet mangler eller kan ikke bruges", "Brug et billede, I har rettighederne til, og som viser tilbuddet."),
    ("Fag og fagområde passer ikke", "Vælg de fag, tilbuddet faktisk arbejder med på de valgte klassetrin."),
)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(action: str) -> Permission:
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page")


def editors_group_name(environment: LearningEnvironmentPage) -> str:
    return f"Læringsmiljø {environment.pk}: {environment.title}"[:150]


@transaction.atomic
def provision_environment_editors(
    *, environment: LearningEnvironmentPage, trusted: bool = False
) -> EnvironmentEditorial:
    """Give an environment its editors' group and collection (once; a second call returns the setup).

    The group may enter the admin, add and edit pages at the environment's page (its offers and
    itself; publish too if trusted) and use images and documents in its own collection; nothing else.
    """
    editorial = EnvironmentEditorial.objects.filter(environment=environment).select_related("collection").first()
    if editorial is not None and environment.editors_group_id:
        return editorial
    group = environment.editors_group or Group.objects.create(name=editors_group_name(environment))
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    actions = EDITOR_PAGE_PERMISSIONS + ((TRUSTED_PAGE_PERMISSION,) if trusted else ())
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=environment.pk, permission=_page_permission(action)
        )
    collection = Collection.get_first_root_node().add_child(name=f"{environment.title} ({environment.pk})"[:255])
    for app_label, model, collection_actions in EDITOR_COLLECTION_PERMISSIONS:
        for action in collection_actions:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model}")
            )
    # A column update: no new revision, no search refresh for a field the public never sees.
    LearningEnvironmentPage.objects.filter(pk=environment.pk).update(editors_group=group)
    environment.editors_group = group
    editorial, _ = EnvironmentEditorial.objects.update_or_create(
        environment=environment, defaults={"collection": collection, "trusted": trusted}
    )
    return editorial


@transaction.atomic
def set_trusted(*, environment: LearningEnvironmentPage, trusted: bool) -> EnvironmentEditorial:
    """Trusted environments publish on their own (publish permission); others submit for review."""
    editorial = provision_environment_editors(environment=environment)
    permission = _page_permission(TRUSTED_PAGE_PERMISSION)
    rows = GroupPagePermission.objects.filter(
        group=environment.editors_group, page_id=environment.pk, permission=permission
    )
    if trusted:
        if not rows.exists():
            GroupPagePermission.objects.create(
                group=environment.editors_group, page_id=environment.pk, permission=permission
            )
    else:
        rows.delete()
    if editorial.trusted != trusted:
        editorial.trusted = trusted
        editorial.save(update_fields=["trusted"])
    return editorial


def add_editor(*, environment: LearningEnvironmentPage, user: AbstractUser) -> None:
    provision_environment_editors(environment=environment)
    assert environment.editors_group is not None  # provisioned just above
    user.groups.add(environment.editors_group)


def remove_editor(*, environment: LearningEnvironmentPage, user: AbstractUser) -> None:
    if environment.editors_group is not None:
        user.groups.remove(environment.editors_group)


# --- Review workflows ---------------------------------------------------------------------------------


def ensure_change_reasons() -> None:
    """The starting list of reasons (staff edit it as a snippet); existing rows are left alone."""
    for position, (title, explanation) in enumerate(DEFAULT_CHANGE_REASONS):
        ChangeReason.objects.get_or_create(title=title, defaults={"explanation": explanation, "sort_order": position})


def _workflow_with_task(*, workflow_name: str, task_name: str, groups: Iterable[Group]) -> Workflow:
    task = ReviewTask.objects.filter(name=task_name).first() or ReviewTask.objects.create(name=task_name)
    task.groups.add(*groups)
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def ensure_national_review_workflow() -> Workflow | None:
    """The national editorial team (a group with rights on the national tree) reviews the national
    environments' pages: a workflow on the environments' index page. Idempotent."""
    index = LearningEnvironmentIndexPage.objects.first()
    home = HomePage.objects.first()
    if index is None or home is None:
        return None
    group, created = Group.objects.get_or_create(name=NATIONAL_REVIEWERS_GROUP)
    if created:
        group.permissions.add(_permission("wagtailadmin", "access_admin"))
        for action in NATIONAL_REVIEWER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_page_permission(action))
    ensure_change_reasons()
    workflow = _workflow_with_task(workflow_name=NATIONAL_WORKFLOW, task_name=NATIONAL_TASK, groups=[group])
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def ensure_municipal_review_workflow(*, municipal_site: MunicipalSite) -> Workflow:
    """A kommune's own organisers (environments under its home page) are reviewed by its consultants."""
    name = municipal_site.site.site_name or str(municipal_site.municipality)
    ensure_change_reasons()
    workflow = _workflow_with_task(
        workflow_name=f"Godkendelse: {name}",
        task_name=f"Konsulenterne i {name} godkender",
        groups=[municipal_site.editors_group] if municipal_site.editors_group_id else [],
    )
    WorkflowPage.objects.update_or_create(page_id=municipal_site.site.root_page_id, defaults={"workflow": workflow})
    return workflow


def reviewers_of(page: Page) -> list[Group]:
    """The groups that review ``page``: those of the ReviewTasks of the workflow that applies to it."""
    workflow = page.get_workflow()
    if workflow is None:
        return []
    return list(Group.objects.filter(reviewtask__workflow_tasks__workflow=workflow).distinct().order_by("name"))


# --- Confirmation rounds ------------------------------------------------------------------------------


@transaction.atomic
def start_round(*, round: ConfirmationRound, user: User | None) -> ConfirmationRound:
    """Start the round; the e-mails to every environment go out from a Celery task after the commit."""
    round = ConfirmationRound.objects.select_for_update().get(pk=round.pk)
    if round.started_at is not None:
        raise ConfirmationError("Runden er allerede startet.")
    if round.deadline <= timezone.localdate():
        raise ConfirmationError("Fristen skal ligge efter i dag.")
    round.started_at = timezone.now()
    round.started_by = user
    round.save(update_fields=["started_at", "started_by"])
    send_confirmation_round_emails.delay_on_commit(round.pk)
    return round


@transaction.atomic
def provision_many_environments(*, environments: Iterable[LearningEnvironmentPage]) -> int:
    """``provision_environment_editors`` for many environments at once (demo data, benchmarks): a few
    bulk INSERTs per batch instead of a dozen statements per environment. Skips environments that have
    a group. Returns how many were provisioned."""
    pending = [environment for environment in environments if not environment.editors_group_id]
    if not pending:
        return 0
    access_admin = _permission("wagtailadmin", "access_admin")
    page_permissions = [_page_permission(action) for action in EDITOR_PAGE_PERMISSIONS]
    collection_permissions = [
        _permission(app_label, f"{action}_{model}")
        for app_label, model, actions in EDITOR_COLLECTION_PERMISSIONS
        for action in actions
    ]
    groups = Group.objects.bulk_create([Group(name=editors_group_name(environment)) for environment in pending])
    Group.permissions.through.objects.bulk_create(
        [Group.permissions.through(group_id=group.pk, permission_id=access_admin.pk) for group in groups]
    )
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=environment.pk, permission=permission)
            for group, environment in zip(groups, pending, strict=True)
            for permission in page_permissions
        ]
    )
    # Collections are a treebeard tree: the new ones are the root's next children, paths computed here.
    root = Collection.get_first_root_node()
    last = root.get_last_child()
    first_step = Collection._str2int(last.path[-Collection.steplen :]) + 1 if last else 1
    collections = [
        Collection(
            path=Collection._get_path(root.path, root.depth + 1, first_step + number),
            depth=root.depth + 1,
            numchild=0,
            name=f"{environment.title} ({environment.pk})"[:255],
        )
        for number, environment in enumerate(pending)
    ]
    collections = Collection.objects.bulk_create(collections)
    Collection.objects.filter(pk=root.pk).update(numchild=root.get_children().count())
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for group, collection in zip(groups, collections, strict=True)
            for permission in collection_permissions
        ]
    )
    for group, environment in zip(groups, pending, strict=True):
        environment.editors_group = group
    LearningEnvironmentPage.objects.bulk_update(pending, ["editors_group"], batch_size=1000)
    EnvironmentEditorial.objects.bulk_create(
        [
            EnvironmentEditorial(environment=environment, collection=collection)
            for environment, collection in zip(pending, collections, strict=True)
        ]
    )
    return len(pending)
