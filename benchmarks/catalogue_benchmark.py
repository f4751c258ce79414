"""Wall time and peak memory of the national catalogue export through real Celery workers.

Starts ``celery worker -Q catalogue --concurrency=N`` (as in production)
against the database named by DATABASE_URL and the Redis of REDIS_URL, queues a run of the
2027/28 national edition with every published offer included, and samples the resident memory of
the worker and all its child processes every 50 ms until the run is done. Reports the wall time
from queueing to the published files, the peak of the summed memory of the worker tree, the
largest single process, the offers, pages and file sizes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_cat_2500 REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python benchmarks/catalogue_benchmark.py

Prepare a database with ``manage.py migrate`` and ``manage.py seed_demo --offers 2500`` (or 10000).
The files go to a temporary MEDIA_ROOT that is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skoletjenesten.settings.dev")
os.environ.setdefault("DEBUG", "false")


def tree_rss(process) -> tuple[int, int, int]:
    """(sum, largest) resident set size in bytes of a process and all its descendants, and the sum of their
    proportional set sizes (PSS: a page shared by forked processes counted once, split between them)."""

    total = largest = proportional = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0, 0
    for member in members:
        try:
            rss = member.memory_info().rss
            proportional += member.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest, proportional


def tree_cpu(process) -> float:
    """CPU seconds of the worker, its pool processes and every child they reaped (the parts' forked children):
    what the run costs, whatever else loads the machine."""
    total = 0.0
    for member in [process, *process.children()]:
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=2, help="Worker processes (default 2, one per core).")
    parser.add_argument("--chunk-size", type=int, default=None, help="Offers per render chunk (CATALOGUE_CHUNK_SIZE).")
    parser.add_argument("--page-format", choices=["A4", "A5"], default="A4")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL") or not os.environ.get("REDIS_URL"):
        parser.error("Set DATABASE_URL (a seeded benchmark database) and REDIS_URL.")

    media = Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    os.environ["MEDIA_ROOT"] = str(media)
    if args.chunk_size:
        os.environ["CATALOGUE_CHUNK_SIZE"] = str(args.chunk_size)

    # Imported here, not at the top: Django's models load only after django.setup().
    import django

    django.setup()
    # after django.setup(): Django's models and settings load only now
    from django.conf import settings

    from catalogue import services
    from catalogue.models import CatalogueExport
    from offers.models import OfferPage

    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete("catalogue")  # no stale messages on the queue
    edition = services.ensure_edition(school_year=2027)
    edition.page_format = args.page_format
    edition.save()
    edition.included_offers.set(OfferPage.objects.live().public())

    worker = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "skoletjenesten",
            "worker",
            "-Q",
            "catalogue",
            f"--concurrency={args.concurrency}",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "-n",
            "catalogue-bench@%h",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        time.sleep(4)  # let the worker start before the clock does
        process = psutil.Process(worker.pid)
        idle_total, _largest, _pss = tree_rss(process)
        idle_cpu = tree_cpu(process)
        started = time.perf_counter()
        export = services.start_export(edition=edition)
        peak_total = peak_largest = peak_pss = 0
        parts_done_at = None
        remaining = []  # (seconds since start, progress, the admin's "time left") as the run goes
        while True:
            total, largest, pss = tree_rss(process)
            peak_total, peak_largest, peak_pss = max(peak_total, total), max(peak_largest, largest), max(peak_pss, pss)
            export.refresh_from_db()
            now = round(time.perf_counter() - started)
            if export.remaining_label and (not remaining or now - remaining[-1][0] >= 10):
                remaining.append((now, export.progress, export.remaining_label))
            if parts_done_at is None and export.progress >= 87:
                parts_done_at = time.perf_counter() - started
            if export.is_finished:
                break
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        cpu_seconds = tree_cpu(process) - idle_cpu
        load = os.getloadavg()[0]
        export = CatalogueExport.objects.get(pk=export.pk)
        result = {
            "offers": export.offer_count,
            "chunks": export.chunks_total,
            "pages": export.page_count,
            "status": export.status,
            "error": export.error,
            "wall_seconds": round(elapsed, 1),
            "parts_rendered_after_seconds": round(parts_done_at or elapsed, 1),
            "worker_cpu_seconds": round(cpu_seconds, 1),
            "load_average_1min_at_end": round(load, 1),
            "peak_worker_tree_mb": round(peak_total / 2**20),
            "peak_single_process_mb": round(peak_largest / 2**20),
            "peak_worker_tree_pss_mb": round(peak_pss / 2**20),
            "admin_time_left_seen": remaining,
            "idle_worker_tree_mb": round(idle_total / 2**20),
            "files": {file.kind: f"{file.size / 2**20:.1f} MB" for file in export.files.all()},
            "concurrency": args.concurrency,
            "chunk_size": settings.CATALOGUE_CHUNK_SIZE,
            "page_format": args.page_format,
        }
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
        shutil.rmtree(media, ignore_errors=True)

    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0 if result["status"] == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
