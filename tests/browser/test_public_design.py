"""Every public page type in real headless Chromium: axe-core finds nothing (any rule, any impact) at 1280 and
390 px wide, and nothing scrolls sideways at 320 px (WCAG 1.4.10 reflow), with long words, e-mail addresses and
headings on the pages.

As in the municipal and partnership browser tests, Django renders each page with the test client inside the
test's transaction and Chromium loads those documents and the static files through ``context.route``.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Page

from demo.site import ensure_partnership_index
from geography.models import Municipality
from home.models import StandardPage
from municipalities.models import MunicipalContentPage, MunicipalHighlightedOffer
from municipalities.services import create_municipal_site
from offers.models import EnvironmentType, LearningEnvironmentContact
from partnerships.models import PartnershipContact
from tests.browser.conftest import settle
from tests.browser.test_municipal_pages import serving_context
from tests.conftest import make_environment, make_offer
from tests.partnerships.conftest import make_organisation, make_partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LONG_WORD = "Naturvidenskabsformidlingsværkstedsforløbsbeskrivelse"
LONG_EMAIL = "booking.skoletjenesten.naturformidling@vestamagernaturcenterforening.example.dk"

# Any element whose right edge passes the viewport; body's overflow-x: hidden (DKFDS) is lifted first so
# nothing is hidden by clipping.
SIDEWAYS = """() => {
    document.body.style.overflowX = 'visible';
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll('body *')).filter(el => {
        if (el.closest('.leaflet-container, .visually-hidden, .skip-link, [hidden]')) return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1;
    });
    return {scroll: document.documentElement.scrollWidth, width,
            wide: wide.slice(0, 5).map(el => el.tagName + '.' + el.className)};
}"""


@pytest.fixture
def public_documents(client, national_site, environment_index) -> dict[str, str]:
    home = Page.objects.get(slug="skoletjenesten")
    about = StandardPage(title="Om Skoletjenesten", slug="om-skoletjenesten", intro=f"<p>{LONG_WORD}</p>")
    home.add_child(instance=about)
    museum = make_environment(
        environment_index,
        title=f"Museum for {LONG_WORD}",
        postcode="8000",
        environment_type=EnvironmentType.objects.get(slug="museum"),
    )
    LearningEnvironmentContact.objects.create(environment=museum, name="Karen Skov", email=LONG_EMAIL, phone="12345678")
    offer = make_offer(
        museum,
        title=f"{LONG_WORD} for store og små",
        slug="lange-ord",
        teaser="Eleverne undersøger, måler og fortæller.",
        booking_email=LONG_EMAIL,
        group_size_min=10,
        group_size_max=28,
        duration="2 timer",
    )
    for n in range(3):
        make_offer(museum, title=f"Vikingetid {n}", grades=("0-klasse", "2-klasse"), subjects=["historie"])
    municipal_site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    kommune_home = municipal_site.site.root_page.specific
    MunicipalHighlightedOffer.objects.create(page=kommune_home, offer=offer)
    kommune_home.add_child(
        instance=MunicipalContentPage(
            title="Kontakt",
            slug="kontakt",
            body=[("contact_card", {"name": "Mette Holm", "role": "Konsulent", "email": LONG_EMAIL, "phone": "1"})],
        )
    )
    ensure_partnership_index()
    partnership = make_partnership(
        title="Pædagogisk laboratorium",
        slug="laboratorium",
        partner_organisation=make_organisation("Moesgaard Museum", kind="kultur", country="Danmark"),
        model="intern",
        is_public=True,
        public_summary=f"Vi udvikler {LONG_WORD}.",
        renegotiation_date=datetime.date.today() + datetime.timedelta(days=40),
    )
    PartnershipContact.objects.create(partnership=partnership, name="Olsen", email=LONG_EMAIL, is_public=True)

    public = Client()
    paths = {
        "home": ("testserver", "/"),
        "search": ("testserver", "/tilbud/?klassetrin=3-klasse&fag=historie"),
        "search, map": ("testserver", "/tilbud/?visning=kort"),
        "search, nothing found": ("testserver", "/tilbud/?q=xyzzy&fag=historie&maks_pris=abc"),
        "offer": ("testserver", urlsplit(offer.url).path),
        "environment": ("testserver", urlsplit(museum.url).path),
        "environment list": ("testserver", "/laeringsmiljoer/"),
        "content page": ("testserver", "/om-skoletjenesten/"),
        "kommune list": ("testserver", "/kommuner/"),
        "kommune home": ("aarhus.localhost", "/"),
        "kommune search": ("aarhus.localhost", "/tilbud/"),
        "kommune content page": ("aarhus.localhost", "/kontakt/"),
        "kommune via national host": ("testserver", "/kommuner/aarhus/"),
        "partnerships": ("testserver", "/partnerskaber/"),
        "partnership": ("testserver", "/partnerskaber/laboratorium/"),
        "accessibility statement": ("testserver", "/tilgaengelighedserklaering/"),
    }
    documents = {}
    for name, (host, path) in paths.items():
        response = public.get(path, HTTP_HOST=host)
        assert response.status_code == 200, name
        documents[f"http://{host}{path}"] = response.content.decode()
    return documents


def test_axe_finds_nothing_on_any_public_page_type_at_1280_and_390_px(browser, axe, public_documents):
    found = {}
    for width in (1280, 390):
        context = serving_context(browser, public_documents)
        page = context.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        try:
            for url in public_documents:
                page.goto(url)
                settle(page)
                violations = axe.run(page).response["violations"]
                if violations:
                    found[f"{width} {url}"] = [
                        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in violations
                    ]
        finally:
            context.close()
    assert found == {}, "\n".join(f"{url}: {violations}" for url, violations in found.items())


def test_no_public_page_scrolls_sideways_at_320_px(browser, public_documents):
    context = serving_context(browser, public_documents)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    found = {}
    try:
        for url in public_documents:
            page.goto(url)
            settle(page)
            result = page.evaluate(SIDEWAYS)
            if result["scroll"] > result["width"] or result["wide"]:
                found[url] = result
    finally:
        context.close()
    assert found == {}


def test_group_size_is_not_painted_over_its_value_at_320_px(browser, public_documents):
    (url,) = [url for url in public_documents if "/lange-ord/" in url]
    context = serving_context(browser, public_documents)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        page.goto(url)
        term = page.locator("dt", has_text="Gruppestørrelse").bounding_box()
        value = page.locator("dt:has-text('Gruppestørrelse') + dd").bounding_box()
    finally:
        context.close()
    overlaps = not (
        term["x"] + term["width"] <= value["x"]
        or value["x"] + value["width"] <= term["x"]
        or term["y"] + term["height"] <= value["y"]
        or value["y"] + value["height"] <= term["y"]
    )
    assert not overlaps, (term, value)
