"""Demand for kommuner: requests from a kommune's schools, sent / accepted / declined as fully booked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from bookings import services
from bookings.selectors import demand
from geography.models import Municipality

from .conftest import make_request

pytestmark = pytest.mark.django_db

SUPPLY = "/admin/kommunesites/lokalt-udbud/"
DEMAND = "/admin/foresporgsler/efterspoergsel/"


@pytest.fixture
def requests(offer_a, offer_b):
    """Three from Aarhus schools (8000) and one from a Copenhagen school (2300)."""
    accepted = make_request(offer_a, postcode="8000", school="Aarhus Skole", teacher_name="Anne Aarhus")
    services.accept_request(booking=accepted, start=timezone.now() + timedelta(days=30))
    full = make_request(offer_b, postcode="8000", school="Aarhus Friskole")
    services.decline_request(booking=full, reason="fuldt-booket")
    make_request(offer_b, postcode="8000", school="Aarhus Privatskole")  # waiting
    make_request(offer_a, postcode="2300", school="Sundby Skole")
    return accepted


def test_demand_by_subject_area_and_grade_band(requests):
    aarhus = demand(municipality=Municipality.objects.get(code="0751"))
    assert (aarhus.total.sent, aarhus.total.accepted, aarhus.total.fully_booked) == (3, 1, 1)
    assert aarhus.total.average_km is not None and aarhus.total.average_km > 100  # Aarhus → Amager
    [area] = aarhus.by_area
    assert area.label == "Naturfag og naturvidenskab" and area.sent == 3 and area.unmet_share == 33
    middle = next(line for line in aarhus.by_band if line.label == "4.–6. klasse")
    assert (middle.sent, middle.accepted, middle.fully_booked) == (3, 1, 1)
    assert all(line.sent == 0 for line in aarhus.by_band if line.label != "4.–6. klasse")
    country = demand()
    assert country.total.sent == 4


def test_the_kommunes_overview_shows_its_schools_requests_without_personal_data(client, requests, aarhus_consultant):
    client.force_login(aarhus_consultant)
    page = client.get(SUPPLY).content.decode()
    assert "Forespørgsler fra skolerne i Aarhus" in page
    assert "3 forespørgsler sendt gennem Skoletjenesten, 1 accepteret, 1 afvist som fuldt booket" in page
    assert "Anne Aarhus" not in page and "lærer@skole.dk" not in page
    own = client.get(DEMAND)
    assert own.status_code == 200 and "1 afvist som fuldt booket" in own.content.decode()
    # Not another kommune's figures, and not the country's.
    other = client.get(DEMAND + "?kommune=0101")
    assert other.status_code == 403 or other.url == "/admin/"
    assert "Hele landet" not in own.content.decode()


def test_staff_see_the_same_nationally(client, requests, django_user_model):
    group = Group.objects.create(name="Skoletjenesten")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="municipalities", codename="view_municipalsite"),
    )
    staff = django_user_model.objects.create_user(username="staff", password="x")
    staff.groups.add(group)
    client.force_login(staff)
    national = client.get(DEMAND).content.decode()
    assert "Forespørgsler fra skolerne i hele landet" in national
    assert "4 forespørgsler sendt gennem Skoletjenesten" in national
    copenhagen = client.get(DEMAND + "?kommune=0101").content.decode()
    assert "1 forespørgsler sendt" in copenhagen or "1 forespørgsel" in copenhagen


def test_no_role_no_demand(client, django_user_model, requests):
    user = django_user_model.objects.create_user(username="anden", password="x")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    response = client.get(DEMAND)
    assert response.status_code == 403 or response.url == "/admin/"
