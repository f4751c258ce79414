"""The API's offer list agrees with the HTML search at /tilbud/: the same count and the same first page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from geography.models import Municipality
from municipalities.models import MunicipalSearchPage
from municipalities.services import create_municipal_site

pytestmark = pytest.mark.django_db

QUERIES = [
    {},
    {"q": "vikinger"},
    {"q": "natur"},
    {"klassetrin": "3-klasse"},
    {"fagomraade": "kunst-design-og-arkitektur", "sortering": "titel"},
    {"pris": "gratis"},
    {"maks_pris": "700"},
    {"postnummer": "2300", "afstand": "25"},
    {"postnummer": "8000", "sortering": "afstand"},
    {"maalgruppe": "dagtilbud"},
    {"region": "1084", "maaned": ["5", "9"]},
    {"sprog": "en"},
    {"tilgaengelighed": "niveaufri"},
    {"form": "udebesoeg"},
    {"antal": "10", "side": "1"},
    {"q": "ingenting-der-findes"},
]


def html_search(client, params) -> tuple[int, list[str]]:
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    count_text = soup.select_one("[data-result-count]").get_text(" ", strip=True)
    count = int(re.match(r"([\d.]+) tilbud", count_text).group(1).replace(".", ""))
    links = [a["href"] for a in soup.select(".offer-card__title a")]
    return count, links


def api_search(client, params) -> dict:
    response = client.get("/api/v1/offers/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.parametrize("params", QUERIES, ids=[str(query) or "everything" for query in QUERIES])
def test_api_offer_list_equals_the_html_search(client, catalogue, params):
    count, links = html_search(client, params)
    data = api_search(client, params)
    assert data["count"] == count
    assert [offer["url"].removeprefix("http://testserver") for offer in data["results"]] == links


def test_api_pages_through_the_same_order_as_the_html_search(client, catalogue):
    everything = [offer["id"] for offer in api_search(client, {"antal": "100"})["results"]]
    first = api_search(client, {"antal": "10"})
    assert first["pages"] == 1 and first["next"] is None
    assert [offer["id"] for offer in first["results"]] == everything[:10]


def test_facet_counts_on_request_equal_the_search_page_filters(client, catalogue):
    data = api_search(client, {"klassetrin": "3-klasse", "facetter": "true"})
    facets = {facet["parameter"]: facet for facet in data["facets"]}
    grade = {option["value"]: option for option in facets["klassetrin"]["options"]}
    assert grade["3-klasse"]["selected"] is True
    response = client.get("/tilbud/", {"klassetrin": "3-klasse"})
    html = next(f for f in response.context["search"].facets if f.name == "fagomraade")
    assert {o["value"]: o["count"] for o in facets["fagomraade"]["options"]} == {o.value: o.count for o in html.options}
    assert "facets" not in api_search(client, {"klassetrin": "3-klasse"})


def test_municipal_site_scope_equals_the_kommune_search_page(client, catalogue):
    site = create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="kbh.testserver")
    search_page = MunicipalSearchPage.objects.child_of(site.site.root_page).get()
    for params in ({}, {"omraade": "hele-landet"}, {"omraade": "naboer", "klassetrin": "5-klasse"}):
        response = client.get(search_page.relative_url(site.site), params, HTTP_HOST="kbh.testserver")
        assert response.status_code == 200
        expected = response.context["search"]
        data = api_search(client, {"kommunesite": site.municipality.slug, **params})
        assert data["count"] == expected.total
        assert [offer["id"] for offer in data["results"]] == [offer.pk for offer in expected.offers]
    titles = {offer["title"] for offer in api_search(client, {"kommunesite": site.municipality.slug})["results"]}
    assert "Liv i vandhullet" in titles and "Naturskolen kommer på besøg" in titles
    assert "Vikingerne på havet" not in titles


def test_environment_scope_lists_only_that_environments_offers(client, catalogue):
    environment_id = catalogue["vikings"].environment_id
    data = api_search(client, {"laeringsmiljoe": environment_id})
    assert [offer["title"] for offer in data["results"]] == ["Vikingerne på havet"]
