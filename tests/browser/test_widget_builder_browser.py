"""The widget builder in the admin, in real Chromium with axe-core: as a kommune consultant and as an
environment editor, every builder page (list, new, errors, saved with the snippet, delete) with no violation
of any axe rule (WCAG and best practice) at any impact, and the live preview inside it with no WCAG 2.1 A/AA
violation (as an embed it is part of the page around it, so "one <main>, one <h1>" do not apply to it).

As in the partnership and municipal browser tests, Django answers every request with the test client,
logged in as the user, inside the test's transaction (``context.route``), so Chromium gets the real admin
pages, their static files and the preview frame without a commit or a database flush.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.test import Client

from demo.factories import make_environment, make_offer
from geography.models import Municipality
from municipalities.services import create_municipal_site
from opendata.models import EmbedWidget

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

BASE = "http://testserver"
WCAG_A_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def builders(environment_index, django_user_model):
    """A Copenhagen consultant and the editor of one environment, each with offers in their scope."""
    site = create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="kbh.testserver")
    environment = make_environment(environment_index, title="Naturcenter Amager", postcode="2300")
    for number in range(3):
        make_offer(environment, title=f"Naturdag nummer {number + 1}")
    editors = Group.objects.create(name="Naturcenter Amager redaktører")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    environment.editors_group = editors
    environment.save()
    consultant = django_user_model.objects.create_user(username="kbh-konsulent", password="hemmelig-kode-1")
    consultant.groups.add(site.editors_group)
    editor = django_user_model.objects.create_user(username="natur-redaktoer", password="hemmelig-kode-1")
    editor.groups.add(editors)
    return {
        "consultant": (consultant, {"municipality": str(site.municipality_id)}),
        "editor": (editor, {"environment": str(environment.pk)}),
    }


def _static(path: str) -> tuple[int, str, bytes]:
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if not found:
        return 404, "text/plain", b""
    return 200, mimetypes.guess_type(found)[0] or "application/octet-stream", Path(found).read_bytes()


PREVIEW_PATH = "/admin/indlejring/forhaandsvisning/"


def _preview_key(query: str) -> frozenset:
    """The builder's settings in a preview URL (the template and the script encode them differently)."""
    return frozenset((name, value) for name, value in parse_qsl(query) if value)


def _serve(client: Client, pages: dict[str, HttpResponse], previews: dict[frozenset, HttpResponse]):
    """Answer Chromium from what Django rendered in the test's transaction: pages by URL, previews by their
    settings, static files. Playwright may call this on another thread, whose database connection does not
    see the test's data, so only requests that need no login (the icon sprite, translations) are rendered
    on demand."""

    def fulfill(route, response):
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=response.content)

    def handle(route, request):
        parts = urlsplit(request.url)
        if parts.netloc != "testserver":
            route.abort()
        elif request.url in pages:
            fulfill(route, pages[request.url])
        elif parts.path == PREVIEW_PATH:
            key = _preview_key(parts.query)
            if key in previews:
                fulfill(route, previews[key])
            else:
                route.fulfill(status=404, body=f"Not rendered: {sorted(key)}")
        elif parts.path.startswith(settings.STATIC_URL):
            status, content_type, body = _static(parts.path)
            route.fulfill(status=status, content_type=content_type, body=body)
        elif request.method == "GET" and parts.path in ("/admin/jsi18n/", "/admin/sprite/"):
            fulfill(route, client.get(parts.path + (f"?{parts.query}" if parts.query else "")))
        else:
            route.fulfill(status=404, body="")

    return handle


def _violations(axe, target, options=None) -> list[str]:
    """axe-core's violations (any impact), and what it could not decide but colour contrast (which it leaves
    open wherever a background is not a plain colour)."""
    results = axe.run(target, options=options)
    found = [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]
    found += [
        f"needs review: {v['id']}: {[node['target'] for node in v['nodes']][:5]}"
        for v in results.response["incomplete"]
        if v["id"] not in ("color-contrast", "frame-tested")  # frames: run on their own below
    ]
    return found


# Wagtail's messages slide and fade in (and its badges pulse): colours are measured in the end state.
FINISH_ANIMATIONS = """() => document.getAnimations()
    .filter(animation => animation.effect.getComputedTiming().iterations !== Infinity)
    .forEach(animation => animation.finish())"""
MESSAGES_SHOWN = """() => [...document.querySelectorAll('.messages > ul')]
    .every(list => !list.children.length || getComputedStyle(list).opacity === '1')"""
