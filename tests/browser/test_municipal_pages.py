"""Municipal pages in real headless Chromium: the same axe-core check as the national pages, plus WCAG 2.1 AA.

Reuses the shared ``browser`` and ``axe`` fixtures. Municipal sites live on their own hostnames
(aarhus.localhost), so instead of the live server Django renders each page with the test client
inside the test's transaction, and Chromium loads those documents and their static files through
``context.route``: real pages, no commit, no database flush.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from demo.factories import make_environment, make_offer
from geography.models import Municipality
from municipalities.models import MunicipalContentPage, MunicipalHighlightedOffer
from municipalities.services import create_municipal_site
from tests.browser.conftest import assert_no_serious_violations, track_requests

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _static(path: str) -> tuple[int, str, bytes]:
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return 404, "text/plain", b""
    return 200, mimetypes.guess_type(found)[0] or "application/octet-stream", Path(found).read_bytes()


def serving_context(browser, documents: dict[str, str], requested: list[str] | None = None):
    """A browser context answering from the pre-rendered documents and the static files; other URLs
    get a 404 (and are noted in ``requested``)."""
    context = track_requests(browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900}))

    def serve(route, request):
        path = urlsplit(request.url).path
        if request.url in documents:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=documents[request.url])
        elif path.startswith(settings.STATIC_URL):
            status, content_type, body = _static(path)
            route.fulfill(status=status, content_type=content_type, body=body)
        else:
            if requested is not None:
                requested.append(request.url)
            route.fulfill(status=404, body="")

    context.route("**/*", serve)
    return context


def check_documents(browser, axe, documents: dict[str, str]) -> dict[str, list[str]]:
    """Load each pre-rendered document in Chromium; the shared serious-violation check must pass, and
    the WCAG 2.1 A/AA rules are returned (any impact) per URL."""
    context = serving_context(browser, documents)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    try:
        for url in documents:
            page.goto(url)
            assert_no_serious_violations(axe, page)
            results = axe.run(page, options=WCAG_AA)
            found[url] = [
                f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
                for violation in results.response["violations"]
            ]
    finally:
        context.close()
    return found


def test_municipal_pages_pass_axe(browser, axe, client, national_site, environment_index):
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

    assert check_documents(browser, axe, documents) == {url: [] for url in urls}


def test_scope_links_keep_filters_set_without_a_reload(browser, client, national_site):
    create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    url = "http://aarhus.localhost/tilbud/?omraade=kommune"
    documents = {url: client.get("/tilbud/?omraade=kommune", HTTP_HOST="aarhus.localhost").content.decode()}
    requested: list[str] = []
    context = serving_context(browser, documents, requested)
    try:
        page = context.new_page()
        page.goto(url)
        # The search script changes the URL as filters change, without reloading the page.
        page.evaluate("history.replaceState(null, '', '?omraade=kommune&q=natur&side=3')")
        page.get_by_role("link", name="Hele landet", exact=True).click()
        page.wait_for_load_state()
    finally:
        context.close()
    (followed,) = [request for request in requested if "/tilbud/" in request]
    query = parse_qs(urlsplit(followed).query)
    assert query == {"omraade": ["hele-landet"], "q": ["natur"]}
