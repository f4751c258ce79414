"""Suggestions as you type in real headless Chromium: the WAI-ARIA combobox by keyboard, and axe with it open."""

from __future__ import annotations

import re

import pytest

from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from offers.models import LearningEnvironmentIndexPage
from tests.browser.conftest import assert_no_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIELD = "Søg efter emne, sted eller læringsmiljø"


@pytest.fixture
def offers(live_server):
    ensure_national_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    index = LearningEnvironmentIndexPage.objects.get()
    forest = make_environment(index, title="Skovskolen Nord", postcode="2300")
    museum = make_environment(index, title="Vikingemuseet", postcode="4000")
    return {
        "trip": make_offer(forest, title="Skovtur med naturvejleder", subjects=["natur-teknologi"]),
        "vikings": make_offer(museum, title="Vikinger på togt", subjects=["historie"]),
        "history": make_offer(museum, title="Historiske lege", subjects=["historie"]),
    }


def open_list(page, text: str) -> None:
    field = page.get_by_role("combobox", name=FIELD)
    field.click()
    field.press_sequentially(text, delay=40)
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")


def test_keyboard_arrow_down_and_enter_opens_the_offer(live_server, browser_page, offers, axe):
    page = browser_page
    page.goto(live_server.url + "/tilbud/")
    field = page.get_by_role("combobox", name=FIELD)
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-autocomplete") == "list"
    open_list(page, "skov")

    listbox_id = field.get_attribute("aria-controls")
    listbox = page.locator(f"#{listbox_id}")
    assert listbox.get_attribute("role") == "listbox"
    assert field.get_attribute("aria-expanded") == "true"
    # Grouped, each saying what it is; the count announced politely; the focus stays in the field.
    groups = listbox.get_by_role("group")
    assert [groups.nth(i).get_attribute("aria-labelledby") is not None for i in range(groups.count())]
    assert (
        listbox.get_by_role("group", name="Tilbud")
        .get_by_role("option")
        .first.inner_text()
        .startswith("Skovtur med naturvejleder")
    )
    assert (
        listbox.get_by_role("group", name="Læringsmiljøer")
        .get_by_role("option")
        .first.inner_text()
        .startswith("Skovskolen Nord")
    )
    status = page.locator(f"#{listbox_id} ~ [role=status]")
    page.wait_for_function(
        "s => document.querySelector(s).textContent.includes('2 forslag')", arg=f"#{listbox_id} ~ [role=status]"
    )
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "combobox"
    assert field.get_attribute("aria-activedescendant") is None

    assert_no_serious_violations(axe, page)  # with the list open

    field.press("ArrowDown")
    active_id = field.get_attribute("aria-activedescendant")
    active = page.locator(f"#{active_id}")
    assert active.get_attribute("role") == "option"
    assert active.get_attribute("aria-selected") == "true"
    assert active.inner_text().startswith("Skovtur med naturvejleder")
    assert page.evaluate("document.activeElement.id") == "search-q"  # no focus theft
    field.press("Enter")
    page.wait_for_url(re.compile(re.escape(offers["trip"].url)))
    assert page.get_by_role("heading", level=1).inner_text() == "Skovtur med naturvejleder"


def test_escape_closes_and_enter_without_a_choice_searches_the_text(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/")
    field = page.get_by_role("combobox", name=FIELD)
    open_list(page, "vik")
    field.press("ArrowDown")
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-activedescendant") is None
    assert page.locator("[role=listbox]").is_hidden()
    assert field.input_value() == "vik"  # Escape closes the list, the text stays
    field.press("ArrowDown")  # reopens
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowUp")  # back from the first option to the field
    assert field.get_attribute("aria-activedescendant") is None
    field.fill("vikinger")
    field.press("Enter")
    page.wait_for_url(re.compile(r"q=vikinger"))
    page.wait_for_function("!document.querySelector('[data-search-app]').hasAttribute('aria-busy')")
    assert page.locator("#search-results").get_by_role("link", name="Vikinger på togt").count() == 1


def test_a_subject_suggestion_applies_the_filter_and_the_new_field_suggests_again(live_server, browser_page, offers):
    page = browser_page
    page.goto(live_server.url + "/tilbud/")
    field = page.get_by_role("combobox", name=FIELD)
    open_list(page, "hist")
    options = page.locator("[role=listbox] [role=option]")
    assert options.first.inner_text().replace("\n", " ").startswith("Historie")  # the subject first
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_url(re.compile(r"fag=historie"))
    page.wait_for_function("!document.querySelector('[data-search-app]').hasAttribute('aria-busy')")
    assert page.locator("#results-heading").inner_text().startswith("2 tilbud")
    assert page.get_by_role("combobox", name=FIELD).input_value() == ""  # not "hist"
    # After the results were swapped in place, the new field is a combobox again.
    open_list(page, "skov")
    assert page.get_by_role("combobox", name=FIELD).get_attribute("aria-expanded") == "true"


def test_home_page_suggests_and_works_without_javascript(live_server, browser_page, no_js_page, offers, axe):
    page = browser_page
    page.goto(live_server.url + "/")
    field = page.get_by_role("combobox", name="Hvad leder du efter?")
    field.click()
    field.press_sequentially("vikinge", delay=40)
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    assert_no_serious_violations(axe, page)
    field.press("ArrowDown")
    field.press("ArrowDown")
    assert page.locator(f"#{field.get_attribute('aria-activedescendant')}").inner_text().startswith("Vikingemuseet")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/vikingemuseet/"))

    # Without JavaScript: a plain search field of a GET form, no combobox roles that promise a list.
    no_js_page.goto(live_server.url + "/")
    assert no_js_page.locator("[role=combobox]").count() == 0
    no_js_page.get_by_label("Hvad leder du efter?").fill("vikinger")
    no_js_page.get_by_role("button", name="Find tilbud").click()
    no_js_page.wait_for_url(re.compile(r"/tilbud/\?q=vikinger"))
    assert no_js_page.locator("#search-results").get_by_role("link", name="Vikinger på togt").count() == 1
