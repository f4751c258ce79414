"""Backups: the database with pg_dump (custom format) and the files (media and catalogue runs) as a tarball.

``backup(folder=…)`` writes ``database.dump`` and ``files.tar.gz`` into a new folder; ``restore(folder=…,
database=…, media_root=…)`` loads them into a database (dropping what is there) and a media folder. Uploaded
media and catalogue files in S3 object storage are not in the tarball: use the bucket's versioning and
replication for those.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


def _connection_env(database: dict) -> tuple[list[str], dict]:
    args = ["--host", database.get("HOST") or "127.0.0.1", "--port", str(database.get("PORT") or 5432)]
    args += ["--username", database.get("USER") or "postgres"]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def _file_roots() -> dict[str, Path]:
    roots = {"media": Path(settings.MEDIA_ROOT)}
    storage = storages["catalogue"]
    if not isinstance(storage, FileSystemStorage):  # catalogue files in S3: the bucket's own versioning
        return roots
    catalogue = Path(storage.location)
    if catalogue.resolve() != roots["media"].resolve():
        roots["catalogue"] = catalogue
    return roots


def backup(*, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=False)
    database = settings.DATABASES["default"]
    args, env = _connection_env(database)
    subprocess.run(
        [
            "pg_dump",
            *args,
            "--format",
            "custom",
            "--no-owner",
            "--file",
            str(folder / "database.dump"),
            database["NAME"],
        ],
        env=env,
        check=True,
    )
    with tarfile.open(folder / "files.tar.gz", "w:gz") as archive:
        for name, root in _file_roots().items():
            if root.exists():
                archive.add(root, arcname=name)
    return folder


def restore(*, folder: Path, database: str, media_root: Path | None = None, catalogue_root: Path | None = None) -> None:
    """Into ``database`` (which must exist; its tables are replaced) and the media folder (files added)."""
    args, env = _connection_env(settings.DATABASES["default"])
    subprocess.run(
        ["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--exit-on-error", "--dbname", database]
        + [str(folder / "database.dump")],
        env=env,
        check=True,
    )
    targets = {"media": media_root or Path(settings.MEDIA_ROOT)}
    targets["catalogue"] = catalogue_root or targets["media"]
    with tarfile.open(folder / "files.tar.gz", "r:gz") as archive:
        for member in archive.getmembers():
            top, _, rest = member.name.partition("/")
            if top not in targets or not rest:
                continue
            member.name = rest
            archive.extract(member, targets[top], filter="data")
