"""The distances the search filters and sorts by (geography.geo.HaversineKm, one SQL node) are great-circle km."""

from __future__ import annotations

import pytest

from geography.geo import haversine_km
from geography.models import Postcode, distance_km

pytestmark = pytest.mark.django_db


def test_sql_distances_are_the_great_circle_distances_in_km():
    odense = Postcode.lookup("5000")
    rows = list(
        Postcode.objects.exclude(latitude=None)
        .annotate(d=haversine_km(odense.latitude, odense.longitude, "latitude", "longitude"))
        .values_list("code", "latitude", "longitude", "d")
    )
    assert len(rows) > 100
    for code, latitude, longitude, sql_km in rows:
        expected = distance_km(odense.latitude, odense.longitude, latitude, longitude)
        assert sql_km == pytest.approx(expected, abs=1e-6), code
    assert {code: km for code, _lat, _lon, km in rows}["5000"] == pytest.approx(0, abs=1e-6)
    skagen = next(km for code, _lat, _lon, km in rows if code == "9990")
    assert 250 < skagen < 300  # Odense to Skagen, as the crow flies


def test_a_distance_filter_and_its_order_work_in_a_subquery(client, catalogue):
    # The travelling environment's radius is compared inside a subquery of learning environments.
    response = client.get("/tilbud/", {"postnummer": "2300", "afstand": "10", "sortering": "afstand"})
    search = response.context["search"]
    distances = [offer.distance_km for offer in search.offers]
    assert search.total and distances == sorted(distances)
    assert all(offer.distance_km <= 10 or offer.comes_to_school for offer in search.offers)
