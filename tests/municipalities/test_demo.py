"""The municipal demo data: 17 kommunesites with consultants, pages, goals and own offers; idempotent."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate

from demo.factories import make_environment, make_offer
from demo.municipalities import DEMO_CONSULTANT_PASSWORD, DEMO_MUNICIPALITY_CODES, seed_demo_data
from municipalities.models import MunicipalContentPage, MunicipalHomePage, MunicipalSite
from offers.models import OfferPage

pytestmark = pytest.mark.django_db


def test_demo_builds_seventeen_sites_once(client, environment_index):
    make_offer(make_environment(environment_index, title="Moesgaard Museum", postcode="8270"), title="Vikingetiden")
    seed_demo_data(seed=2019, stdout=io.StringIO())
    counts = (MunicipalSite.objects.count(), MunicipalContentPage.objects.count(), OfferPage.objects.count())
    seed_demo_data(seed=2019, stdout=io.StringIO())
    assert (MunicipalSite.objects.count(), MunicipalContentPage.objects.count(), OfferPage.objects.count()) == counts
    assert counts == (17, 17 * 3, 1 + 17 * 2)
    assert len(DEMO_MUNICIPALITY_CODES) == 17

    consultant = authenticate(username="aarhus-konsulent", password=DEMO_CONSULTANT_PASSWORD)
    assert consultant is not None
    assert consultant.groups.filter(municipal_site__municipality__code="0751").exists()

    aarhus = MunicipalHomePage.objects.get(municipality__code="0751")
    assert aarhus.organisation_model and aarhus.goals.filter(target_count__isnull=False).count() == 2
    assert [offer.title for offer in aarhus.highlighted_offer_pages()] == ["Vikingetiden"]
    html = client.get("/kommuner/aarhus/").content.decode()
    assert "Vikingetiden" in html and "Strategi og mål for åben skole" in html
    search = client.get("/tilbud/", {"q": "virksomhedsbesøg"}).content.decode()
    assert ": virksomhedsbesøg i Aarhus</a>" in search  # e.g. "Bag om et mejeri: virksomhedsbesøg i Aarhus"
    titles = list(OfferPage.objects.filter(environment__slug="virksomhedsbesoeg").values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == 17 * 2  # every kommune's company visits are its own
