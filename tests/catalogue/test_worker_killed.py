"""A catalogue worker killed with SIGKILL mid-export (the whole worker, not one child): the run is picked up.

Real processes: a Celery worker on the catalogue queue, ``celery beat`` with the re-queue task, and, after the
kill, a new worker on another "machine" (its own data and temporary folders; the parts and files are in the S3
bucket, moto's server). Redis' visibility timeout is an hour here, so only the beat task can bring the run
back: silent for ``CATALOGUE_STALL_MINUTES`` (6 s here), it is sent again and resumes from its finished parts.
No file of the run is published before it is whole.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import redis
from django.conf import settings as django_settings
from pypdf import PdfReader

from catalogue import services
from catalogue.models import CatalogueExport, ExportStatus

from .conftest import S3_BUCKET, bucket_keys, build_offers
from .test_worker import database_url, wait_for, worker_arguments

pytestmark = pytest.mark.worker


@pytest.fixture
def processes(transactional_db, tmp_path, settings):
    """Starts celery processes like production does, each as if on its own machine; stops what is left."""
    started: list[subprocess.Popen] = []
    broker = settings.CELERY_BROKER_URL
    prefix = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("global_keyprefix", "")
    client = redis.Redis.from_url(broker)
    for queue in ("catalogue", "default"):  # no messages left from an earlier run
        client.delete(f"{prefix}{queue}")
    client.delete(f"{prefix}unacked", f"{prefix}unacked_index")

    def start(name: str, *arguments: str) -> subprocess.Popen:
        machine = tmp_path / name
        (machine / "tmp").mkdir(parents=True)
        env = {
            **os.environ,  # the S3_* of the s3 fixture: the bucket is the only thing the machines share
            "DJANGO_SETTINGS_MODULE": "skoletjenesten.settings.test",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker,
            "DATA_DIR": str(machine / "data"),
            "TMPDIR": str(machine / "tmp"),
            "CATALOGUE_CHUNK_SIZE": "6",
            # 6 s without a sign of life: a part or a step of the assembly gives one at its start and end and takes
            # well under a second here (a few on a loaded machine); a run silent while alive is merely sent again.
            "CATALOGUE_STALL_MINUTES": "0.1",
            "CATALOGUE_REQUEUE_SECONDS": "1",
            "CATALOGUE_MAX_REQUEUES": "10",  # a busy test machine may be silent more than once
            "CELERY_VISIBILITY_TIMEOUT": "3600",  # Redis' redelivery would come far too late for this test
        }
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("celery")), "-A", "skoletjenesten", *arguments],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def offers(environment_index):
    """One offer in each of the nine sections: nine parts, so the kill falls between parts."""
    return build_offers(environment_index, 9)


def worker(start, name: str, queues: str) -> subprocess.Popen:
    return start(name, *worker_arguments(name, queues))


def kill_whole_worker(process: subprocess.Popen) -> None:
    """SIGKILL to the worker and its pool processes at once, as the OOM killer or a lost machine does."""
    victims = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    for victim in victims:
        victim.send_signal(signal.SIGKILL)
    psutil.wait_procs(victims, timeout=10)


def test_a_killed_worker_is_picked_up_within_a_minute_and_publishes_no_half_file(
    s3, processes, offers, edition, catalogue_media, tmp_path
):
    first = worker(processes, "machine-a", "catalogue")
    processes("beat", "beat", "--schedule", str(tmp_path / "beat-schedule"), "--loglevel", "warning")
    export = services.start_export(edition=edition)

    # Mid-export: some parts rendered, others not; then the whole worker dies.
    running = wait_for(export, lambda e: e.status == ExportStatus.RUNNING and 5 < e.progress < 85, seconds=120)
    kill_whole_worker(first)
    killed_at = time.monotonic()
    running.refresh_from_db()
    assert running.status == ExportStatus.RUNNING and not running.files.exists()
    requeues_before_kill = running.requeues  # a loaded machine can be silent while alive: sent again, harmlessly
    assert not [key for key in bucket_keys(s3) if "/.work/" not in key], "nothing published by a killed run"

    # A worker comes back (a restart, or another machine); the beat task sends the stalled run again.
    worker(processes, "machine-b", "default,catalogue")
    done = wait_for(export, lambda e: e.is_finished, seconds=300)
    took = time.monotonic() - killed_at
    assert done.status == ExportStatus.DONE, done.error
    assert done.requeues > requeues_before_kill, "picked up by the beat task, not by Redis' redelivery"
    # About 12 s on an idle machine (6 s of silence, the missing parts, the assembly); minutes at load 15.
    assert took < 240, f"{took:.0f} s from the kill to the finished run"
    print(f"kill → done: {took:.0f} s, re-queued {done.requeues} time(s)")

    files = list(done.files.all())
    published = sorted(file.name for file in files)
    deadline = time.monotonic() + 30  # the parts are deleted right after the run is marked done
    while bucket_keys(s3) != published and time.monotonic() < deadline:
        time.sleep(0.5)
    assert bucket_keys(s3) == published  # the whole files, no parts, nothing else
    for file in files:
        body = s3.get_object(Bucket=S3_BUCKET, Key=file.name)["Body"].read()
        assert (len(body), hashlib.sha256(body).hexdigest()) == (file.size, file.sha256)
    pdf = s3.get_object(Bucket=S3_BUCKET, Key=services.published_name(done, "pdf"))["Body"].read()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == done.page_count
    assert CatalogueExport.objects.filter(edition=edition).count() == 1
