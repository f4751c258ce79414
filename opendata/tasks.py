"""Celery tasks for open data: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from . import dataset


@shared_task(autoretry_for=(OperationalError, OSError), retry_backoff=60, max_retries=3)
def export_open_dataset() -> dict:
    """The nightly export (Celery beat, OPEN_DATA_EXPORT_HOUR): today's folder of JSON, CSV, licence, checksums."""
    version = dataset.export_open_dataset()
    return {"date": version.day.isoformat(), "count": version.manifest["count"]}
