"""Admin views of the environments' editorial work: the reviewers' moderation queue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from .selectors import review_queue


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
