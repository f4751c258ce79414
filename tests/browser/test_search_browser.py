"""The search in real headless Chromium: a teacher's journey, no-JS use, phones, and axe-core checks."""

from __future__ import annotations

import re

import pytest

from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from offers.models import EnvironmentType, LearningEnvironmentContact, LearningEnvironmentIndexPage, OfferPage
from tests.browser.conftest import assert_no_serious_violations, settle
from tests.snapshot import WrittenRows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(scope="module")
def offer_rows(live_server, django_db_setup, django_db_blocker):
    """The offers' rows, built once (tests/snapshot.py): 1.6 s for each test otherwise."""
    with django_db_blocker.unblock():
        return WrittenRows(lambda: build_offers(live_server))


@pytest.fixture
def offers(live_server, offer_rows):
    return offer_rows.fetch() or build_offers(live_server)


def build_offers(live_server) -> list[OfferPage]:
    ensure_national_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    index = LearningEnvironmentIndexPage.objects.get()
    centre = make_environment(index, title="Naturcenter Vestamager", postcode="2300")
    LearningEnvironmentContact.objects.create(environment=centre, name="Karen Skov", email="karen@example.org")
    museum = make_environment(
        index, title="Nationalmuseet", postcode="1050", environment_type=EnvironmentType.objects.get(slug="museum")
    )
    created = [
        make_offer(
            centre,
            title=f"Naturdag {n:02d}",
            teaser="Vi undersøger naturen i skoven.",
            booking_url="https://example.org",
        )
        for n in range(11)
    ]
    created.append(
        make_offer(museum, title="Vikingernes hverdag", grades=("0-klasse", "2-klasse"), subjects=["historie"])
    )
    return created


def wait_for_results(page, url_part: str) -> None:
    page.wait_for_url(re.compile(re.escape(url_part)))
    page.wait_for_function("!document.querySelector('[data-search-app]').hasAttribute('aria-busy')")


