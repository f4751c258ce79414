"""The catalogue export job: select, plan, render chunks, assemble, publish.

The same functions run from Celery (``catalogue.tasks``: the chunks in parallel, one worker
process each) and from ``manage.py build_catalogue`` (in order, in one process). Every step is
idempotent: a step's output is stored whole in the catalogue storage (``STORAGES["catalogue"]``: S3 or
a local folder; ``files`` says what is where) and a step whose output exists is skipped, so a retried or
redelivered task resumes where the killed one stopped, on any worker. Each run writes into its own
versioned folder, so two runs of one edition never share a file.

A package along the job's steps: ``editions`` (editions and starting a run), ``files`` (files, locks
and progress), ``plan`` (step 1: select and plan), ``entries`` (step 2: one chunk of entries),
``assemble`` (step 3: page numbers, front matter, indexes, merge), ``data`` (the CSV and XLSX) and
``in_process`` (the whole job in one process). Every name is re-exported here (``catalogue.services.X``).
"""

from .assemble import Layout, finish_export, page_ranges
from .data import DATA_COLUMNS, _safe_cell, _text_cell, data_rows, write_csv, write_xlsx
from .editions import (
    CatalogueError,
    ExportAlreadyRunning,
    build_next_national_catalogue,
    default_title,
    ensure_edition,
    next_school_year,
    start_export,
)
from .entries import (
    BALANCED_PART_OFFERS,
    _offers,
    _site_root_paths,
    base_context,
    chunk_meta,
    chunk_pdf,
    cover_context,
    entry_context,
    pdf_title,
    public_site_address,
    public_url,
    render_chunk,
)
from .files import (
    delete_work,
    download_to,
    export_lock,
    fail_export,
    local_work_dir,
    publish,
    published_name,
    read_json,
    set_progress,
    sha256_of,
    storage,
    touch,
    upload,
    work_files,
    work_name,
    write_json,
)
from .in_process import render_chunks_in_parallel, run_export_in_process
from .plan import chunks_started, parts_in_render_order, plan_chunks, prepare_export, render_order

__all__ = [
    "CatalogueError",
    "default_title",
    "ensure_edition",
    "ExportAlreadyRunning",
    "start_export",
    "next_school_year",
    "build_next_national_catalogue",
    "storage",
    "work_name",
    "published_name",
    "local_work_dir",
    "upload",
    "download_to",
    "read_json",
    "work_files",
    "delete_work",
    "write_json",
    "sha256_of",
    "publish",
    "export_lock",
    "set_progress",
    "touch",
    "fail_export",
    "plan_chunks",
    "chunks_started",
    "prepare_export",
    "parts_in_render_order",
    "render_order",
    "_offers",
    "public_url",
    "_site_root_paths",
    "entry_context",
    "base_context",
    "pdf_title",
    "cover_context",
    "public_site_address",
    "BALANCED_PART_OFFERS",
    "chunk_pdf",
    "chunk_meta",
    "render_chunk",
    "Layout",
    "page_ranges",
    "finish_export",
    "DATA_COLUMNS",
    "data_rows",
    "_safe_cell",
    "write_csv",
    "write_xlsx",
    "_text_cell",
    "render_chunks_in_parallel",
    "run_export_in_process",
]
