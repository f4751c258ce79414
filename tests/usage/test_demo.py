"""The demo's usage statistics: a year of plausible numbers for every dashboard, and the demo booking
requests counted on the days they were sent, not as today's traffic."""

from __future__ import annotations

import io

import pytest
from django.db.models import Sum
from django.db.models.functions import TruncDate

from bookings.models import BookingRequest
from demo import bookings as demo_bookings
from demo import usage as demo_usage
from demo.offers import seed_demo
from usage.models import DailyUsage, UsageKind
from usage.selectors import MONTHS
from usage.services import flush_counters

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_offers():
    seed_demo(seed=7, offers=200, environments=40, extensions=False)


def test_demo_usage_fills_every_kind_and_counts_requests_on_their_own_days(
    demo_offers, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo_bookings.seed_demo_data(seed=7, stdout=io.StringIO())
    # The demo requests are history: nothing of them waits in the live counters to be added as today's.
    assert flush_counters() == 0

    demo_usage.seed_demo_data(seed=7, stdout=io.StringIO())

    kinds = set(DailyUsage.objects.values_list("kind", flat=True))
    assert kinds == set(UsageKind.values)
    requests = DailyUsage.objects.filter(kind=UsageKind.REQUEST)
    assert requests.aggregate(total=Sum("count"))["total"] == BookingRequest.objects.count() > 0
    sent_days = set(BookingRequest.objects.annotate(day=TruncDate("created_at")).values_list("day", flat=True))
    assert set(requests.values_list("day", flat=True)) == sent_days
    # Zero-result words are also counted as searches, as the middleware counts them.
    zero = DailyUsage.objects.filter(kind=UsageKind.ZERO_RESULTS).values_list("key", flat=True).distinct()
    assert set(zero) <= set(demo_usage.ZERO_WORDS)
    assert DailyUsage.objects.filter(kind=UsageKind.SEARCH, key__in=list(zero)).exists()

    html = admin_client.get("/admin/statistik/").content.decode()
    assert html.count("<rect ") == MONTHS  # a bar for each month of the window
    assert "skovtur" in html and "esport" in html and "Ingen data endnu" not in html


def test_demo_usage_runs_once(demo_offers):
    demo_usage.seed_demo_data(seed=7, stdout=io.StringIO())
    rows = DailyUsage.objects.count()
    output = io.StringIO()
    demo_usage.seed_demo_data(seed=7, stdout=output)
    assert DailyUsage.objects.count() == rows > 0
    assert "exist already" in output.getvalue()
