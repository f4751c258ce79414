"""The counting caches (facet counts, "loosen" totals, per-word counts) are keyed by the filtered rows, not by
their statements (OfferFilterSet.rows_key): every filter that changes the rows must change the key."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories import make_offer
from offers.search.index import bump_search_version

pytestmark = pytest.mark.django_db

# Each differs from another in one filter only: a key that left one out would serve another's counts.
SEARCHES = [
    {},
    {"q": "vikingerne"},
    {"q": "vikingerne skoven"},  # too few with both words: the offers with either (partial mode)
    {"q": "skoven"},
    {"klassetrin": ["3-klasse"]},
    {"klassetrin": ["3-klasse", "9-klasse"]},
    {"klassetrin": ["3-klasse"], "fag": ["historie"]},
    {"maks_pris": "700"},
    {"maks_pris": "1500"},
    {"postnummer": "2300", "afstand": "25"},
    {"postnummer": "2300", "afstand": "50"},
    {"postnummer": "8000", "afstand": "25"},
    {"postnummer": "8000"},
    {"q": "vikingerne", "pris": "gratis"},
    {"q": "vikingerne", "pris": "gratis", "maks_pris": "100"},
]


def counted(client, params) -> tuple:
    search = client.get("/tilbud/", params).context["search"]
    facets = {facet.name: {option.value: option.count for option in facet.options} for facet in search.facets}
    loosen = {item.name: item.count for item in search.loosen}
    return search.total, facets, loosen, search.partial


def test_cached_counts_are_the_counts_of_each_search(client, catalogue, settings):
    expected = [counted(client, params) for params in SEARCHES]  # the cache off, as in the tests
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()  # nothing an earlier test cached is reachable
    for _round in range(2):  # filled, then served from the cache
        assert [counted(client, params) for params in SEARCHES] == expected


def test_paging_sorting_and_the_map_share_the_counts(client, catalogue, settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()
    client.get("/tilbud/", {"q": "vikingerne skoven"})
    for other in ({"sortering": "titel"}, {"antal": "10"}, {"visning": "kort"}):
        with CaptureQueriesContext(connection) as queries:
            client.get("/tilbud/", {"q": "vikingerne skoven", **other})
        assert not [query for query in queries if "count(" in query["sql"].lower()], other


def test_cached_word_counts_follow_a_published_offer(client, catalogue, settings, django_capture_on_commit_callbacks):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()
    assert client.get("/tilbud/", {"q": "vikingerne skoven"}).context["search"].partial
    environment = catalogue["vikings"].get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(10):
            make_offer(environment, title=f"Vikingerne i skoven {number}")
    search = client.get("/tilbud/", {"q": "vikingerne skoven"}).context["search"]
    assert not search.partial and search.total == 10
