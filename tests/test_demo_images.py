"""Demo images: one drawn scene per environment type × subject area, shown through renditions with alt text."""

from __future__ import annotations

import re

import pytest
from wagtail.images import get_image_model

from demo.images import CREDIT, seed_demo_data
from geography.models import Municipality
from municipalities.models import MunicipalSiteSettings
from municipalities.services import create_municipal_site
from offers.models import EnvironmentType

from .conftest import make_environment, make_offer

pytestmark = pytest.mark.django_db


def test_each_offer_environment_and_kommune_gets_an_image_drawn_once(client, environment_index):
    museum = EnvironmentType.objects.get(slug="museum")
    first = make_environment(environment_index, title="Moesgaard Museum", postcode="8270", environment_type=museum)
    second = make_environment(environment_index, title="Den Gamle By", postcode="8000", environment_type=museum)
    offers = [make_offer(first, title="Vikinger"), make_offer(second, title="Købmandsgården")]
    site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))

    seed_demo_data(seed=1)
    images = get_image_model().objects.count()
    seed_demo_data(seed=1)  # idempotent: nothing new
    assert get_image_model().objects.count() == images == 2  # one museum × area scene, one kommune logo

    for offer in offers:
        offer.refresh_from_db()
        assert offer.image is not None and offer.image_credit == CREDIT
        assert offer.image.description.startswith("Tegning af et museum med søjler")
    first.refresh_from_db()
    assert first.image_id == offers[0].image_id
    assert MunicipalSiteSettings.objects.get(site=site.site).logo is not None

    html = client.get(offers[0].url).content.decode()
    assert 'type="image/avif"' in html and 'type="image/webp"' in html  # modern formats through renditions
    assert 'alt="Tegning af et museum med søjler' in html  # the image's description is the alt text
    assert CREDIT in html
    card = client.get(first.url).content.decode()
    assert 'loading="lazy"' in card and 'alt=""' in card  # cards: lazy, decorative (the title says it)


def test_environment_list_cards_and_kommune_header_show_their_images(
    client, environment_index, django_assert_max_num_queries
):
    kinds = ["museum", "naturcenter", "bibliotek", "zoo-akvarium", "teater", "arkiv"]
    environments = [
        make_environment(
            environment_index,
            title=f"Sted {n}",
            postcode="8000",
            environment_type=EnvironmentType.objects.get(slug=kind),
        )
        for n, kind in enumerate(kinds)
    ]
    for environment in environments:
        make_offer(environment, title=f"Tilbud ved {environment.title}")
    site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    seed_demo_data(seed=1)
    client.get("/laeringsmiljoer/")  # renditions made once

    with django_assert_max_num_queries(16):  # not six rendition queries per card
        html = client.get("/laeringsmiljoer/").content.decode()
    cards = re.findall(r'<li class="environment-grid__item">(.*?)</li>', html, re.S)
    assert len(cards) == len(kinds)
    for card in cards:
        # Renditions in modern formats and two widths, lazy, a fixed 16:9 frame, decorative (the title names it).
        assert 'type="image/avif"' in card and 'type="image/webp"' in card
        assert re.search(r'srcset="[^"]+ 360w, [^"]+ 720w"', card)
        img = re.search(r"<img [^>]*>", card).group(0)
        assert 'loading="lazy"' in img and 'width="360"' in img and 'height="203"' in img
        assert 'class="card-image-frame"' in card and 'alt=""' in card

    header = client.get("/", HTTP_HOST=site.site.hostname).content.decode().split("</header>")[0]
    logo = re.search(r'<picture class="municipal-header__picture">.*?</picture>', header, re.S).group(0)
    assert re.search(r'type="image/webp" srcset="[^"]+ 1x, [^"]+ 2x"', logo)  # sharp on 2x screens
    assert re.search(r'width="\d+" height="48"', logo)  # room kept while it loads
    assert 'alt=""' in logo and "Aarhus" in header.split("</a>")[0]  # the link around it names the kommune
