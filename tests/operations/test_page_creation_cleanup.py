"""The admin's add-form records (operations.page_creation) do not pile up: the nightly task drops old ones."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from operations.models import PageCreation
from operations.tasks import forget_old_page_creations

pytestmark = pytest.mark.django_db


def test_the_nightly_task_drops_old_add_form_records_and_keeps_recent_ones(offer, admin_user):
    old, recent = uuid.uuid4(), uuid.uuid4()
    for token in (old, recent):
        PageCreation.objects.create(token=token, page=offer, user=admin_user)
    PageCreation.objects.filter(token=old).update(
        created_at=timezone.now() - timedelta(days=settings.PAGE_CREATION_KEEP_DAYS, minutes=1)
    )

    assert forget_old_page_creations.apply().get() == 1

    assert list(PageCreation.objects.values_list("token", flat=True)) == [recent]


def test_the_task_is_on_the_beat_schedule():
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == forget_old_page_creations.name]
    assert entry["schedule"] is not None
