"""Usage statistics: searches, offer views and clicks counted in Redis without cookies, flushed into daily rows."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from bookings.services import create_request
from curriculum.models import Grade
from geography.models import Postcode
from usage.counters import clean_key, counter
from usage.models import DailyUsage, UsageKind
from usage.services import flush_counters

pytestmark = pytest.mark.django_db


def counts(**filters) -> dict:
    return {(row.kind, row.key, row.offer_id): row.count for row in DailyUsage.objects.filter(**filters)}


def test_searches_words_filters_and_zero_results_are_counted(client, catalogue):
    client.get("/tilbud/", {"q": "Vikinger", "klassetrin": "5-klasse"})
    client.get("/tilbud/", {"q": "vikinger", "klassetrin": "5-klasse"})
    client.get("/tilbud/", {"q": "rumraketter"})
    assert flush_counters() == 6
    rows = counts(day=timezone.localdate())
    assert rows[(UsageKind.SEARCH, "vikinger", None)] == 2
    assert rows[(UsageKind.FILTER, "klassetrin=5-klasse", None)] == 2
    assert rows[(UsageKind.SEARCH, "rumraketter", None)] == 1
    assert rows[(UsageKind.ZERO_RESULTS, "rumraketter", None)] == 1
    assert (UsageKind.ZERO_RESULTS, "vikinger", None) not in rows
    assert flush_counters() == 0  # nothing counted twice


def test_offer_views_are_counted_per_offer_and_environment(client, catalogue):
    offer = catalogue["vikings"]
    for _ in range(3):
        assert client.get(offer.url).status_code == 200
    flush_counters()
    row = DailyUsage.objects.get(kind=UsageKind.OFFER_VIEW)
    assert (row.offer_id, row.environment_id, row.count, row.site_id) == (offer.pk, offer.environment_id, 3, None)
    client.get(offer.url)
    flush_counters()
    assert DailyUsage.objects.get(kind=UsageKind.OFFER_VIEW).count == 4  # added to the same day's row


def test_booking_and_contact_clicks_from_the_beacon(client, catalogue):
    offer = catalogue["vikings"]
    page = client.get(offer.url).content.decode()
    assert f'data-usage-offer="{offer.pk}"' in page and "js/usage.js" in page
    assert client.post("/statistik/klik/", {"kind": "booking", "offer": offer.pk}).status_code == 204
    assert client.post("/statistik/klik/", {"kind": "contact", "offer": offer.pk}).status_code == 204
    for bad in (
        {"kind": "evil", "offer": offer.pk},
        {"kind": "booking", "offer": "x"},
        {"kind": "booking", "offer": 9**9},
    ):
        assert client.post("/statistik/klik/", bad).status_code == 204
    assert client.get("/statistik/klik/").status_code == 405
    flush_counters()
    assert DailyUsage.objects.get(kind=UsageKind.BOOKING_CLICK).count == 1
    assert DailyUsage.objects.get(kind=UsageKind.CONTACT_CLICK).environment_id == offer.environment_id


def test_no_cookies_and_nothing_about_the_visitor(client, catalogue):
    response = client.get(
        "/tilbud/", {"q": "ring 12 34 56 78 eller skriv til per@example.dk om natur"}, REMOTE_ADDR="203.0.113.9"
    )
    assert not response.cookies
    assert not client.get(catalogue["vikings"].url).cookies
    flush_counters()
    keys = set(DailyUsage.objects.values_list("key", flat=True))
    assert "ring eller skriv til om natur" in keys
    assert not any("203.0.113.9" in key or "@" in key or "12 34" in key for key in keys)
    assert clean_key("  Natur   OG skov ") == "natur og skov"


def test_pages_are_served_when_redis_is_down(client, catalogue):
    with override_settings(USAGE_REDIS_URL="redis://127.0.0.1:8189/0"):
        counter._client = None
        assert client.get("/tilbud/", {"q": "natur"}).status_code == 200
        assert client.get(catalogue["vikings"].url).status_code == 200
        assert client.post("/statistik/klik/", {"kind": "booking", "offer": catalogue["vikings"].pk}).status_code == 204
        assert flush_counters() == 0
    counter._client = None


def test_privacy_page_says_no_cookies_and_no_personal_data(client, catalogue):
    html = client.get("/privatliv/").content.decode()
    assert "ingen cookies" in html.lower() and "IP-adresser" in html
    assert 'href="/privatliv/"' in client.get("/tilbud/").content.decode()


def test_booking_requests_are_counted(catalogue, django_capture_on_commit_callbacks):
    offer = catalogue["vikings"]
    with django_capture_on_commit_callbacks(execute=True):
        create_request(
            offer=offer,
            school_name="Nørre Skole",
            school_postcode=Postcode.lookup("2300"),
            teacher_name="Lærer",
            email="laerer@skole.dk",
            grade=Grade.objects.get(slug="5-klasse"),
            pupils=24,
            preferred_dates=[datetime.date.today() + datetime.timedelta(days=30)],
            flexible=True,
        )
    flush_counters()
    row = DailyUsage.objects.get(kind=UsageKind.REQUEST)
    assert (row.offer_id, row.environment_id, row.count) == (offer.pk, offer.environment_id, 1)
