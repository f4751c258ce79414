"""A confirmation round's deadline lies before the catalogue's deadline for its school year: staff get a
Danish error and no round is created. The environments app asks through a Wagtail hook that the catalogue
app fills (the two apps may not import each other)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from catalogue.models import CatalogueEdition
from environments.confirmation import CATALOGUE_DEADLINES_HOOK, catalogue_deadlines
from environments.models import ConfirmationRound
from geography.models import Municipality

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def staff_client(client, django_user_model, national_site):
    user = django_user_model.objects.create_user(username="stab", password=PASSWORD, email="stab@example.dk")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_confirmationround")
    )
    client.force_login(user)
    return client


def start_round(client, *, deadline: datetime.date, school_year: int = TODAY.year):
    return client.post(
        reverse("environments_freshness"),
        {"school_year": str(school_year), "deadline": deadline.isoformat(), "reminder_days": "14, 3"},
    )


def edition(title: str, deadline: datetime.date | None, school_year: int = TODAY.year, **kwargs):
    return CatalogueEdition.objects.create(title=title, school_year=school_year, deadline=deadline, **kwargs)


def test_the_catalogue_app_fills_the_hook():
    assert any(fn.__module__ == "catalogue.wagtail_hooks" for fn in hooks.get_hooks(CATALOGUE_DEADLINES_HOOK))


def test_a_round_ending_after_the_catalogue_deadline_is_refused_in_danish(staff_client):
    catalogue_deadline = TODAY + datetime.timedelta(days=20)
    edition(f"Skoletjenestens katalog {TODAY.year}/{(TODAY.year + 1) % 100:02d}", catalogue_deadline)

    response = start_round(staff_client, deadline=TODAY + datetime.timedelta(days=30))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Fristen skal ligge før katalogets frist" in html
    assert f"»Skoletjenestens katalog {TODAY.year}/" in html
    assert f"{catalogue_deadline.day}. " in html
    assert not ConfirmationRound.objects.exists()


def test_the_same_day_as_the_catalogue_deadline_is_too_late(staff_client):
    deadline = TODAY + datetime.timedelta(days=20)
    edition("Katalog", deadline)
    response = start_round(staff_client, deadline=deadline)
    assert "Fristen skal ligge før katalogets frist" in response.content.decode()
    assert not ConfirmationRound.objects.exists()


def test_a_kommune_edition_with_an_earlier_deadline_counts_too(staff_client):
    edition("Nationalt katalog", TODAY + datetime.timedelta(days=60))
    edition("Aarhus' katalog", TODAY + datetime.timedelta(days=25), municipality=Municipality.objects.get(code="0751"))
    response = start_round(staff_client, deadline=TODAY + datetime.timedelta(days=30))
    assert "»Aarhus&#x27; katalog«" in response.content.decode() or "»Aarhus' katalog«" in response.content.decode()
    assert not ConfirmationRound.objects.exists()


def test_a_round_before_the_catalogue_deadline_starts(staff_client):
    edition("Katalog", TODAY + datetime.timedelta(days=40))
    edition("Næste års katalog", TODAY + datetime.timedelta(days=10), school_year=TODAY.year + 1)  # another year
    edition("Aarhus' katalog uden frist", None, municipality=Municipality.objects.get(code="0751"))

    response = start_round(staff_client, deadline=TODAY + datetime.timedelta(days=30))

    assert response.status_code == 302
    assert ConfirmationRound.objects.get().deadline == TODAY + datetime.timedelta(days=30)


def test_without_any_edition_deadline_nothing_is_checked(staff_client):
    assert catalogue_deadlines(TODAY.year) == []
    assert start_round(staff_client, deadline=TODAY + datetime.timedelta(days=300)).status_code == 302
