"""The environment list's cards are kept one by one under the content token (offers.environment_list): a list
of kept cards reads no environments, and a published change shows at once."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories import make_environment, make_offer
from operations import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_cache(settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    pagecache.bump_content_version()  # nothing an earlier test cached is reachable


def cards(html: str) -> list[tuple[str, str]]:
    """(name, offer count) of every card."""
    return re.findall(
        r'class="environment-grid__link" href="[^"]*">([^<]*)</a>.*?environment-grid__count">([^<]*)<', html, re.S
    )


def test_kept_cards_are_served_without_reading_the_environments(client, environment_index, card_cache):
    for number in range(5):
        environment = make_environment(environment_index, title=f"Miljø {number}")
        for offer in range(number):
            make_offer(environment, title=f"Tilbud {number}.{offer}")
    first = client.get(environment_index.url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        second = client.get(environment_index.url).content.decode()
    assert second == first
    assert cards(first) == [(f"Miljø {number}", f"{number} tilbud") for number in range(5)]
    assert not any("offers_offersearchrow" in query["sql"] for query in captured)  # no card's offers counted


def test_a_published_offer_shows_in_its_environments_count_at_once(
    client, environment_index, card_cache, django_capture_on_commit_callbacks
):
    environment = make_environment(environment_index, title="Miljøet")
    assert cards(client.get(environment_index.url).content.decode()) == [("Miljøet", "0 tilbud")]
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(environment, title="Nyt tilbud").save_revision().publish()
    assert cards(client.get(environment_index.url).content.decode()) == [("Miljøet", "1 tilbud")]
