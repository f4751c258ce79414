"""An offer moved to another learning environment in the admin (Wagtail's move) takes what it has from its
parent along: its environment, the kommune and place it takes from the environment, and its search row
(environment name and type, kommune, region), so the public page and the search show the new environment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from demo.factories import make_environment, make_offer
from geography.models import Municipality, Postcode
from offers.models import EnvironmentType, OfferPage, OfferSearchRow

pytestmark = pytest.mark.django_db


@pytest.fixture
def museum(environment_index):
    return make_environment(
        environment_index,
        title="Moesgaard Museum",
        postcode="8270",
        street_address="Moesgård Allé 15",
        environment_type=EnvironmentType.objects.get(slug="museum"),
    )


def found(client, **params) -> list[str]:
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    return [offer.title for offer in response.context["search"].page_obj.object_list]


def move(admin_client, page, destination):
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
    response = admin_client.post(url)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_an_offer_moved_in_the_admin_shows_and_is_found_under_its_new_environment(
    admin_client, client, environment, museum
):
    offer = make_offer(environment)  # Naturcenter Vestamager, København
    aarhus = Municipality.objects.get(name="Aarhus")
    assert found(client, kommune=aarhus.slug) == []

    move(admin_client, offer, museum)

    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.get_parent().pk == museum.pk
    assert offer.environment_id == museum.pk
    assert offer.municipality_id == aarhus.pk
    assert (offer.latitude, offer.longitude) == (museum.latitude, museum.longitude)
    row = OfferSearchRow.objects.get(offer=offer)
    assert (row.environment_id, row.environment_type_id) == (museum.pk, museum.environment_type_id)
    assert (row.municipality_id, row.region_id) == (aarhus.pk, aarhus.region_id)

    assert found(client, kommune=aarhus.slug) == ["Liv i vandhullet"]
    assert found(client, miljoe="museum") == ["Liv i vandhullet"]
    assert found(client, miljoe="naturcenter") == []
    assert found(client, q="Moesgaard") == ["Liv i vandhullet"]  # the environment's name is in the document
    assert found(client, q="Vestamager") == []

    page = client.get(offer.url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Et tilbud fra" in text and "Moesgaard Museum</a>, Aarhus" in text
    assert "Naturcenter Vestamager" not in text


def test_an_offer_with_a_place_of_its_own_keeps_its_kommune_when_moved(admin_client, environment, museum):
    offer = make_offer(environment, use_environment_location=False, location_postcode=Postcode.lookup("5000"))
    odense = Municipality.objects.get(name="Odense")
    move(admin_client, offer, museum)
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.environment_id == museum.pk
    assert offer.municipality_id == odense.pk
    assert OfferSearchRow.objects.get(offer=offer).environment_type_id == museum.environment_type_id
