"""End to end with a real Celery worker: a request's mails leave through Django's mail backend, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from bookings import tasks
from bookings.models import OutgoingMail
from tests.catalogue.test_worker import database_url

from .conftest import make_request

pytestmark = pytest.mark.worker


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture
def worker(transactional_db, mail_dir, settings):
    """``celery worker -Q default`` as a separate process, writing mail to files."""
    broker = settings.CELERY_BROKER_URL
    redis.Redis.from_url(broker).delete("default")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bookings.worker_settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker,
        "BOOKINGS_MAIL_DIR": str(mail_dir),
    }
    celery = Path(sys.executable).with_name("celery")
    process = subprocess.Popen(
        [
            str(celery),
            "-A",
            "skoletjenesten",
            "worker",
            "-Q",
            "default",
            "--concurrency=1",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "-n",
            "bookings-test@%h",
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


def wait_until(condition, *, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not send the mails in time")


def sent_messages(folder: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.iterdir()))


def test_a_real_worker_sends_the_request_mails_once(worker, mail_dir, offer_a, editor_a):
    # Autocommit: the two tasks are queued as the request commits.
    booking = make_request(offer_a, email="mette@sundby-skole.dk")
    wait_until(lambda: OutgoingMail.objects.filter(request=booking, sent_at__isnull=False).count() == 2)
    text = sent_messages(mail_dir)
    assert "To: mette@sundby-skole.dk" in text
    assert "http://testserver/foresporgsel/" in text  # the receipt's private link
    assert "To: redaktoer-a@x.dk" in text
    assert text.count("Message-ID:") == 2

    # A redelivered task (or a second queueing) does not send the mail again.
    receipt = OutgoingMail.objects.get(request=booking, kind="kvittering")
    again = [tasks.send_outgoing_mail.delay(receipt.pk) for _ in range(2)]
    marker = OutgoingMail.objects.get(request=booking, kind="ny")
    for result in again:
        result.get(timeout=120)  # the worker has run both (instead of waiting a fixed time)
    assert sent_messages(mail_dir).count("Message-ID:") == 2
    assert marker.sent_at is not None
    assert worker.poll() is None
