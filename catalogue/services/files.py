"""A run's files (atomic publishing, checksums), its lock and its progress."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import storages
from django.db import connection
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    CatalogueExport,
    CatalogueFile,
    ExportStatus,
)

# --- files ----------------------------------------------------------------------------------


def run_dir(export: CatalogueExport) -> Path:
    return Path(storages["catalogue"].path(export.folder))


def work_dir(export: CatalogueExport) -> Path:
    return run_dir(export) / ".work"


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success fsync it and rename it into place.

    A process killed before the rename leaves only a ``.tmp-`` file, never a half ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{uuid.uuid4().hex}-{target.name}")
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        if temp.exists():
            temp.unlink()


def write_json(target: Path, data) -> None:
    with atomic_file(target) as temp:
        temp.write_text(json.dumps(data), encoding="utf-8")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(export: CatalogueExport, kind: str, write: Callable[[Path], None]) -> CatalogueFile:
    """Write one final file of the run (once) and record its size and checksum."""
    existing = CatalogueFile.objects.filter(export=export, kind=kind).first()
    if existing and storages["catalogue"].exists(existing.name):
        return existing
    name = f"{export.folder}/skoletjenesten-katalog-{export.edition.slug}-v{export.version}.{kind}"
    target = Path(storages["catalogue"].path(name))
    if not target.exists():  # a killed run may have published the file but not its row
        with atomic_file(target) as temp:
            write(temp)
    record, _created = CatalogueFile.objects.update_or_create(
        export=export, kind=kind, defaults={"name": name, "size": target.stat().st_size, "sha256": sha256_of(target)}
    )
    return record


@contextmanager
def export_lock(export_id: int) -> Iterator[None]:
    """Serialise the whole-run steps of one export across processes (released if the process dies)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [7316, export_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [7316, export_id])


# --- progress -------------------------------------------------------------------------------


def set_progress(export_id: int, *, progress: int, stage: str) -> None:
    CatalogueExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(
        progress=Greatest(F("progress"), progress), stage=stage, heartbeat_at=timezone.now()
    )


def fail_export(*, export_id: int, reason: str) -> None:
    CatalogueExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=reason, stage=_("Fejlet"), finished_at=timezone.now()
    )
