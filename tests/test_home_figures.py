"""The national front page's figures (offers, environments, kommuner, free offers) are cached under the search
version, and every change they count shows at once: an offer or environment published, a page's privacy set or
lifted, an environment deleted."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from demo.factories import make_environment, make_offer
from offers.search.index import bump_search_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()  # a version no earlier test has cached figures under


def figures(client) -> dict[str, int]:
    html = client.get("/").content.decode()
    numbers = re.findall(r'<span class="figures__number">([^<]+)</span>', html)
    return dict(zip(["offers", "environments", "kommuner", "free"], map(int, numbers), strict=True))


def test_the_second_view_counts_nothing(client, offer, cached):
    figures(client)
    with CaptureQueriesContext(connection) as captured:
        assert figures(client) == {"offers": 1, "environments": 1, "kommuner": 1, "free": 1}
    assert not [query for query in captured if "offers_offersearchrow" in query["sql"]]


def test_cached_figures_follow_every_change(
    client, environment_index, environment, offer, cached, django_capture_on_commit_callbacks
):
    assert figures(client) == {"offers": 1, "environments": 1, "kommuner": 1, "free": 1}

    with django_capture_on_commit_callbacks(execute=True):
        museum = make_environment(environment_index, title="Vikingemuseet", postcode="8000")
        museum.save_revision().publish()
        paid = make_offer(museum, title="Vikingetogt", is_free=False, price_amount=500)
    assert figures(client) == {"offers": 2, "environments": 2, "kommuner": 2, "free": 1}

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=paid, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
        )
    assert figures(client) == {"offers": 1, "environments": 2, "kommuner": 1, "free": 1}

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert figures(client)["offers"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        empty = make_environment(environment_index, title="Tomt værksted", postcode="5000")
        empty.save_revision().publish()
    assert figures(client)["environments"] == 3

    with django_capture_on_commit_callbacks(execute=True):
        empty.delete()
    assert figures(client)["environments"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        museum.unpublish()
    assert figures(client)["environments"] == 1
