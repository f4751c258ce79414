"""A confirmation round end to end with a real Celery worker (the default queue), Redis and the test
database: the start e-mails and the reminders go out exactly once per environment, even when the daily
task runs twice; after the deadline the daily task marks the offers nobody confirmed "Ikke bekræftet"."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.utils import timezone

from environments.confirmation import confirm_offers
from environments.models import ConfirmationNotice, ConfirmationRound
from environments.services import start_round
from environments.tasks import run_confirmation_rounds
from offers.models import OfferPage

from ..catalogue.test_worker import database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def default_worker(transactional_db, settings):
    broker = settings.CELERY_BROKER_URL
    redis.Redis.from_url(broker).delete("default")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skoletjenesten.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker,
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("celery")),
            *("-A", "skoletjenesten", "worker", "-Q", "default", "--concurrency=2", "--loglevel=warning"),
            *("--without-gossip", "--without-mingle", "-n", "environments-test@%h"),
        ],
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


def wait_for_notices(count: int, *, seconds: int = 180) -> list[ConfirmationNotice]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        notices = list(ConfirmationNotice.objects.order_by("environment_id", "kind"))
        if len(notices) >= count:
            return notices
        time.sleep(0.3)
    raise AssertionError(f"only {ConfirmationNotice.objects.count()} of {count} notices after {seconds} s")


def test_a_real_worker_runs_a_confirmation_round(world, default_worker):
    a_year_ago = timezone.localdate() - datetime.timedelta(days=365)
    OfferPage.objects.update(last_verified=a_year_ago)  # last confirmed in last year's round
    round = ConfirmationRound.objects.create(
        school_year=timezone.localdate().year, deadline=timezone.localdate() + datetime.timedelta(days=3)
    )
    start_round(round=round, user=world["superuser"])  # queued on commit (autocommit here)
    started = wait_for_notices(3)
    assert {notice.kind for notice in started} == {"start"}
    assert {notice.recipients for notice in started} == {
        "redaktoer-a@example.dk",
        "redaktoer-b@example.dk",
        "redaktoer-k@example.dk",
    }
    # The daily task, delivered twice: the 3-days reminder goes out once per environment.
    first, second = run_confirmation_rounds.delay(), run_confirmation_rounds.delay()
    results = [first.get(timeout=180), second.get(timeout=180)]
    # The two runs may overlap on the worker's two processes: between them, three reminders in all.
    assert sum(result["reminders"] for result in results) == 3
    notices = wait_for_notices(6)
    assert len(notices) == 6
    assert sorted(notice.kind for notice in notices).count("paamindelse-3") == 3
    assert default_worker.poll() is None

    # Environment A confirms its offer in one click; then the deadline passes and the daily task, on the
    # worker, marks the others' unconfirmed offers "Ikke bekræftet" and closes the round.
    assert confirm_offers(environment=world["env_a"], offer_ids=[world["offer_a"].pk], user=world["editor_a"]) == 1
    ConfirmationRound.objects.filter(pk=round.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1))
    closing = run_confirmation_rounds.delay().get(timeout=180)
    assert closing == {"reminders": 0, "overdue": 2}
    overdue = set(OfferPage.objects.filter(confirmation_overdue=True).values_list("title", flat=True))
    assert overdue == {world["offer_b"].title, world["offer_k"].title}
    assert ConfirmationRound.objects.get(pk=round.pk).closed_at is not None
    assert run_confirmation_rounds.delay().get(timeout=180) == {"reminders": 0, "overdue": 0}  # once
