"""The result cards are kept per offer under the whole-page cache's content version (offers.search.cards)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from operations import pagecache

pytestmark = pytest.mark.django_db


def card_titles(response) -> list[str]:
    """The titles on the rendered cards (from the HTML: a page of cached cards never loads its offers)."""
    return re.findall(r'class="offer-card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode())


def loads_offers(queries) -> bool:
    return any("wagtailimages_image" in query["sql"] for query in queries)  # the cards' offers with their images


@pytest.fixture
def card_cache(settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    pagecache.bump_content_version()  # nothing an earlier test cached is reachable


def test_cached_cards_are_served_without_loading_their_offers(client, catalogue, card_cache):
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get("/tilbud/")
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get("/tilbud/")
    assert len(card_titles(first)) == len(catalogue)
    assert second.content == first.content
    assert loads_offers(first_queries) and not loads_offers(second_queries)


def test_a_published_change_shows_on_its_card_at_once(
    client, catalogue, card_cache, django_capture_on_commit_callbacks
):
    assert "Liv i vandhullet" in card_titles(client.get("/tilbud/"))
    offer = catalogue["pond"]
    with django_capture_on_commit_callbacks(execute=True):
        offer.title = "Liv i søen"
        offer.save_revision().publish()
    titles = card_titles(client.get("/tilbud/"))
    assert "Liv i søen" in titles and "Liv i vandhullet" not in titles


def test_a_card_shows_the_distance_of_each_search(client, catalogue, card_cache):
    near = client.get("/tilbud/", {"postnummer": "2300", "afstand": "500"}).content.decode()
    far = client.get("/tilbud/", {"postnummer": "9000", "afstand": "500"}).content.decode()
    distances = re.compile(r'offer-card__distance">([^<]*)<')
    assert distances.findall(near) and distances.findall(near) != distances.findall(far)
