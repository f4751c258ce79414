"""The quick start's private PostgreSQL, from the pgserver wheel.

Used only when DATABASE_URL is not set, so a fresh checkout runs on the same database
engine as production (with the `danish` text search configuration) without a server.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

DATABASE_NAME = "skoletjenesten"


def embedded_database_settings(data_dir: Path) -> dict:
    import pgserver  # imported lazily: production never needs it

    pgdata = data_dir / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None keeps the server running for the web process, the Celery worker
    # and management commands alike; `make stop-db` stops it.
    server = pgserver.get_server(str(pgdata), cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(pgdata),
        "PORT": "",
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    }


def stop_embedded_database(data_dir: Path) -> bool:
    """Stop the embedded server (fast shutdown). True if one was running."""
    pidfile = data_dir / "postgres" / "postmaster.pid"
    if not pidfile.exists():
        return False
    pid = int(pidfile.read_text().splitlines()[0])
    try:
        os.kill(pid, signal.SIGINT)
    except ProcessLookupError:
        return False
    for _ in range(100):
        if not pidfile.exists():
            break
        time.sleep(0.1)
    return True
