"""axe-core in real headless Chromium on the public partnership pages and the two overviews."""

from __future__ import annotations

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import sync_playwright

from partnerships.models import CollaborationAgreement, KnowledgeProduct, PartnershipContact
from partnerships.services import ensure_partnership_index

from .conftest import make_consultant, make_municipal_site, make_organisation, make_partnership

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page, context=None) -> list[str]:
    results = Axe().run(page, context=context, options=WCAG_AA)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]


def session_cookie(user) -> str:
    """A logged-in session for the browser (one client per user: logging in again flushes the session)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_partnership_pages_and_overviews_have_no_axe_violations(live_server, django_user_model):
    from home.services import ensure_national_site
    from municipalities.models import Municipality

    ensure_national_site(hostname="localhost")
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
    staff = django_user_model.objects.create_superuser(username="staff", email="s@x.dk", password="pw")
    staff_cookie = session_cookie(staff)
    consultant_cookie = session_cookie(make_consultant(site, "konsulent"))
    portfolio_url = live_server.url + reverse("partnership_portfolio:index")
    overview_url = live_server.url + reverse("agreement_overview:index")

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for path in ("/partnerskaber/", "/partnerskaber/moesgaard/"):
                response = page.goto(live_server.url + path)
                assert response.status == 200, path
                found[path] = violations(page)

            for cookie, url, selector in (
                (staff_cookie, portfolio_url, ".st-portfolio"),
                (consultant_cookie, overview_url, ".st-agreements"),
            ):
                context = browser.new_context()
                context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
                admin_page = context.new_page()
                assert admin_page.goto(url).status == 200
                assert admin_page.url == url, admin_page.url
                # Our own content inside the admin; Wagtail's chrome is Wagtail's to test.
                found[url] = violations(admin_page, context=selector)
                context.close()
        finally:
            browser.close()
    assert found == {key: [] for key in found}
