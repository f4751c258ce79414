"""Statistics end to end: requests count in Redis, a real Celery worker flushes them into daily rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.catalogue.test_worker import database_url
from tests.conftest import make_environment, make_offer
from usage.counters import counter
from usage.models import DailyUsage, UsageKind
from usage.tasks import flush_usage_counters

pytestmark = pytest.mark.worker


@pytest.fixture
def worker(transactional_db):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skoletjenesten.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": django_settings.CELERY_BROKER_URL,
    }
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(
        [str(celery), "-A", "skoletjenesten", "worker", "-Q", "default", "--concurrency=1", "--loglevel=warning",
         "--without-gossip", "--without-mingle", "-n", "usage-test@%h"],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_real_worker_aggregates_the_counted_requests(client, worker, environment_index):
    offer = make_offer(make_environment(environment_index), title="Liv i vandhullet")
    for _ in range(2):
        assert client.get(offer.url).status_code == 200
    client.get("/tilbud/", {"q": "vandhullet"})
    client.get("/tilbud/", {"q": "månelanding"})
    counter.drain()  # this (the web) process's queued counts are in Redis before the worker flushes
    result = flush_usage_counters.delay()
    assert result.get(timeout=120) == 5
    views = DailyUsage.objects.get(kind=UsageKind.OFFER_VIEW)
    assert (views.offer_id, views.count) == (offer.pk, 2)
    assert DailyUsage.objects.get(kind=UsageKind.ZERO_RESULTS).key == "månelanding"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and worker.poll() is None:
        break
    assert worker.poll() is None  # still running
