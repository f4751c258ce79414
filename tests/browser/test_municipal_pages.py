"""Municipal pages in real headless Chromium: axe-core finds no WCAG 2.1 A/AA violations.

A minimal harness of our own until a shared tests/browser/conftest.py exists. Django renders each
page with the test client inside the test's transaction first; Chromium then loads those documents
(and the static files they link) through ``page.route``, so no database work happens while
Playwright's event loop runs and nothing needs committing or flushing.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders
from playwright.sync_api import sync_playwright

from municipalities.models import MunicipalContentPage, MunicipalHighlightedOffer, Municipality
from municipalities.services import create_municipal_site

from ..conftest import make_environment, make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _static(path: str) -> tuple[int, str, bytes]:
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return 404, "text/plain", b""
    return 200, mimetypes.guess_type(found)[0] or "application/octet-stream", Path(found).read_bytes()


def axe_violations(documents: dict[str, str]) -> dict[str, list[str]]:
    """Load each pre-rendered document in Chromium and run axe-core; violations per URL."""
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()

        def serve(route, request):
            parts = urlsplit(request.url)
            if request.url in documents:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=documents[request.url])
            elif parts.path.startswith(settings.STATIC_URL):
                status, content_type, body = _static(parts.path)
                route.fulfill(status=status, content_type=content_type, body=body)
            else:
                route.fulfill(status=404, body="")

        page.route("**/*", serve)
        for url in documents:
            page.goto(url)
            results = Axe().run(page, options=AXE_OPTIONS)
            found[url] = [
                f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
                for violation in results.response["violations"]
            ]
        browser.close()
    return found


def test_municipal_pages_pass_axe(client, national_site, environment_index):
    municipal_site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    home = municipal_site.site.root_page.specific
    offer = make_offer(make_environment(environment_index, title="Moesgaard Museum", postcode="8270"))
    MunicipalHighlightedOffer.objects.create(page=home, offer=offer)
    page = MunicipalContentPage(title="Kontakt", slug="kontakt", show_in_menus=True)
    page.body = [
        ("paragraph", "<p>Skriv til os om åben skole.</p>"),
        ("contact_card", {"name": "Mette Holm", "role": "Konsulent", "email": "mh@example.dk", "phone": "12 34 56 78"}),
        ("offer_list", {"heading": "Naturtilbud", "scope": "kommune", "limit": 3}),
    ]
    home.add_child(instance=page)

    urls = [
        "http://aarhus.localhost/",
        "http://aarhus.localhost/kontakt/",
        "http://aarhus.localhost/tilbud/?omraade=naboer",
        "http://testserver/kommuner/",
        "http://testserver/kommuner/aarhus/",
        "http://testserver/kommuner/aarhus/tilbud/?q=%3Cb%3E&side=x",
    ]
    documents = {}
    for url in urls:
        parts = urlsplit(url)
        response = client.get(f"{parts.path}?{parts.query}", HTTP_HOST=parts.netloc)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count("<h1") == 1 and "Aarhus" in html, url
        documents[url] = html

    assert axe_violations(documents) == {url: [] for url in urls}
