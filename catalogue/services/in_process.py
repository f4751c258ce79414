"""The whole job in one process (``manage.py build_catalogue`` and tests)."""

from __future__ import annotations

import multiprocessing
import os

from django.db import connection, connections

from ..models import (
    CatalogueExport,
    CatalogueFile,
    ExportStatus,
)
from .assemble import finish_export
from .editions import CatalogueError
from .entries import render_chunk
from .files import fail_export
from .plan import parts_in_render_order, prepare_export

# --- the whole job in one process -----------------------------------------------------------


def _render_chunk_in_child(arguments: tuple[int, int]) -> None:
    export_id, chunk_index = arguments
    render_chunk(export_id=export_id, chunk_index=chunk_index)


def render_chunks_in_parallel(*, export_id: int, chunks: int, processes: int) -> None:
    """The parts in ``processes`` forked children, one part per child (as the catalogue worker runs them:
    ``--concurrency`` processes, ``--max-tasks-per-child=1``, so WeasyPrint's memory goes back after each)."""
    order = parts_in_render_order(export_id=export_id)
    connections.close_all()  # each child opens its own connection; none may share the parent's socket
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=processes, maxtasksperchild=1) as pool:
        pool.map(_render_chunk_in_child, [(export_id, index) for index in order], chunksize=1)


def run_export_in_process(*, export_id: int, processes: int | None = None) -> list[CatalogueFile]:
    """The job from this process (the management command); raises CatalogueError on failure.

    The same path as the workers: the selection is frozen here, the parts are rendered in parallel by
    ``processes`` forked children (default: one per CPU core, the worker's default concurrency), then the
    assembly runs here. Inside a transaction (tests) children could not see the data, so the parts are
    rendered here, one after the other.
    """
    processes = processes or os.cpu_count() or 1
    try:
        chunks = prepare_export(export_id=export_id)
        if chunks > 1 and processes > 1 and not connection.in_atomic_block:
            render_chunks_in_parallel(export_id=export_id, chunks=chunks, processes=min(processes, chunks))
        else:
            for index in range(chunks):
                render_chunk(export_id=export_id, chunk_index=index)
        files = finish_export(export_id=export_id) if chunks else []
    except Exception as exc:
        fail_export(export_id=export_id, reason=str(exc) or exc.__class__.__name__)
        raise
    export = CatalogueExport.objects.get(pk=export_id)
    if export.status == ExportStatus.FAILED:
        raise CatalogueError(export.error)
    return files