DESCRIBED_BY = """() => [...document.querySelectorAll('[data-widget-form] [aria-describedby]')].map(input => [
    input.name,
    input.getAttribute('aria-invalid'),
    input.getAttribute('aria-describedby').split(' ')
        .map(id => document.getElementById(id)?.textContent.trim() ?? null),
])"""


@pytest.mark.parametrize("role", ["consultant", "editor"])
def test_widget_builder_pages_have_no_wcag_violations(browser, axe, builders, role):
    user, scope = builders[role]
    client = Client()
    client.force_login(user)
    form = {"name": "Skoleintra", "heading": "Tilbud til skolerne", "limit": "6", "accent_colour": "#00529b"}
    # Rendered in the test's transaction: the list (empty), the form, the form with errors, a saved widget.
    pages = {f"{BASE}/admin/indlejring/": client.get("/admin/indlejring/")}
    pages[f"{BASE}/admin/indlejring/ny/"] = client.get("/admin/indlejring/ny/")
    errors = client.post("/admin/indlejring/ny/", {**form, "limit": "0", "accent_colour": "#ffff00"})
    assert errors.status_code == 200 and 'class="error-message"' in errors.content.decode()
    saved = client.post("/admin/indlejring/ny/", {**form, **scope})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    widget = EmbedWidget.objects.get()
    urls = {
        "list": f"{BASE}/admin/indlejring/",
        "new": f"{BASE}/admin/indlejring/ny/",
        "errors": f"{BASE}/admin/indlejring/ny/?fejl",
        "edit": f"{BASE}/admin/indlejring/{widget.pk}/",
        "list with the widget": f"{BASE}/admin/indlejring/?med-indlejring",
        "delete": f"{BASE}/admin/indlejring/{widget.pk}/slet/",
    }
    pages[urls["errors"]] = errors
    pages[urls["edit"]] = client.get(f"/admin/indlejring/{widget.pk}/")
    pages[urls["list with the widget"]] = client.get("/admin/indlejring/")
    pages[urls["delete"]] = client.get(f"/admin/indlejring/{widget.pk}/slet/")
    assert all(response.status_code == 200 for response in pages.values())
    saved_settings = {**form, **scope}
    previews = {
        _preview_key(query): client.get(f"{PREVIEW_PATH}?{query}")
        for query in ("", urlencode(saved_settings), urlencode({**saved_settings, "limit": "2"}))
    }
    assert all(response.status_code == 200 for response in previews.values())

    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    context.route("**/*", _serve(client, pages, previews))
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for name, url in urls.items():
            assert page.goto(url).status == 200, name
            page.wait_for_load_state("load")
            page.evaluate(FINISH_ANIMATIONS)
            page.wait_for_function(MESSAGES_SHOWN)
            found[name] = _violations(axe, page)  # every axe rule, WCAG and best practice
            preview = page.query_selector("iframe[data-widget-preview]")
            if preview is not None:
                frame = preview.content_frame()
                frame.wait_for_load_state("load")
                expected = "li" if name in ("edit",) else "p"
                assert frame.locator(expected).count() > 0, (name, frame.url, frame.content()[:300])
                # The embed is a part of the page around it (one <main>, one <h1> there): WCAG rules only.
                found[f"{name}: preview"] = _violations(axe, frame, WCAG_A_AA)
        # Help texts and errors are read with their field: aria-describedby names elements that exist.
        page.goto(urls["errors"])
        described = {name: (invalid, texts) for name, invalid, texts in page.evaluate(DESCRIBED_BY)}
        assert described["limit"][0] == "true" and None not in described["limit"][1]
        assert any("mindst 1" in text or "større end" in text for text in described["limit"][1]), described
        scope_field = "municipality" if role == "consultant" else "environment"
        assert described[scope_field][1][0].startswith(("Kommunens tilbud", "Eller ét læringsmiljø"))
        assert all(None not in texts for _invalid, texts in described.values()), described
        # The live preview follows the form without saving: pick 2 offers, the frame shows 2 cards.
        page.goto(urls["edit"])
        frame = page.query_selector("iframe[data-widget-preview]").content_frame()
        frame.wait_for_selector("li")
        page.fill("#id_limit", "2")
        page.wait_for_function(
            "document.querySelector('iframe[data-widget-preview]').contentDocument.querySelectorAll('li').length === 2"
        )
        found["edit: preview after a change"] = _violations(
            axe, page.query_selector("iframe").content_frame(), WCAG_A_AA
        )
        # The copy button says what it did, in a status region a screen reader announces.
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.click("[data-copy-snippet]")
        page.wait_for_function("document.querySelector('[data-copy-status]').textContent !== ''")
        assert page.inner_text("[data-copy-status]") == "Koden er kopieret."
    finally:
        context.close()
    assert found == {name: [] for name in found}
