# ruff: noqa: F811  (the fixtures come from test_admin)
"""Catalogue runs never stick: broker down, double clicks, stalled runs, silly school years."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from catalogue import queueing, services
from catalogue.models import CatalogueExport, ExportStatus
from skoletjenesten.celery import app

from .test_admin import editions, staff  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    """The Celery app talks to an address where nothing listens (the shared Redis keeps running)."""
    saved = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:6390/0"
    app.amqp._producer_pool = None
    app._pool = None
    yield
    app.conf.broker_url = saved
    app.amqp._producer_pool = None
    app._pool = None


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db(transaction=True)  # real commits: the job is handed to the broker on commit
def test_starting_with_the_broker_down_fails_at_once_with_a_danish_message(client, staff, editions, broker_down):
    client.force_login(staff)
    response = client.post(reverse("catalogue_admin:start", args=[editions["national"].pk]))
    assert response.status_code == 302
    assert any("Køen til baggrundsjob svarer ikke" in text for text in texts(response))
    export = CatalogueExport.objects.get(edition=editions["national"])
    assert export.status == ExportStatus.FAILED  # never left "queued"
    assert "Prøv igen" in export.error


def test_five_clicks_make_one_build(client, staff, editions, django_capture_on_commit_callbacks):
    client.force_login(staff)
    url = reverse("catalogue_admin:start", args=[editions["national"].pk])
    with django_capture_on_commit_callbacks() as callbacks:
        responses = [client.post(url) for _ in range(5)]
    assert CatalogueExport.objects.filter(edition=editions["national"]).count() == 1
    assert len(callbacks) == 1
    assert all("allerede en kørsel" in " ".join(texts(r)) for r in responses[1:])
    with pytest.raises(services.ExportAlreadyRunning):
        services.start_export(edition=editions["national"])


def test_a_finished_build_may_be_followed_by_another(editions):
    first = services.start_export(edition=editions["national"], enqueue=False)
    CatalogueExport.objects.filter(pk=first.pk).update(status=ExportStatus.FAILED)
    second = services.start_export(edition=editions["national"], enqueue=False)
    assert second.version == 2


@pytest.mark.parametrize("school_year", ["0000/01", "1900/01", "9998/99"])
def test_only_sensible_school_years(client, staff, editions, school_year):
    client.force_login(staff)
    response = client.post(reverse("catalogue_admin:index"), {"school_year": school_year, "municipality": ""})
    assert response.status_code == 200
    assert "Skoleåret skal ligge mellem 2000/01 og" in " ".join(response.context["form"].errors["school_year"])
    assert CatalogueExport.objects.count() == 0


def test_a_stalled_run_is_sent_again_and_given_up_after_three_tries(editions, settings):
    settings.CATALOGUE_STALL_MINUTES = 10
    stalled = services.start_export(edition=editions["national"], enqueue=False)
    fresh = services.start_export(edition=editions["aarhus"], enqueue=False)
    long_ago = timezone.now() - datetime.timedelta(minutes=15)
    CatalogueExport.objects.filter(pk=stalled.pk).update(
        status=ExportStatus.RUNNING, progress=69, heartbeat_at=long_ago
    )

    assert queueing.requeue_stalled_exports() == [stalled.pk]  # sent to the real broker
    stalled.refresh_from_db()
    assert stalled.requeues == 1 and stalled.status == ExportStatus.RUNNING and stalled.progress == 69
    assert queueing.requeue_stalled_exports() == []  # it just got a new heartbeat
    fresh.refresh_from_db()
    assert fresh.requeues == 0
    CatalogueExport.objects.filter(pk=fresh.pk).update(status=ExportStatus.DONE)

    later = timezone.now() + datetime.timedelta(minutes=11)
    for tries in (2, 3):
        assert queueing.requeue_stalled_exports(now=later) == [stalled.pk]
        stalled.refresh_from_db()
        assert stalled.requeues == tries
        later += datetime.timedelta(minutes=11)
    assert queueing.requeue_stalled_exports(now=later) == []
    stalled.refresh_from_db()
    assert stalled.status == ExportStatus.FAILED and "gik i stå 3 gange" in stalled.error


def test_the_beat_schedule_and_visibility_timeout_fit(settings):
    assert (
        settings.CELERY_BEAT_SCHEDULE["catalogue-requeue-stalled"]["task"] == "catalogue.tasks.requeue_stalled_exports"
    )
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= 30 * 60
