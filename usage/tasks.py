"""Celery tasks for usage statistics: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3)
def flush_usage_counters() -> int:
    return services.flush_counters()
