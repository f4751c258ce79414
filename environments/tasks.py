"""Thin Celery tasks of the environments app: they take ids, call a service and retry on transient failures."""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task
from django.core.management import call_command

from . import confirmation

RETRY = {"autoretry_for": (SMTPException, ConnectionError), "retry_backoff": 60, "max_retries": 5}


@shared_task(**RETRY)
def send_confirmation_round_emails(round_id: int) -> int:
    """Queued on commit when staff start a round: one e-mail per environment, at most once."""
    return confirmation.send_round_emails(round_id=round_id)


@shared_task(**RETRY)
def run_confirmation_rounds() -> dict:
    """Daily (Celery beat): reminders before each round's deadline, then the deadline's consequences."""
    return {"reminders": confirmation.send_due_reminders(), "overdue": confirmation.close_due_rounds()}


@shared_task(**RETRY)
def expire_past_offers() -> dict:
    """Daily (Celery beat): schedule expiry after offers' last dates, warn editors, let Wagtail unpublish."""
    scheduled = confirmation.schedule_expiry()
    warned = confirmation.send_expiry_warnings()
    call_command("publish_scheduled")
    return {"scheduled": scheduled, "warned": warned}
