"""The Content-Security-Policy in real Chromium: no violation on the site's page types or in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from demo.site import ensure_national_site
from geography.models import Municipality
from municipalities.services import create_municipal_site
from offers.models import LearningEnvironmentIndexPage
from tests.browser.conftest import settle
from tests.conftest import make_environment, make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site_content(live_server):
    ensure_national_site(hostname="localhost", port=int(live_server.url.rsplit(":", 1)[1]))
    index = LearningEnvironmentIndexPage.objects.get()
    environment = make_environment(index, title="Naturcenter Vestamager", postcode="2300")
    offer = make_offer(environment, title="Liv i vandhullet")
    create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.dk", "hemmelig-kode-1")
    return {"offer": offer, "environment": environment}


def collect_violations(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def visit(page, url: str) -> None:
    if url.count("http") > 1:  # Page.url is absolute when several sites exist
        url = url[url.index("http", 1) :]
    response = page.goto(url)
    assert response.status < 500, url
    assert "Content-Security-Policy" in {name.title() for name in response.headers} or (
        "content-security-policy" in response.headers
    ), url
    settle(page)


def test_public_pages_pass_the_policy(live_server, browser_page, site_content):
    violations = collect_violations(browser_page)
    base = live_server.url
    for path in [
        "/",
        "/tilbud/",
        "/tilbud/?q=vandhullet",
        site_content["offer"].url,  # the map
        site_content["environment"].url,
        "/laeringsmiljoer/",
        "/kommuner/",
        "/kommuner/aarhus/",
        "/findes-ikke/",
    ]:
        visit(browser_page, base + path)
    # The search script at work: a filter without reloading the page.
    browser_page.goto(base + "/tilbud/")
    browser_page.locator("input[name='q']").first.fill("vandhullet")
    browser_page.keyboard.press("Enter")
    settle(browser_page)
    assert browser_page.locator(".place-map, .leaflet-container").count() >= 0
    assert violations == []


def test_the_admin_passes_the_policy(live_server, browser_page, site_content):
    violations = collect_violations(browser_page)
    base = live_server.url
    browser_page.goto(base + "/admin/login/")
    browser_page.fill("input[name='username']", "redaktor")
    browser_page.fill("input[name='password']", "hemmelig-kode-1")
    browser_page.click("button[type='submit']")
    browser_page.wait_for_url(base + "/admin/")
    offer = site_content["offer"]
    for path in [
        "/admin/",
        f"/admin/pages/{offer.get_parent().pk}/",
        f"/admin/pages/{offer.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/reports/page-types-usage/",
    ]:
        visit(browser_page, base + path)
    # The page chooser modal (the admin's JavaScript at work).
    browser_page.goto(base + f"/admin/pages/{offer.pk}/edit/")
    settle(browser_page)
    assert violations == []
