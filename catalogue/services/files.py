"""A run's files (atomic publishing, checksums), its lock and its progress."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
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
#
# What is where (docs: README, "Annual catalogue"):
# - the catalogue storage (STORAGES["catalogue"]: S3 when S3_BUCKET is set, else a local folder) holds each run's
#   rendered parts (``<folder>/.work/chunk-NNNN.pdf`` and ``.json``, the JSON written last: it marks a part done)
#   and, once assembled, the published PDF, CSV and XLSX (``<folder>/<name>``); any worker on any machine reads
#   and writes them, and a name holds a whole file or nothing (an S3 PUT; a temp file renamed on a folder);
# - the worker assembling a run downloads the parts to its own temporary disk (CATALOGUE_WORK_DIR, default the
#   system's), renders the front matter, indexes and folios there, merges and writes each final file there, then
#   uploads it; a file is published when its CatalogueFile row exists, written after the upload.


def storage() -> Storage:
    return storages["catalogue"]


def work_name(export: CatalogueExport, filename: str) -> str:
    """A run's part in the catalogue storage (shared by every worker until the run is assembled)."""
    return f"{export.folder}/.work/{filename}"


def published_name(export: CatalogueExport, kind: str) -> str:
    return f"{export.folder}/skoletjenesten-katalog-{export.edition.slug}-v{export.version}.{kind}"


@contextmanager
def local_work_dir(export: CatalogueExport) -> Iterator[Path]:
    """A private folder on this worker's own disk, removed afterwards (a killed process leaves it to the OS)."""
    with tempfile.TemporaryDirectory(prefix=f"katalog-{export.pk}-", dir=settings.CATALOGUE_WORK_DIR) as folder:
        yield Path(folder)


def _save(name: str, content: File) -> str:
    stored = storage().save(name, content)
    if stored != name:  # the storage must keep the name: parts and files are found by it
        raise RuntimeError(f"The catalogue storage stored {name!r} as {stored!r}.")
    return stored


def upload(name: str, source: Path) -> str:
    """Store a local file whole under ``name`` in the catalogue storage (replacing what was there)."""
    with open(source, "rb") as handle:
        return _save(name, File(handle, name=source.name))


def download_to(name: str, target: Path) -> Path:
    with storage().open(name, "rb") as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, 1 << 20)
    return target


def write_json(name: str, data) -> None:
    _save(name, ContentFile(json.dumps(data).encode("utf-8")))


def read_json(name: str):
    with storage().open(name, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def work_files(export: CatalogueExport) -> set[str]:
    """The names (without folder) of the run's parts in the storage: one listing, however many parts."""
    try:
        _folders, files = storage().listdir(work_name(export, ""))
    except FileNotFoundError:  # a local folder not made yet
        return set()
    return set(files)


def delete_work(export: CatalogueExport) -> None:
    """Remove the run's parts once its files are published."""
    for filename in work_files(export):
        storage().delete(work_name(export, filename))
    if isinstance(storage(), FileSystemStorage):  # a bucket has no folders; a local one is removed when empty
        with contextlib.suppress(OSError):
            os.rmdir(storage().path(work_name(export, "")))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(export: CatalogueExport, kind: str, write: Callable[[Path], None]) -> CatalogueFile:
    """Write one final file of the run (once) on local disk, upload it whole, then record its size and checksum.

    The row is written after the upload, so a file is never offered before it is whole; a run killed between
    the two writes the file again (the name is replaced whole).
    """
    existing = CatalogueFile.objects.filter(export=export, kind=kind).first()
    if existing and storage().exists(existing.name):
        return existing
    name = published_name(export, kind)
    with local_work_dir(export) as folder:
        local = folder / name.rsplit("/", 1)[-1]
        write(local)
        size, checksum = local.stat().st_size, sha256_of(local)
        upload(name, local)
    record, _created = CatalogueFile.objects.update_or_create(
        export=export, kind=kind, defaults={"name": name, "size": size, "sha256": checksum}
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


def touch(export_id: int) -> None:
    """A sign of life at the start of a step (a part, the assembly), so a slow step is not taken for a stall."""
    CatalogueExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(heartbeat_at=timezone.now())


def fail_export(*, export_id: int, reason: str) -> None:
    CatalogueExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=reason, stage=_("Fejlet"), finished_at=timezone.now()
    )
