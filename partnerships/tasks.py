"""Thin Celery tasks: they call a service and retry on transient failures."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(autoretry_for=(SMTPException, ConnectionError), retry_backoff=60, max_retries=5)
def send_partnership_reminders() -> int:
    """Run daily by Celery beat (CELERY_BEAT_SCHEDULE in settings)."""
    return services.send_due_reminders()
