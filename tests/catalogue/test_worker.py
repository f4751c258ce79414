"""End to end with a real Celery worker on the catalogue queue, against Redis and the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psutil
import pytest
import redis
from django.conf import settings as django_settings
from pypdf import PdfReader

from catalogue import services
from catalogue.models import CatalogueExport, ExportStatus
from catalogue.selectors import offers_for_edition

from .conftest import build_offers
from .pdfcheck import file_path, page_texts

pytestmark = pytest.mark.worker


def database_url() -> str:
    """The test database (pytest-django's, not the development one) as a URL for the worker."""
    db = django_settings.DATABASES["default"]
    host = db["HOST"] or "127.0.0.1"
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{quote(host, safe='')}{port}/{db['NAME']}"


def worker_arguments(name: str, queues: str) -> list[str]:
    """``celery worker`` as production runs it on the catalogue queue: 2 processes, each part in a forked child."""
    return [
        "worker",
        "-Q",
        queues,
        "--concurrency=2",
        "--loglevel=warning",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"{name}@%h",
    ]


@pytest.fixture
def worker(transactional_db, tmp_path, settings):
    """``celery worker -Q catalogue`` as a separate process, as in production: 2 processes."""
    data_dir = tmp_path / "data"
    worker_suffix = f"-{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else ""
    settings.MEDIA_ROOT = data_dir / f"test-media{worker_suffix}"  # as the worker's test settings name it
    broker = settings.CELERY_BROKER_URL
    prefix = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}).get("global_keyprefix", "")  # per xdist worker
    redis.Redis.from_url(broker).delete(f"{prefix}catalogue")  # no messages left on the queue from an earlier run
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skoletjenesten.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker,
        "DATA_DIR": str(data_dir),
        "CATALOGUE_CHUNK_SIZE": "6",
    }
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(
        [str(celery), "-A", "skoletjenesten", *worker_arguments("catalogue-test", "catalogue")],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def offers(environment_index):
    """One offer in each of the nine sections: nine parts for the worker's two processes (what the tests here
    need), at a quarter of the time conftest's 36 take to make."""
    return build_offers(environment_index, 9)


def wait_for(export: CatalogueExport, condition, *, seconds: int = 600) -> CatalogueExport:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        export.refresh_from_db()
        if condition(export):
            return export
        time.sleep(0.2)
    raise AssertionError(f"export stuck at {export.status} {export.progress}% {export.stage} {export.error}")


def test_a_real_worker_builds_the_catalogue_and_survives_a_killed_process(worker, offers, edition):
    export = services.start_export(edition=edition)  # queued on commit (autocommit here)
    assert export.status == ExportStatus.QUEUED

    # Kill the process rendering a part mid-export: the part is redelivered and the run completes.
    running = wait_for(export, lambda e: e.status == ExportStatus.RUNNING and e.chunks_total > 0)
    assert running.chunks_total >= 4
    children = psutil.Process(worker.pid).children()
    assert children
    children[0].send_signal(signal.SIGKILL)

    seen_progress = set()

    def finished(e: CatalogueExport) -> bool:
        seen_progress.add(e.progress)
        return e.is_finished

    export = wait_for(export, finished)
    assert export.status == ExportStatus.DONE, export.error
    assert len(seen_progress) > 1  # progress moved while the job ran

    texts = page_texts(file_path(export, "pdf"))
    assert len(texts) == export.page_count == len(PdfReader(file_path(export, "pdf")).pages)
    flat = " ".join(text.replace("\n", " ") for text in texts)
    for offer in offers_for_edition(edition):
        assert offer.title in flat
    folder = file_path(export, "pdf").parent
    assert sorted(path.name for path in folder.iterdir()) == sorted(file.filename for file in export.files.all())
    assert worker.poll() is None  # the worker itself lived on


def part_children(main: psutil.Process) -> list[psutil.Process]:
    """The children of the worker's pool processes (a part, or the assembly, being laid out)."""
    found = []
    for pool in main.children():
        try:
            found += pool.children()
        except psutil.NoSuchProcess:  # exited between the two listings (seen once, as the worker started)
            continue
    return found


def test_a_part_whose_child_is_killed_is_laid_out_again_and_the_run_completes(worker, offers, edition):
    """The out-of-memory killer (here SIGKILL) takes the child laying out a part: Celery runs the part again."""
    export = services.start_export(edition=edition)
    main = psutil.Process(worker.pid)
    deadline = time.monotonic() + 300
    killed = None
    while killed is None and time.monotonic() < deadline:
        for child in part_children(main):
            try:
                child.send_signal(signal.SIGKILL)
            except psutil.NoSuchProcess:  # its part was done between the listing and the signal
                continue
            killed = child
            break
        time.sleep(0.01)
    assert killed, "no part was laid out in a child"

    export = wait_for(export, lambda e: e.is_finished)
    assert export.status == ExportStatus.DONE, export.error
    flat = " ".join(text.replace("\n", " ") for text in page_texts(file_path(export, "pdf")))
    for offer in offers_for_edition(edition):
        assert offer.title in flat


def test_the_worker_processes_stay_and_each_part_is_laid_out_in_a_child_that_exits(worker, offers, edition):
    """No new worker process per part (0.3–0.6 s each): the parts' layouts run in forked children, which
    exit and take WeasyPrint's memory with them, while the worker's two processes serve every task."""
    main = psutil.Process(worker.pid)
    deadline = time.monotonic() + 60
    while len(main.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    pool = main.children()
    assert len(pool) == 2
    before = {process.pid: process.memory_info().rss for process in pool}

    export = wait_for(services.start_export(edition=edition), lambda e: e.is_finished)
    assert export.status == ExportStatus.DONE, export.error
    assert export.chunks_total >= 4
    assert len(page_texts(file_path(export, "pdf"))) == export.page_count

    assert {process.pid for process in main.children()} == set(before)  # the same processes did every task
    own = children = 0.0
    for process in pool:
        times = process.cpu_times()
        own += times.user + times.system
        children += times.children_user + times.children_system
        assert not process.children()  # every child exited
        assert process.memory_info().rss - before[process.pid] < 40 * 2**20  # the layouts' memory went with them
    assert children > own  # the layouts' CPU time was spent in the children
