"""The embeddable widget on a plain HTML page of another website (another origin), in real Chromium.

The host page is served by a real HTTP server on its own port (127.0.0.1:8181); the widget is rendered
by Django inside the test's transaction and answered for 127.0.0.1:8180 through Playwright's routing
(with its real headers), so the iframe is a genuine cross-origin frame. Every request the page makes is
recorded: nothing may go to a third party.
"""

from __future__ import annotations

import http.server
import threading
from functools import partial
from urllib.parse import urlsplit

import pytest

from geography.models import Municipality
from municipalities.services import create_municipal_site
from opendata.models import EmbedWidget
from tests.browser.conftest import CHROMIUM_ARGS, assert_no_serious_violations  # noqa: F401
from tests.conftest import make_environment, make_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

HOST_PORT, WIDGET_ORIGIN = 8181, "http://127.0.0.1:8180"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def host_site(tmp_path):
    """A plain website on another origin, served by Python's HTTP server."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", HOST_PORT), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{HOST_PORT}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def widget(environment_index, settings):
    settings.ALLOWED_HOSTS = ["*"]
    site = create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="127.0.0.1")
    environment = make_environment(environment_index, title="Naturcenter Amager", postcode="2300")
    for number in range(8):
        make_offer(environment, title=f"Naturdag nummer {number + 1}")
    return EmbedWidget.objects.create(
        name="Skoleintra", heading="Tilbud til Københavns skoler", municipality=site.municipality, limit=6
    )


def _serve_widget(rendered, requests):
    """Answer the widget's origin with the response Django rendered in the test's transaction (Playwright's
    callbacks may run on another thread, which would not see the test's uncommitted data)."""

    def handle(route, request):
        requests.append(request.url)
        parts = urlsplit(request.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin == f"http://127.0.0.1:{HOST_PORT}":
            route.continue_()
        elif origin == WIDGET_ORIGIN:
            response = rendered.get(parts.path)
            if response is None:
                route.fulfill(status=404, body="")
            else:
                route.fulfill(status=response.status_code, headers=dict(response.items()), body=response.content)
        else:
            route.abort()

    return handle


@pytest.mark.parametrize("width", [1280, 360])
def test_widget_on_another_origin_is_accessible_responsive_and_self_contained(
    client, browser, axe, host_site, widget, width
):
    folder, host_url = host_site
    snippet = (
        f'<iframe src="{WIDGET_ORIGIN}/widget/{widget.key}/" title="Tilbud til Københavns skoler – Skoletjenesten" '
        'loading="lazy" style="width:100%;max-width:100%;height:640px;border:0"></iframe>'
    )
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html lang="da"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Skolens intranet</title></head>'
        f"<body><main><h1>Velkommen på skolens intranet</h1>{snippet}</main></body></html>",
        encoding="utf-8",
    )
    requests: list[str] = []
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 900})
    path = f"/widget/{widget.key}/"
    rendered = {path: client.get(path, HTTP_HOST="127.0.0.1:8180")}
    assert rendered[path].status_code == 200
    context.route("**/*", _serve_widget(rendered, requests))
    try:
        page = context.new_page()
        assert page.goto(host_url + "/index.html").status == 200
        frame_element = page.wait_for_selector("iframe")
        frame = frame_element.content_frame()
        frame.wait_for_load_state()
        assert frame.url.startswith(WIDGET_ORIGIN), (frame.url, requests)
        assert frame.locator("li").count() > 0, (frame.content()[:500], requests)
        assert frame.locator("li").count() == 6
        assert "8 tilbud" in frame.locator(".count").inner_text()
        first = frame.locator("li h3 a").first
        assert first.get_attribute("href").startswith("http://testserver/laeringsmiljoer/")  # the platform
        assert first.get_attribute("target") == "_top"
        # Responsive: no horizontal scrolling inside the frame, cards in one column on a phone.
        assert frame.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        boxes = [frame.locator("li").nth(i).bounding_box() for i in range(2)]
        if width == 360:
            assert boxes[0]["x"] == boxes[1]["x"]
        else:
            assert boxes[0]["y"] == boxes[1]["y"]
        # Accessible: axe-core (WCAG 2.1 A/AA) on the host page and inside the widget frame.
        assert_no_serious_violations(axe, page)
        results = axe.run(frame, options=WCAG_AA)
        violations = [(v["id"], v["impact"]) for v in results.response["violations"]]
        assert violations == [], violations
        # Keyboard: the links are reachable with Tab from the host page.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert frame.evaluate("document.activeElement.tagName") == "A"
        # Nothing from a third party: only the host page's origin and the widget's.
        origins = {"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in requests}
        assert origins <= {host_url, WIDGET_ORIGIN}, origins
        navigations = [url for url in requests if WIDGET_ORIGIN in url]
        assert navigations == [f"{WIDGET_ORIGIN}/widget/{widget.key}/"]  # one request: no CSS, fonts or scripts
    finally:
        context.close()
