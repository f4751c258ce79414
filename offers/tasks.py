"""Thin Celery tasks of the offers app."""

from __future__ import annotations

from celery import shared_task

from .search.index import refresh_offers_with_a_period


@shared_task
def refresh_offer_periods() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): the month filter of offers with a period follows the calendar."""
    return refresh_offers_with_a_period()
