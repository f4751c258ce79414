"""Offer and environment pages show other offers as the search's cards (issue 11's page cost): an offer page's
nearest offers on the same subjects, and an environment's offers, each card cached on its own."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories import make_environment, make_offer
from operations import pagecache

pytestmark = pytest.mark.django_db

LATITUDE, LONGITUDE = 55.6, 12.5


def card_titles(html: str) -> list[str]:
    return re.findall(r'class="offer-card__title"><a href="[^"]*">([^<]*)</a>', html)


def nearby_titles(html: str) -> list[str]:
    _before, _heading, section = html.partition('id="related-nearby"')
    return card_titles(section.partition("</section>")[0])


def environment_km_north(index, km: float, title: str):
    return make_environment(index, title=title, latitude=LATITUDE + km / 111.0, longitude=LONGITUDE)


@pytest.fixture
def card_cache(settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    pagecache.bump_content_version()  # nothing an earlier test cached is reachable


def test_nearby_offers_are_the_nearest_on_its_subjects_within_50_km(client, environment_index):
    home = make_environment(environment_index, title="Udgangspunktet", latitude=LATITUDE, longitude=LONGITUDE)
    offer = make_offer(home, title="Vandhullet")
    for km in (40, 3, 70, 12):
        make_offer(environment_km_north(environment_index, km, f"Miljø {km}"), title=f"Natur {km} km")
    make_offer(environment_km_north(environment_index, 1, "Museet"), title="Historie 1 km", subjects=["historie"])
    make_offer(home, title="Samme sted")  # the same environment's offers have their own list
    html = client.get(offer.url).content.decode()
    # Fewer than four within 5 and 17 km: the whole 50 km is searched, nearest first, 70 km left out.
    assert nearby_titles(html) == ["Natur 3 km", "Natur 12 km", "Natur 40 km"]


def test_nearby_offers_stop_at_the_nearest_four(client, environment_index):
    home = make_environment(environment_index, title="Udgangspunktet", latitude=LATITUDE, longitude=LONGITUDE)
    offer = make_offer(home, title="Vandhullet")
    for km in (4.5, 0.5, 30, 2, 1):
        make_offer(environment_km_north(environment_index, km, f"Miljø {km}"), title=f"Natur {km} km")
    html = client.get(offer.url).content.decode()
    assert nearby_titles(html) == ["Natur 0.5 km", "Natur 1 km", "Natur 2 km", "Natur 4.5 km"]
    assert re.findall(r'offer-card__distance">([^<]*)<', html) == ["0,5 km", "1,0 km", "2,0 km", "4,5 km"]


def test_an_environment_page_serves_its_cards_from_the_cache_whatever_its_size(client, environment_index, card_cache):
    small = make_environment(environment_index, title="Lille museum")
    make_offer(small, title="Eneste tilbud")
    big = make_environment(environment_index, title="Stort museum", postcode="8000")
    for number in range(8):
        make_offer(big, title=f"Tilbud {number}", subjects=["historie"])
    queries = {}
    for environment in (small, big):
        first = client.get(environment.url).content.decode()
        with CaptureQueriesContext(connection) as captured:
            second = client.get(environment.url).content.decode()
        assert second == first
        assert not any("wagtailimages_image" in query["sql"] for query in captured)  # no offer loaded for a card
        queries[environment.title] = len(captured)
    assert card_titles(second) == sorted(f"Tilbud {number}" for number in range(8))
    assert "8 undervisningstilbud" in second and "Historie" in second  # the search's card: its subjects too
    assert queries["Stort museum"] == queries["Lille museum"]


def test_an_offer_page_reads_its_relations_in_a_fixed_number_of_queries(client, environment_index, settings):
    """However many subjects, areas, sister offers and neighbours it shows: read together, not one by one."""
    settings.OFFER_SEARCH_REFERENCE_CACHE_SECONDS = 60  # as in production: the cards' subject names per process
    small_place = make_environment(environment_index, title="Lille sted", postcode="9990")
    small = make_offer(small_place, title="Lille tilbud", subjects=["historie"], subject_areas=[])
    make_offer(small_place, title="Lillesøster")
    for number in range(4):
        neighbour = make_environment(environment_index, title=f"Skagen {number}", postcode="9990")
        make_offer(neighbour, title=f"Ved {number}", subjects=["historie"])
    big_place = make_environment(environment_index, title="Stort sted", latitude=LATITUDE, longitude=LONGITUDE)
    big = make_offer(
        big_place,
        title="Stort tilbud",
        subjects=["historie", "natur-teknologi", "billedkunst"],
        subject_areas=["naturfag-og-naturvidenskab"],
    )
    for number in range(6):
        make_offer(big_place, title=f"Søster {number}")
        make_offer(environment_km_north(environment_index, 1 + number, f"Nabo {number}"), title=f"Nabo {number}")
    counts = []
    for offer in (small, big):
        client.get(offer.url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(offer.url).content.decode()
        counts.append(len(captured))
    facts = html.partition('class="offer__facts"')[2].partition("</dl>")[0]
    assert all(name in facts for name in ("Historie", "Natur/teknologi", "Billedkunst"))
    assert len(nearby_titles(html)) == 4 and "Søster 0" in html
    assert counts[1] == counts[0]  # the small one shows a sister and four neighbours
    # Routing and page chrome 9 (one query a level below the environment list: its children are of one type),
    # its relations 2 (the environment with its postcode; the subject, area and goal ids in one query, their
    # rows and the target groups from the per-process reference data), the related offers 5 (ids, nearby, their
    # cards), the contact 1. It was 22 before those two changes, and eight more when read one by one.
    assert counts[0] <= 17, counts
