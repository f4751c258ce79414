"""Thin Celery tasks: they call a service."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from .page_creation import forget_page_creations


@shared_task
def forget_old_page_creations() -> int:
    """Nightly (CELERY_BEAT_SCHEDULE): the admin's add-form records older than PAGE_CREATION_KEEP_DAYS."""
    return forget_page_creations(older_than=timedelta(days=settings.PAGE_CREATION_KEEP_DAYS))
