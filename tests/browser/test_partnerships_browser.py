"""axe-core (WCAG 2.1 A/AA) in headless Chromium on the public partnership pages and the two admin overviews.

Like the municipal page tests, Django renders each page with the test client inside the test's
transaction and Chromium loads those documents and their static files through ``context.route``:
real pages and stylesheets, no commit, no database flush.
"""

from __future__ import annotations

import datetime
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from demo.site import ensure_partnership_index
from geography.models import Municipality
from partnerships.models import CollaborationAgreement, KnowledgeProduct, PartnershipContact
from tests.partnerships.conftest import make_consultant, make_municipal_site, make_organisation, make_partnership

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BASE = "http://testserver"
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _static(path: str) -> tuple[int, str, bytes]:
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return 404, "text/plain", b""
    return 200, mimetypes.guess_type(found)[0] or "application/octet-stream", Path(found).read_bytes()


def violations_in(browser, axe, documents: dict[str, tuple[str, str | None]]) -> dict[str, list[str]]:
    """Load each pre-rendered document; every WCAG A/AA violation (any impact) in the page, or in the
    part of it the selector names, per URL."""
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})

    def serve(route, request):
        path = urlsplit(request.url).path
        if request.url in documents:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=documents[request.url][0])
        elif path.startswith(settings.STATIC_URL):
            status, content_type, body = _static(path)
            route.fulfill(status=status, content_type=content_type, body=body)
        else:
            route.fulfill(status=404, body="")

    context.route("**/*", serve)
    page = context.new_page()
    found = {}
    try:
        for url, (_, selector) in documents.items():
            page.goto(url)
            results = axe.run(page, context=selector, options=WCAG_A_AA)
            found[url] = [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in results.response["violations"]]
    finally:
        context.close()
    return found


def render(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_partnership_pages_and_overviews_have_no_wcag_violations(browser, axe, national_site, django_user_model):
    ensure_partnership_index()
    partnership = make_partnership(
        title="Pædagogisk laboratorium på Moesgaard",
        slug="moesgaard",
        partner_organisation=make_organisation("Moesgaard Museum", kind="kultur", country="Danmark"),
        model="intern",
        is_public=True,
        public_summary="Vi udvikler undervisning i arkæologi.",
        publish_contributions=True,
        renegotiation_date=datetime.date.today() + datetime.timedelta(days=40),
    )
    PartnershipContact.objects.create(partnership=partnership, name="Offentlig Olsen", email="o@x.dk", is_public=True)
    KnowledgeProduct.objects.create(partnership=partnership, kind="film", title="Film", url="https://example.org/f")
    make_partnership()
    site = make_municipal_site(Municipality.objects.get(name="Vejle"))
    CollaborationAgreement.objects.create(
        municipality=site.municipality,
        school_name="Hældagerskolen",
        partner_company="Vejle Vand",
        goal_kind="kendskab",
        start_date=datetime.date(2025, 8, 1),
    )
    public, staff, consultant = Client(), Client(), Client()
    staff.force_login(django_user_model.objects.create_superuser(username="staff", email="s@x.dk", password="pw"))
    consultant.force_login(make_consultant(site, "konsulent"))
    portfolio, overview = reverse("partnership_portfolio:index"), reverse("agreement_overview:index")

    documents = {
        f"{BASE}/partnerskaber/": (render(public, "/partnerskaber/"), None),
        f"{BASE}/partnerskaber/moesgaard/": (render(public, "/partnerskaber/moesgaard/"), None),
        # Our content inside the admin; Wagtail's own chrome is Wagtail's to test.
        f"{BASE}{portfolio}": (render(staff, portfolio), ".st-portfolio"),
        f"{BASE}{overview}": (render(consultant, overview), ".st-agreements"),
    }
    found = violations_in(browser, axe, documents)
    assert found == {url: [] for url in documents}
