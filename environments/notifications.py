"""Wagtail's "submitted for review" e-mail for ReviewTask, to that task's groups only.

Wagtail connects its group-approval notifier for plain TaskState senders; a ReviewTask's state is a
ReviewTaskState, so the same notifier is connected for it here, reading Wagtail's task-state templates.
"""

from __future__ import annotations

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.signals import task_submitted

from .models import ReviewTaskState


class ReviewSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"


review_submission_email_notifier = ReviewSubmissionEmailNotifier()


def connect() -> None:
    task_submitted.connect(
        review_submission_email_notifier, sender=ReviewTaskState, dispatch_uid="environments.review_submitted_email"
    )
