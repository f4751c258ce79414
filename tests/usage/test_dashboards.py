"""Usage dashboards in the admin: staff see everything, a consultant their kommune site, an environment
editor their own offers; each table as CSV."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission

from geography.models import Municipality
from municipalities.services import create_municipal_site
from tests.municipalities.conftest import is_denied
from usage.models import DailyUsage, UsageKind
from usage.selectors import window_start

pytestmark = pytest.mark.django_db
DAY = datetime.date.today().replace(day=1)


@pytest.fixture
def data(catalogue):
    site = create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="kbh.testserver")
    vikings, pond = catalogue["vikings"], catalogue["pond"]
    rows = [
        DailyUsage(day=DAY, kind=UsageKind.SEARCH, key="vikinger", count=7),
        DailyUsage(day=DAY, kind=UsageKind.SEARCH, site=site, key="rumfart", count=4),
        DailyUsage(day=DAY, kind=UsageKind.ZERO_RESULTS, site=site, key="rumfart", count=4),
        DailyUsage(day=DAY, kind=UsageKind.ZERO_RESULTS, key="=cmd|x", count=1),
        DailyUsage(day=DAY, kind=UsageKind.OFFER_VIEW, offer=vikings, environment_id=vikings.environment_id, count=30),
        DailyUsage(
            day=DAY, kind=UsageKind.BOOKING_CLICK, offer=vikings, environment_id=vikings.environment_id, count=5
        ),
        DailyUsage(day=DAY, kind=UsageKind.OFFER_VIEW, offer=pond, environment_id=pond.environment_id, count=9),
    ]
    DailyUsage.objects.bulk_create(rows)
    return site


def user(django_user_model, name, group=None):
    person = django_user_model.objects.create_user(username=name, password="hemmelig-kode-1")
    if group is None:
        group = Group.objects.create(name=f"{name}-gruppe")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    person.groups.add(group)
    return person


def test_staff_see_the_whole_platform_and_download_csv(client, data, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/statistik/").content.decode()
    assert "vikinger" in html and "rumfart" in html and "Vikingerne på havet" in html and "<svg" in html
    csv = client.get("/admin/statistik/", {"csv": "zero"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert "rumfart;4" in body and "'=cmd|x;1" in body  # no spreadsheet formula from a search word


def test_consultant_sees_their_site_and_its_searches_without_local_offers(client, data, django_user_model):
    consultant = user(django_user_model, "kbh", data.editors_group)
    client.force_login(consultant)
    html = client.get("/admin/statistik/").content.decode()
    assert "Søgninger uden lokale tilbud" in html and "rumfart" in html
    assert "vikinger" not in html  # a national search, not on their site
    assert "rumfart" in client.get("/admin/statistik/", {"csv": "searches"}).content.decode("utf-8-sig")


def test_environment_editor_sees_views_and_clicks_of_their_offers_only(client, data, catalogue, django_user_model):
    environment = catalogue["vikings"].environment.specific
    group = Group.objects.create(name="Vikingeskibsmuseet")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    environment.editors_group = group
    environment.save()
    client.force_login(user(django_user_model, "viking", group))
    html = client.get("/admin/statistik/").content.decode()
    assert "Vikingerne på havet" in html and "Liv i vandhullet" not in html and "rumfart" not in html
    body = client.get("/admin/statistik/", {"csv": "offers"}).content.decode("utf-8-sig")
    assert f"{catalogue['vikings'].pk};Vikingerne på havet;30;5;0;0" in body


def test_others_are_refused(client, data, django_user_model):
    client.force_login(user(django_user_model, "anden"))
    assert is_denied(client.get("/admin/statistik/"))
    assert "/admin/statistik/" not in client.get("/admin/").content.decode()


def test_the_window_is_this_month_and_the_eleven_before(client, admin_user):
    assert window_start(datetime.date(2026, 11, 29)) == datetime.date(2025, 12, 1)
    assert window_start(datetime.date(2027, 1, 1)) == datetime.date(2026, 2, 1)
    first = window_start(datetime.date.today())
    DailyUsage.objects.bulk_create(
        [
            DailyUsage(day=first, kind=UsageKind.SEARCH, key="inden-for", count=2),
            DailyUsage(day=first - datetime.timedelta(days=1), kind=UsageKind.SEARCH, key="for-gammel", count=3),
        ]
    )
    client.force_login(admin_user)
    html = client.get("/admin/statistik/").content.decode()
    assert "inden-for" in html and "for-gammel" not in html
    assert html.count("<rect ") == 1


def test_an_empty_dashboard_says_so_instead_of_an_empty_chart(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/statistik/").content.decode()
    assert '<svg role="img"' not in html and "Ingen data endnu: tallene kommer" in html
