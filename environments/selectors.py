"""Reads for the environments' editorial work: the reviewers' queue."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from wagtail.models import TaskState

from .models import ReviewTaskState


def review_queue(user: AbstractUser) -> QuerySet[ReviewTaskState]:
    """Reviews waiting for the user (in one of the task's groups; superusers: all), oldest first."""
    states = ReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    if not user.is_superuser:
        states = states.filter(task__reviewtask__groups__user=user)
    return (
        states.select_related("workflow_state", "workflow_state__requested_by", "task", "revision")
        .distinct()
        .order_by("started_at", "pk")
    )
