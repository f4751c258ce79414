"""A confirmation round's deadline lies before the catalogue's deadline for its school year: staff get a
Danish error and no round is created; and a catalogue edition's deadline may not move to before (or onto)
a round's deadline. Each app asks through a Wagtail hook that the other fills (the two apps may not import
each other)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.test.utils.form_data import querydict_from_html

from catalogue.models import CONFIRMATION_ROUND_DEADLINES_HOOK, CatalogueEdition
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


# The reverse: staff moving a catalogue edition's deadline to before (or onto) a round's deadline.


@pytest.fixture
def catalogue_staff_client(client, django_user_model, national_site):
    user = django_user_model.objects.create_user(username="katalog", password=PASSWORD, email="katalog@example.dk")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "add_catalogueedition", "change_catalogueedition", "view_catalogueedition"]
        )
    )
    client.force_login(user)
    return client


def save_edition(client, edition: CatalogueEdition, *, deadline: datetime.date):
    url = reverse("wagtailsnippets_catalogue_catalogueedition:edit", args=[edition.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form")
    data["deadline"] = deadline.isoformat()
    return client.post(url, data)


def test_the_environments_app_fills_the_reverse_hook():
    assert any(
        fn.__module__ == "environments.wagtail_hooks" for fn in hooks.get_hooks(CONFIRMATION_ROUND_DEADLINES_HOOK)
    )


def test_moving_the_catalogue_deadline_before_a_rounds_deadline_is_refused_in_danish(catalogue_staff_client):
    catalogue_deadline = TODAY + datetime.timedelta(days=60)
    national = edition("Skoletjenestens katalog", catalogue_deadline)
    round_deadline = TODAY + datetime.timedelta(days=30)
    ConfirmationRound.objects.create(school_year=TODAY.year, deadline=round_deadline)

    for too_early in (round_deadline - datetime.timedelta(days=5), round_deadline):
        response = save_edition(catalogue_staff_client, national, deadline=too_early)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Katalogets frist skal ligge efter bekræftelsesrundens frist" in html
        assert f"»Bekræftelsesrunde {TODAY.year}/" in html
        assert f"{round_deadline.day}. " in html
        national.refresh_from_db()
        assert national.deadline == catalogue_deadline


def test_a_kommune_edition_is_held_to_the_round_too(catalogue_staff_client):
    aarhus = edition("Aarhus' katalog", None, municipality=Municipality.objects.get(code="0751"))
    ConfirmationRound.objects.create(school_year=TODAY.year, deadline=TODAY + datetime.timedelta(days=30))
    response = save_edition(catalogue_staff_client, aarhus, deadline=TODAY + datetime.timedelta(days=10))
    assert "Katalogets frist skal ligge efter bekræftelsesrundens frist" in response.content.decode()
    aarhus.refresh_from_db()
    assert aarhus.deadline is None


def test_a_catalogue_deadline_after_the_round_or_in_another_year_is_saved(catalogue_staff_client):
    national = edition("Skoletjenestens katalog", TODAY + datetime.timedelta(days=60))
    ConfirmationRound.objects.create(school_year=TODAY.year, deadline=TODAY + datetime.timedelta(days=30))
    ConfirmationRound.objects.create(school_year=TODAY.year - 1, deadline=TODAY + datetime.timedelta(days=50))

    response = save_edition(catalogue_staff_client, national, deadline=TODAY + datetime.timedelta(days=31))

    assert response.status_code == 302
    national.refresh_from_db()
    assert national.deadline == TODAY + datetime.timedelta(days=31)