def test_a_teacher_searches_filters_pages_and_opens_an_offer(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/?antal=10")
    page.get_by_label("Søg efter emne, sted eller læringsmiljø").fill("natur")
    page.keyboard.press("Enter")
    wait_for_results(page, "q=natur")
    assert page.locator("#results-heading").inner_text().startswith("11 tilbud")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    page.wait_for_function("document.getElementById('search-status').textContent.includes('11 tilbud')")

    # A filter: the results update without a reload and focus stays on the checkbox.
    page.evaluate("window.__noReload = true")
    page.locator("#facet-klassetrin > summary").click()
    page.get_by_label(re.compile(r"^4\. klasse")).check()
    wait_for_results(page, "klassetrin=4-klasse")
    assert page.evaluate("window.__noReload") is True
    assert page.evaluate("document.activeElement.name") == "klassetrin"
    assert "antal=10" in page.url

    # A page change: focus moves to the result count, the URL remembers the page.
    page.get_by_role("link", name=re.compile("Næste")).click()
    wait_for_results(page, "side=2")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    assert page.locator(".result-list__item").count() == 1

    # Back restores the first page.
    page.go_back()
    page.wait_for_function("!location.search.includes('side=2')")
    page.wait_for_function("document.querySelectorAll('.result-list__item').length === 10")

    # Opening an offer.
    first = page.locator(".offer-card__title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.get_by_role("link", name=re.compile("Gå til booking")).is_visible()


def test_the_search_works_without_javascript(live_server, no_js_page, offers):
    page = no_js_page
    page.goto(live_server.url + "/tilbud/")
    page.get_by_label("Søg efter emne, sted eller læringsmiljø").fill("vikinger")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.wait_for_url(re.compile("q=vikinger"))
    assert page.locator("#results-heading").inner_text().startswith("1 tilbud")
    page.locator("#filters-panel > summary").click()
    page.locator("#facet-fag > summary").click()
    page.get_by_label(re.compile(r"^Historie")).check()
    page.get_by_role("button", name=re.compile(r"^Vis \d+ tilbud")).click()
    page.wait_for_url(re.compile("fag=historie"))
    assert page.locator(".offer-card__title").inner_text() == "Vikingernes hverdag"


def test_pages_fit_a_360_px_phone(live_server, phone_page, offers):
    for path in ["/tilbud/", offers[0].url, offers[0].get_parent().url]:
        phone_page.goto(live_server.url + path)
        wide = phone_page.evaluate(
            "Array.from(document.querySelectorAll('body *'))"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth).slice(0, 5)"
            ".map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth)"
        )
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, (path, wide)


def test_axe_finds_no_serious_violations_on_search_offer_and_environment_pages(live_server, browser_page, axe, offers):
    page = browser_page
    for path in [
        "/tilbud/",
        "/tilbud/?q=natur&klassetrin=3-klasse&postnummer=2300&afstand=25&sortering=afstand",
        "/tilbud/?visning=kort",
        "/tilbud/?q=xyzzy&fag=historie&maks_pris=abc",  # no results, loosen hints and a notice
        offers[0].url,
        offers[0].get_parent().url,
    ]:
        page.goto(live_server.url + path)
        settle(page)
        for details in page.locator("details:not([open]) > summary").all()[:3]:
            details.click()  # open a few filter panels so their controls are checked too
        assert_no_serious_violations(axe, page)


def test_the_skip_link_moves_to_the_content_without_reloading_the_results(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/")
    settle(page)
    partial_requests = []
    page.on(
        "request",
        lambda request: (
            partial_requests.append(request.url)
            if "X-Search-Partial" in str(request.headers) or request.headers.get("x-search-partial")
            else None
        ),
    )
    page.get_by_label("Søg efter emne, sted eller læringsmiljø").fill("natu")
    page.keyboard.press("Shift+Tab")  # back to the top of the page
    page.evaluate("document.querySelector('[data-skip-link]').focus()")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    page.evaluate("new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))")
    assert partial_requests == []
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.get_by_label("Søg efter emne, sted eller læringsmiljø").input_value() == "natu"


def test_on_a_phone_results_come_first_and_filters_open_as_a_dialog(live_server, phone_page, offers):
    page = phone_page
    page.goto(live_server.url + "/tilbud/")
    settle(page)
    heading = page.locator("#results-heading").bounding_box()
    assert heading["y"] + heading["height"] < 740  # the result count is on the first screen
    assert page.locator(".facet").first.is_hidden()

    page.get_by_role("button", name=re.compile("^Filtre")).click()
    dialog = page.get_by_role("dialog", name="Filtre")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.id") == "filters-close"
    dialog.locator("#facet-klassetrin > summary").click()
    dialog.get_by_label(re.compile(r"^0\. klasse")).check()
    wait_for_results(page, "klassetrin=0-klasse")
    assert page.get_by_role("dialog", name="Filtre").is_visible()  # still open, focus on the box just ticked
    assert page.evaluate("document.activeElement.name") == "klassetrin"
    assert page.title().startswith("1 tilbud – ")  # the title follows the in-place update

    page.get_by_role("button", name="Vis 1 tilbud").click()
    page.wait_for_function("document.activeElement.id === 'results-heading'")
    assert page.get_by_role("dialog").count() == 0
    assert page.locator(".offer-card__title").inner_text() == "Vikingernes hverdag"


def test_focus_stays_when_the_sort_order_replaces_the_form(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/")
    page.get_by_label("Sortér efter").focus()
    page.get_by_label("Sortér efter").select_option("titel")
    wait_for_results(page, "sortering=titel")
    assert page.evaluate("document.activeElement.id") == "search-sort"


def test_map_markers_follow_the_result_list_and_the_zoom_speaks_danish(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/?visning=kort")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom ind"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom ud"
    assert page.evaluate(
        "!!(document.querySelector('.result-list').compareDocumentPosition("
        "document.querySelector('.leaflet-marker-icon')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    )
    # ... while the map is still shown above the list.
    assert page.locator(".results-map").bounding_box()["y"] < page.locator(".result-list").bounding_box()["y"]
