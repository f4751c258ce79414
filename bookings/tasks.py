"""Thin Celery tasks: they take ids, call a service and retry on transient failures."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(autoretry_for=(SMTPException, ConnectionError, OSError), retry_backoff=30, max_retries=8)
def send_outgoing_mail(mail_id: int) -> bool:
    return services.deliver_mail(mail_id=mail_id)


@shared_task
def send_visit_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the teachers' reminders before their visits."""
    return services.queue_visit_reminders()


@shared_task
def send_editor_digests() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): each environment's unanswered requests to its editors."""
    return services.queue_editor_digests()


@shared_task
def anonymise_requests() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): blank the personal data of requests past their keeping time."""
    return services.anonymise_due_requests()
