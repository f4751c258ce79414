"""The public site's frame: navigation, footer, the accessibility statement, Danish numbers and figures."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from wagtail.models import Page

from demo.factories import make_environment
from home.models import StandardPage
from offers.models import EnvironmentType
from offers.search import search_offers

pytestmark = pytest.mark.django_db


def test_every_public_page_has_the_footer_with_statement_privacy_and_contact(client, offer):
    about = StandardPage(title="Om Skoletjenesten", slug="om-skoletjenesten")
    Page.objects.get(slug="skoletjenesten").add_child(instance=about)
    for path in ["/", "/tilbud/", offer.url, offer.environment.url, "/tilgaengelighedserklaering/"]:
        html = client.get(path).content.decode()
        assert 'href="/tilgaengelighedserklaering/"' in html, path
        assert 'href="/privatliv/"' in html, path
        assert "mailto:kontakt@skoletjenesten.dk" in html, path
        assert 'href="/om-skoletjenesten/"' in html, path  # footer and header find the page by its slug


def test_header_navigation_marks_the_current_section_and_skips_missing_pages(client, offer):
    html = client.get("/tilbud/?q=natur").content.decode()
    assert 'aria-label="Hovedmenu"' in html
    assert '<a class="site-nav__link" href="/tilbud/" aria-current="page">Find tilbud</a>' in html
    assert 'href="/laeringsmiljoer/"' in html
    assert 'href="/partnerskaber/"' not in html  # no such page on this site, so no dead link


def test_accessibility_statement(client, national_site):
    response = client.get("/tilgaengelighedserklaering/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Tilgængelighedserklæring – Skoletjenesten</title>" in html
    for text in ["WCAG 2.1", "Digitaliseringsstyrelsen", "was.digst.dk", "Indhold, der ikke er tilgængeligt"]:
        assert text in html


def test_home_page_figures_agree_with_the_search(client, offer, rf):
    html = client.get("/").content.decode()
    total = search_offers(rf.get("/tilbud/").GET).total
    assert f"<strong>{total}</strong> undervisningstilbud" in html
    assert f'<span class="figures__number">{total}</span> undervisningstilbud' in html


def test_counts_are_written_the_danish_way():
    search = SimpleNamespace(text="natur", total=2534, page_obj=SimpleNamespace(number=3))
    title = render_to_string("offers/search/title_prefix.html", {"search": search})
    assert title == "“natur” – 2.534 tilbud, side 3 – "
    option = SimpleNamespace(html_id="x", value="x", label="Historie", count=12345, selected=False)
    facet = SimpleNamespace(name="fag", label="Fag", is_active=False, options=[option])
    assert "(12.345<span" in render_to_string("offers/search/facet.html", {"facet": facet})


def test_search_title_and_filter_button_carry_the_count(client, offer):
    html = client.get("/tilbud/?q=vandhul").content.decode()
    assert "<title>“vandhul” – 1 tilbud – Find undervisningstilbud – Skoletjenesten</title>" in html
    assert 'data-title-prefix="“vandhul” – 1 tilbud – "' in html
    assert ">Vis 1 tilbud</button>" in html


def test_the_environment_list_is_searchable_by_name_kommune_and_type(client, environment_index):
    museum = EnvironmentType.objects.get(slug="museum")
    make_environment(environment_index, title="Naturcenter Vestamager", postcode="2300")
    make_environment(environment_index, title="Moesgaard Museum", postcode="8270", environment_type=museum)
    make_environment(environment_index, title="Den Gamle By", postcode="8000", environment_type=museum)

    def names(query: str) -> list[str]:
        html = client.get(f"/laeringsmiljoer/?{query}").content.decode()
        return [line.split(">")[1].split("<")[0] for line in html.split('class="environment-grid__link"')[1:]]

    assert names("") == ["Den Gamle By", "Moesgaard Museum", "Naturcenter Vestamager"]
    assert names("q=moesgaard") == ["Moesgaard Museum"]
    assert names("type=museum") == ["Den Gamle By", "Moesgaard Museum"]
    assert names("kommune=aarhus&type=museum") == ["Den Gamle By", "Moesgaard Museum"]
    assert names("kommune=koebenhavn") == ["Naturcenter Vestamager"]
    html = client.get("/laeringsmiljoer/?type=%3Cscript%3E&q=by").content.decode()
    assert "er ikke en gyldig værdi og blev ignoreret" in html and "<script>" not in html
    assert "Den Gamle By" in html and "Moesgaard" not in html
    assert "<title>1 læringsmiljø – Læringsmiljøer – Skoletjenesten</title>" in html
