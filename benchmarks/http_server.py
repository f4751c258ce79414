"""What the HTTP benchmarks share: a real gunicorn with the production settings, a timed GET and a percentile.

Every page is measured against a plain content page served by the same server in the same run, so the
figures are ratios; this module only starts, waits for and stops the server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed_get(url: str, *, host: str | None = None, opener=None, timeout: int = 60) -> float:
    """Milliseconds for one GET answered with 200 (anything else raises)."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    started = time.perf_counter()
    with (opener.open if opener else urllib.request.urlopen)(request, timeout=timeout) as response:  # noqa: S310
        response.read()
        if response.status != 200:
            raise AssertionError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def production_env(**overrides: str) -> dict[str, str]:
    """The environment of a production deployment on this machine: HTTPS off, DEBUG off, a throwaway key."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skoletjenesten.settings.production",
        "SECRET_KEY": os.environ.get("BENCHMARK_SECRET_KEY", "benchmark-" + "k3y" * 16),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,.localhost",
        "HTTPS": "false",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


@contextmanager
def production_server(
    *,
    port: int,
    env: dict[str, str],
    ready_path: str = "/healthz/",
    host: str | None = None,
    static_root: str | None = None,
    gunicorn_args: Sequence[str] = ("--workers", "2"),
    wait_seconds: int = 120,
) -> Iterator[str]:
    """gunicorn on 127.0.0.1:<port>, answering ``ready_path``; yields its base URL and stops it afterwards.

    Production serves hashed static files from a manifest, so they are collected first, as a deployment does
    (once for several runs when ``static_root`` already holds a manifest).
    """
    keep_static = static_root is not None
    static_root = static_root or tempfile.mkdtemp(prefix="benchmark-static-")
    env = {**env, "STATIC_ROOT": static_root}
    if not (Path(static_root) / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "skoletjenesten.wsgi", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", *gunicorn_args],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(wait_seconds):
            try:
                timed_get(base + ready_path, host=host)
                break
            except urllib.error.HTTPError:
                raise
            except (OSError, AssertionError):
                time.sleep(1)
        else:
            raise SystemExit(f"gunicorn did not answer {base + ready_path}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not keep_static:
            shutil.rmtree(static_root, ignore_errors=True)
