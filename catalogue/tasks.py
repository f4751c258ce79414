"""Celery tasks for the catalogue: thin wrappers that take ids and call the services.

All run on the "catalogue" queue (CELERY_TASK_ROUTES). A part and the assembly are laid out in a child
forked for the task (``services.forking.task_in_child``), which exits and gives WeasyPrint's memory back to
the system, while the worker's process stays for the next task.
"""

from __future__ import annotations

import gc

from celery import chord, shared_task
from celery.signals import worker_before_create_process
from django.db import OperationalError
from django.utils.translation import gettext as _

from . import (
    queueing,
    rendering,  # noqa: F401  (loads WeasyPrint in the worker's parent, shared by forked children)
    services,
)
from .services.forking import ChildKilled, task_in_child


@worker_before_create_process.connect
def share_before_fork(**kwargs) -> None:
    """In the worker's main process, before it forks a pool process: warm WeasyPrint up, then freeze the heap.

    Every pool process, and every part's child forked from one, starts with the templates and fonts loaded.
    ``gc.freeze`` keeps the objects alive now out of the pool processes' collections, which would otherwise
    write to every object (and so copy every page of the shared heap) on their first full collection.
    """
    rendering.warm_up()
    gc.freeze()


# The database failing, or a step's child killed by a signal (the out-of-memory killer): the task runs again.
RETRY = {"autoretry_for": (OperationalError, ChildKilled), "retry_backoff": 5, "max_retries": 3}


def _failing(task, export_id: int):
    """Mark the run failed with the reason when a step raises, then re-raise for Celery; not while Celery will
    run the step again (a killed child's last try does fail the run; the database failing never can)."""

    class _Guard:
        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc, tb):
            retried = isinstance(exc, OperationalError) or (
                isinstance(exc, ChildKilled) and task.request.retries < task.max_retries
            )
            if exc is not None and not retried:
                services.fail_export(export_id=export_id, reason=str(exc) or exc_type.__name__)
            return False

    return _Guard()


@shared_task(bind=True, **RETRY)
def run_export(self, export_id: int) -> int:
    """Freeze the selection, then render the chunks in parallel and assemble when all are done."""
    with _failing(self, export_id):
        chunks = services.prepare_export(export_id=export_id)
    if chunks:
        order = services.parts_in_render_order(export_id=export_id)
        chord(render_chunk.si(export_id, index) for index in order)(finish_export.si(export_id))
    return chunks


@shared_task(bind=True, **RETRY)
def render_chunk(self, export_id: int, chunk_index: int) -> None:
    with _failing(self, export_id):
        task_in_child(
            lambda: services.render_chunk(export_id=export_id, chunk_index=chunk_index),
            name=_("Del %(index)s") % {"index": chunk_index + 1},
        )


@shared_task(bind=True, **RETRY)
def finish_export(self, export_id: int) -> None:
    with _failing(self, export_id):
        task_in_child(lambda: services.finish_export(export_id=export_id), name=_("Samlingen af kataloget"))


@shared_task
def requeue_stalled_exports() -> list[int]:
    """Beat, every few minutes: send stalled runs again (a killed worker, a lost message)."""
    return queueing.requeue_stalled_exports()


@shared_task
def build_next_national_catalogue() -> int:
    """The yearly beat job: next school year's national catalogue."""
    return services.build_next_national_catalogue().pk
