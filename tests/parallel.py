"""Test databases under pytest-xdist (``make test``): one database per worker, cloned from one template.

The first worker to arrive migrates a template database (``test_<database>_<checkout>``, the name a serial
run uses) once per run, under a file lock; every worker then gets ``<template>_gw<N>`` as a copy of it
(``CREATE DATABASE … TEMPLATE``, a file copy), instead of each running every migration itself. Worker
databases are kept after the run, like ``--reuse-db``, and replaced by the next one. ``--create-db``
rebuilds the template from scratch. A serial run (no ``-n``) is untouched.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def database_url(db: dict, name: str) -> str:
    """A database of the configured server as a URL (for a subprocess's DATABASE_URL)."""
    host = db["HOST"] or "127.0.0.1"
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{quote(str(host), safe='')}{port}/{name}"


def _server(db: dict):
    """An autocommit connection to the server's maintenance database (CREATE DATABASE needs one)."""
    connection = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or None
    )
    connection.autocommit = True
    return connection


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def prepare_template(db: dict, template: str, *, recreate: bool) -> None:
    """Create (if asked or missing) and migrate the template database, as Django's test runner would."""
    connection = _server(db)
    with connection.cursor() as cursor:
        if recreate and _exists(cursor, template):
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(template)))
        if not _exists(cursor, template):
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    connection.close()
    env = {**os.environ, "DATABASE_URL": database_url(db, template), "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
    env.pop("PYTEST_XDIST_WORKER", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


def clone(db: dict, template: str, target: str) -> None:
    connection = _server(db)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target)))
        cursor.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(template))
        )
    connection.close()


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    # A worker's database is a fresh clone: Django keeps it instead of recreating it by migrations.
    return bool(WORKER) or request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_createdb(request) -> bool:
    return False if WORKER else request.config.getvalue("create_db")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request) -> None:
    """After pytest-django named the worker's database, make it a clone of the migrated template."""
    if not WORKER:
        return
    db = settings.DATABASES["default"]
    target = db["TEST"]["NAME"]
    template = target.removesuffix(f"_{WORKER}")
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "run")
    folder = Path(tempfile.gettempdir())
    with open(folder / f"{template}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker migrates; the others wait, then clone
        marker = folder / f"{template}.{run}.ready"
        if not marker.exists():
            for old in folder.glob(f"{template}.*.ready"):
                old.unlink(missing_ok=True)
            prepare_template(db, template, recreate=bool(request.config.getvalue("create_db")))
            marker.touch()
        clone(db, template, target)


def _uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server", "django_db_setup"} & set(item.fixturenames)
    )


@pytest.hookimpl(trylast=True)  # after pytest-django's order: ordinary tests, transactional ones, no database
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under xdist, the tests that need no database (subprocesses, settings, pure functions) open the second
    worker's share, so it runs them while the first worker migrates the template database instead of waiting
    for it (17 s). xdist's first split gives each worker an equal contiguous share in collection order.
    """
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 0)
    if workers < 2:
        return
    without = [item for item in items if not _uses_database(item)]
    with_database = [item for item in items if _uses_database(item)]
    middle = len(items) // workers
    items[:] = [*with_database[:middle], *without, *with_database[middle:]]
