"""Celery tasks for the catalogue: thin wrappers that take ids and call the services.

All run on the "catalogue" queue (CELERY_TASK_ROUTES). Its worker runs with
``--max-tasks-per-child=1`` so WeasyPrint's memory goes back to the system after every task.
"""

from __future__ import annotations

from celery import chord, shared_task
from django.db import OperationalError

from . import (
    queueing,
    rendering,  # noqa: F401  (loads WeasyPrint in the worker's parent, shared by forked children)
    services,
)

RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": 5, "max_retries": 3}


def _failing(export_id: int):
    """Mark the run failed with the reason when a step raises, then re-raise for Celery."""

    class _Guard:
        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc, tb):
            if exc is not None and not isinstance(exc, OperationalError):
                services.fail_export(export_id=export_id, reason=str(exc) or exc_type.__name__)
            return False

    return _Guard()


@shared_task(bind=True, **RETRY)
def run_export(self, export_id: int) -> int:
    """Freeze the selection, then render the chunks in parallel and assemble when all are done."""
    with _failing(export_id):
        chunks = services.prepare_export(export_id=export_id)
    if chunks:
        order = services.parts_in_render_order(export_id=export_id)
        chord(render_chunk.si(export_id, index) for index in order)(finish_export.si(export_id))
    return chunks


@shared_task(bind=True, **RETRY)
def render_chunk(self, export_id: int, chunk_index: int) -> None:
    with _failing(export_id):
        services.render_chunk(export_id=export_id, chunk_index=chunk_index)


@shared_task(bind=True, **RETRY)
def finish_export(self, export_id: int) -> None:
    with _failing(export_id):
        services.finish_export(export_id=export_id)


@shared_task
def requeue_stalled_exports() -> list[int]:
    """Beat, every few minutes: send stalled runs again (a killed worker, a lost message)."""
    return queueing.requeue_stalled_exports()


@shared_task
def build_next_national_catalogue() -> int:
    """The yearly beat job: next school year's national catalogue."""
    return services.build_next_national_catalogue().pk
