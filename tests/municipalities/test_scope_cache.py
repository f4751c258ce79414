"""A kommune's scope (its offers' ids) and its home page's newest offers and count are cached under the search
version; every change shows at once: an offer published, an environment's travel area published, a new
highlight, a page's privacy set."""

from __future__ import annotations

import re

import pytest
from wagtail.models import PageViewRestriction

from demo.factories import make_environment, make_offer
from municipalities.models import MunicipalContentPage, MunicipalHighlightedOffer
from offers.models import OfferFormat
from offers.search.index import bump_search_version

from .conftest import home_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()  # a version no earlier test has cached anything under


def card_titles(html: str) -> set[str]:
    return set(re.findall(r'class="offer-card__title"><a href="[^"]*">([^<]+)</a>', html))


def kommune_home(client) -> tuple[set[str], set[str], int]:
    """(highlighted titles, the newest offers' titles, the count on the "see all" button)."""
    html = client.get("/", HTTP_HOST="aarhus.localhost").content.decode()
    highlighted, _, local = html.partition('id="local-heading"')
    count = re.search(r"Se (?:alle )?(\d+) tilbud", local)
    return card_titles(highlighted), card_titles(local), int(count.group(1)) if count else 0


def kommune_search(client) -> set[str]:
    return card_titles(client.get("/tilbud/", HTTP_HOST="aarhus.localhost").content.decode())


def test_a_kommunes_cached_offers_follow_every_change(
    client, aarhus_site, environment_index, cached, django_capture_on_commit_callbacks
):
    home = home_of(aarhus_site)
    moesgaard = make_environment(environment_index, title="Moesgaard Museum", postcode="8270")
    far = make_environment(environment_index, title="Nationalmuseet", postcode="1220")
    make_offer(moesgaard, title="Vikingetiden")
    make_offer(far, title="Oldtid på skolen", formats=[OfferFormat.AT_SCHOOL])
    elsewhere = make_offer(far, title="Danmarks oldtid")
    assert kommune_home(client) == (set(), {"Vikingetiden"}, 1)
    assert kommune_search(client) == {"Vikingetiden"}

    with django_capture_on_commit_callbacks(execute=True):
        runes = make_offer(moesgaard, title="Runesten")
    assert kommune_home(client) == (set(), {"Vikingetiden", "Runesten"}, 2)
    assert kommune_search(client) == {"Vikingetiden", "Runesten"}

    with django_capture_on_commit_callbacks(execute=True):
        far.travel_municipalities.add(home.municipality)
        far.save_revision().publish()
    assert kommune_home(client) == (set(), {"Vikingetiden", "Runesten", "Oldtid på skolen"}, 3)
    assert kommune_search(client) == {"Vikingetiden", "Runesten", "Oldtid på skolen"}

    with django_capture_on_commit_callbacks(execute=True):
        MunicipalHighlightedOffer.objects.create(page=home, offer=elsewhere)
    assert kommune_home(client) == ({"Danmarks oldtid"}, {"Vikingetiden", "Runesten", "Oldtid på skolen"}, 4)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=runes, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert kommune_home(client) == ({"Danmarks oldtid"}, {"Vikingetiden", "Oldtid på skolen"}, 3)
    assert "Runesten" not in kommune_search(client)


def test_a_cached_offer_list_block_follows_every_change(
    client, aarhus_site, environment_index, cached, django_capture_on_commit_callbacks
):
    home = home_of(aarhus_site)
    moesgaard = make_environment(environment_index, title="Moesgaard Museum", postcode="8270")
    far = make_environment(environment_index, title="Nationalmuseet", postcode="1220")
    make_offer(moesgaard, title="Vikingetiden")
    elsewhere = make_offer(far, title="Danmarks oldtid")
    page = MunicipalContentPage(title="Museer", slug="museer")
    page.body = [("offer_list", {"heading": "Museer", "scope": "kommune", "free_only": False, "limit": 6})]
    home.add_child(instance=page)

    def block() -> set[str]:
        return card_titles(client.get("/kommuner/aarhus/museer/").content.decode())

    assert block() == {"Vikingetiden"}
    assert block() == {"Vikingetiden"}  # from the cache

    with django_capture_on_commit_callbacks(execute=True):
        runes = make_offer(moesgaard, title="Runesten")
    assert block() == {"Vikingetiden", "Runesten"}

    MunicipalHighlightedOffer.objects.create(page=home, offer=elsewhere)  # no search data changes
    assert block() == {"Vikingetiden", "Runesten", "Danmarks oldtid"}

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=runes, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert block() == {"Vikingetiden", "Danmarks oldtid"}
