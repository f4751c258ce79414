"""Every facet count says exactly what a click on it gives; options of one facet combine with OR."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.http import QueryDict

from demo.factories import make_offer

pytestmark = pytest.mark.django_db

FACETS_CHECKED = ["maalgruppe", "klassetrin", "fagomraade", "form", "pris", "region", "kommune", "tilgaengelighed"]


def search(client, query: str):
    response = client.get("/tilbud/?" + query)
    assert response.status_code == 200
    return response.context["search"]


def toggled(query: str, name: str, value: str) -> str:
    params = QueryDict(query, mutable=True)
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    return params.urlencode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "fagomraade=kunst-design-og-arkitektur",
        "klassetrin=3-klasse",
        "klassetrin=3-klasse&klassetrin=7-klasse",
        "kommune=aarhus",
        "tilgaengelighed=niveaufri&q=natur",
        "pris=gratis&maalgruppe=grundskole",
    ],
)
def test_every_count_is_what_a_click_gives(client, catalogue, query):
    result = search(client, query)
    for facet in result.facets:
        if facet.name not in FACETS_CHECKED:
            continue
        for option in facet.options:
            after = search(client, toggled(query, facet.name, option.value)).total
            assert option.count == after, (facet.name, option.value, option.selected)


def test_accessibility_options_combine_with_or_like_every_other_facet(client, catalogue):
    step_free = search(client, "tilgaengelighed=niveaufri").total
    both = search(client, "tilgaengelighed=niveaufri&tilgaengelighed=saerlige-behov").total
    assert both >= step_free


def test_free_only_is_shown_checked_gets_a_chip_and_is_kept(client, catalogue):
    response = client.get("/tilbud/", {"pris": "gratis"})
    result = response.context["search"]
    price = next(facet for facet in result.facets if facet.name == "pris")
    assert [option.selected for option in price.options] == [True]
    assert ("Kun gratis tilbud", "?") in [(label, url) for label, url in result.active_filters]
    html = response.content.decode()
    assert 'name="pris" value="gratis" checked' in html
    assert result.params.getlist("pris") == ["gratis"]
    assert result.url(side="2").startswith("?pris=gratis")


def test_the_month_filter_skips_offers_whose_period_is_over(client, environment):
    today = date.today()
    start, end = today - timedelta(days=100), today - timedelta(days=40)  # over before this month
    month = (today - timedelta(days=70)).month
    over = make_offer(environment, title="Forløb der er slut", months=[month], period_start=start, period_end=end)
    always = make_offer(environment, title="Hele året", months=[month])
    result = search(client, f"maaned={month}")
    found = [offer.title for offer in result.page_obj.object_list]
    assert always.title in found and over.title not in found
    unfiltered = search(client, "")
    month_option = next(o for f in unfiltered.facets if f.name == "maaned" for o in f.options if o.value == str(month))
    assert month_option.count == result.total  # the count leaves the finished offer out too
