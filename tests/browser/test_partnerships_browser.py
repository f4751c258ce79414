"""axe-core (WCAG 2.1 A/AA) in headless Chromium on the public partnership pages and the two admin overviews."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from home.services import ensure_national_site
from municipalities.models import Municipality
from partnerships.models import CollaborationAgreement, KnowledgeProduct, PartnershipContact
from partnerships.services import ensure_partnership_index
from tests.partnerships.conftest import make_consultant, make_municipal_site, make_organisation, make_partnership

from .conftest import new_browser_page

WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(axe, page, context=None) -> list[str]:
    """Every WCAG A/AA violation (not only the serious ones) in the page or the given part of it."""
    results = axe.run(page, context=context, options=WCAG_A_AA)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:5]}" for v in results.response["violations"]]


def session_cookie(user) -> str:
    """A logged-in session for the browser (one client per user: logging in again flushes the session)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def partnership_data(transactional_db, django_user_model):
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
    return {"staff": session_cookie(staff), "consultant": session_cookie(make_consultant(site, "konsulent"))}


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/partnerskaber/", "/partnerskaber/moesgaard/"])
def test_public_partnership_pages_have_no_wcag_violations(live_server, partnership_data, browser_page, axe, path):
    response = browser_page.goto(live_server.url + path)
    assert response.status == 200
    assert browser_page.locator("h1").count() == 1
    assert violations(axe, browser_page) == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("who", "url_name", "selector"),
    [
        ("staff", "partnership_portfolio:index", ".st-portfolio"),
        ("consultant", "agreement_overview:index", ".st-agreements"),
    ],
)
def test_admin_overviews_have_no_wcag_violations(live_server, partnership_data, browser, axe, who, url_name, selector):
    context, page = new_browser_page(browser)
    try:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": partnership_data[who], "url": live_server.url}]
        )
        url = live_server.url + reverse(url_name)
        assert page.goto(url).status == 200
        assert page.url == url  # not sent to the login page
        # Our content inside the admin; Wagtail's own chrome is Wagtail's to test.
        assert violations(axe, page, context=selector) == []
    finally:
        context.close()
