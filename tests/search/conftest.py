"""A small, varied catalogue of offers for the search tests, built once per test module.

The module fixture builds it inside an open transaction that is rolled back when the module ends;
each test's own transaction nests inside it as a savepoint, so tests may change the catalogue freely.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from curriculum.models import SustainableDevelopmentGoal
from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from geography.models import Municipality
from offers.models import EnvironmentType, LearningEnvironmentIndexPage, OfferFormat, OfferPage
from offers.search.index import refresh_page_search


class _Rollback(Exception):
    pass


def build_catalogue(environment_index) -> dict[str, OfferPage]:
    """Offers in København (2300), Roskilde (4000), Aarhus (8000) and Skagen (9990), with distinct facets."""
    museum = EnvironmentType.objects.get(slug="museum")
    nature = make_environment(environment_index, title="Naturcenter Vestamager", postcode="2300")
    viking = make_environment(
        environment_index,
        title="Vikingeskibsmuseet",
        postcode="4000",
        environment_type=museum,
        description="<p>Skibe fra vikingetiden.</p>",
    )
    art = make_environment(environment_index, title="ARoS Aarhus Kunstmuseum", postcode="8000", environment_type=museum)
    travelling = make_environment(environment_index, title="Rullende Naturskole", postcode="9990")
    travelling.travel_municipalities.set([Municipality.objects.get(name="København")])
    travelling.save()
    offers = {
        "pond": make_offer(nature, title="Liv i vandhullet", grades=("3-klasse", "6-klasse")),
        "forest": make_offer(
            nature,
            title="Dyr i skoven",
            teaser="Eleverne finder spor af dyr i skovene.",
            grades=("boernehave", "2-klasse"),
            months=[4, 5],
        ),
        "vikings": make_offer(
            viking,
            title="Vikingerne på havet",
            teaser="Ro et vikingeskib og hør om togterne.",
            grades=("4-klasse", "9-klasse"),
            subjects=["historie"],
            subject_areas=["kulturhistoriske-museer"],
            is_free=False,
            price_amount=1200,
            months=[5, 6, 9],
            languages=["da", "en"],
        ),
        "art": make_offer(
            art,
            title="Farver og former",
            teaser="Billedkunst i museets samlinger.",
            grades=("0-klasse", "3-klasse"),
            subjects=["billedkunst"],
            subject_areas=["kunst-design-og-arkitektur"],
            is_free=False,
            price_amount=600,
            step_free_access=True,
        ),
        "gymnasium": make_offer(
            art,
            title="Samtidskunst for gymnasiet",
            teaser="Analyse af værker.",
            grades=("stx", "stx"),
            subjects=[],
            subject_areas=["kunst-design-og-arkitektur"],
            months=[10, 11],
        ),
        "visit": make_offer(
            travelling,
            title="Naturskolen kommer på besøg",
            teaser="Vi kommer ud til skolen med mikroskoper.",
            formats=[OfferFormat.AT_SCHOOL],
            grades=("5-klasse", "7-klasse"),
        ),
    }
    offers["vikings"].sdgs.set(SustainableDevelopmentGoal.objects.filter(number=14))
    offers["vikings"].save()
    refresh_page_search(offers["vikings"])  # code that saves a page itself refreshes its search rows
    return offers


@pytest.fixture(scope="module")
def _module_catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                ensure_national_site(hostname="testserver")
                offers = build_catalogue(LearningEnvironmentIndexPage.objects.get())
                yield {key: offer.pk for key, offer in offers.items()}
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def catalogue(_module_catalogue, db, national_site) -> dict[str, OfferPage]:
    pages = OfferPage.objects.in_bulk(list(_module_catalogue.values()))
    return {key: pages[pk] for key, pk in _module_catalogue.items()}
