"""The header on a phone: the navigation folds into a "Menu" button (DKFDS's mobile menu pattern), so the
search is near the top; the button works by keyboard (aria-expanded, focus into the menu, Escape back) and
axe finds nothing with the menu open or closed. Wide screens and pages without JavaScript show the menu.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client

from geography.models import Municipality
from municipalities.services import create_municipal_site
from tests.browser.conftest import settle
from tests.browser.test_municipal_pages import _static, serving_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BUTTON = "[data-site-menu-button]"


@pytest.fixture
def documents(national_site, environment_index) -> dict[str, str]:
    create_municipal_site(municipality=Municipality.objects.get(code="0813"))  # Frederikshavn: a long name
    client = Client()
    paths = {
        "search": ("testserver", "/tilbud/"),
        "home": ("testserver", "/"),
        "kommune": ("frederikshavn.localhost", "/"),
    }
    found = {}
    for name, (host, path) in paths.items():
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, name
        found[f"http://{host}{path}"] = response.content.decode()
    return found


def menu_links_visible(page) -> list[bool]:
    return [link.is_visible() for link in page.locator(".site-header__menu a").all()]


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_the_header_is_one_row_and_the_search_near_the_top(browser, documents, width):
    context = serving_context(browser, documents)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 740})
    try:
        for url in documents:
            page.goto(url)
            settle(page)
            header = page.locator(".site-header").bounding_box()
            assert header["height"] <= 120, (url, header)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
            assert page.locator(BUTTON).is_visible()
            assert not any(menu_links_visible(page)), "the menu starts folded"
        page.goto("http://testserver/tilbud/")
        search = page.get_by_label("Søg efter emne, sted eller læringsmiljø").bounding_box()
        assert search["y"] + search["height"] < 250, search
    finally:
        context.close()


def test_the_menu_opens_and_closes_by_keyboard_and_axe_finds_nothing(browser, axe, documents):
    context = serving_context(browser, documents)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 740})
    try:
        for url in documents:
            page.goto(url)
            settle(page)
            assert axe.run(page).response["violations"] == [], url
            for _ in range(6):  # skip link, brand, then the button
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.matches('[data-site-menu-button]')"):
                    break
            button = page.locator(BUTTON)
            assert page.evaluate("document.activeElement.matches('[data-site-menu-button]')"), url
            assert button.get_attribute("aria-expanded") == "false"
            assert button.get_attribute("aria-controls") == "site-menu"
            assert button.inner_text().strip() == "Menu"

            page.keyboard.press("Enter")
            assert button.get_attribute("aria-expanded") == "true"
            assert all(menu_links_visible(page)) and menu_links_visible(page)
            first = page.locator(".site-header__menu a").first
            assert page.evaluate("el => el === document.activeElement", first.element_handle())
            assert axe.run(page).response["violations"] == [], f"{url}, menu open"

            page.keyboard.press("Escape")
            assert button.get_attribute("aria-expanded") == "false"
            assert page.evaluate("document.activeElement.matches('[data-site-menu-button]')")
            assert not any(menu_links_visible(page))

            page.keyboard.press("Space")  # a button: Space works as well
            assert button.get_attribute("aria-expanded") == "true"
            page.mouse.click(200, 600)  # a click outside the header folds it again
            assert button.get_attribute("aria-expanded") == "false"
    finally:
        context.close()


def test_wide_screens_and_pages_without_javascript_show_the_whole_menu(browser, documents):
    context = serving_context(browser, documents)
    page = context.new_page()
    try:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto("http://testserver/tilbud/")
        assert not page.locator(BUTTON).is_visible()
        assert all(menu_links_visible(page))
    finally:
        context.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 740})

    def serve(route, request):
        path = urlsplit(request.url).path
        if request.url in documents:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=documents[request.url])
        elif path.startswith(settings.STATIC_URL):
            status, content_type, body = _static(path)
            route.fulfill(status=status, content_type=content_type, body=body)
        else:
            route.fulfill(status=404, body="")

    context.route("**/*", serve)
    page = context.new_page()
    try:
        page.goto("http://testserver/tilbud/")
        assert not page.locator(BUTTON).is_visible()
        assert menu_links_visible(page) and all(menu_links_visible(page))
    finally:
        context.close()
