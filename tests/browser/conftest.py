"""Reusable fixtures for browser tests: real headless Chromium (Debian's) through Playwright, and axe-core.

Use with pytest-django's ``live_server`` and mark tests ``@pytest.mark.browser``::

    @pytest.mark.browser
    def test_something(live_server, browser_page, axe):
        browser_page.goto(live_server.url + "/tilbud/")
        assert_no_serious_violations(axe, browser_page)

Requests to other hosts (map tiles) are blocked, so tests never touch the network.
"""

from __future__ import annotations

import os
import time
import weakref
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the test's own database calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"No Chromium at {CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH.")
    # Django keeps its connections in an asgiref Local that switches to context-local storage while an event
    # loop runs in the thread, and Playwright's sync API keeps its loop running in this thread from here on.
    # Without carrying the connections over, every later test would get new connection objects without the
    # serialized test data, so serialized_rollback restored nothing and the next test found an empty database.
    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _local_only(route) -> None:
    host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
    if host in ("localhost", "127.0.0.1", "") or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort()


class _InFlight:
    """The number of a browser context's requests under way."""

    def __init__(self, context) -> None:
        self.count = 0
        context.on("request", self._started)
        context.on("requestfinished", self._ended)
        context.on("requestfailed", self._ended)

    def _started(self, _request) -> None:
        self.count += 1

    def _ended(self, _request) -> None:
        self.count -= 1


_IN_FLIGHT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def track_requests(context):
    """Count the context's requests under way, for ``settle()``; returns the context."""
    _IN_FLIGHT[context] = _InFlight(context)
    return context


def settle(page, *, quiet_ms: int = 100, timeout: float = 15) -> None:
    """Wait until none of the page's requests (its fetches, scripts, images) has been under way for ``quiet_ms``.

    What Playwright's ``wait_for_load_state("networkidle")`` waits for, without its fixed 500 ms of quiet after
    every page, which was a tenth of the browser tests' time. The page's context must be tracked
    (``track_requests``; the contexts made here are).
    """
    in_flight = _IN_FLIGHT[page.context]
    quiet_since = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if in_flight.count:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_ms / 1000:
            return
        page.wait_for_timeout(10)  # Playwright delivers the request events meanwhile
    raise AssertionError(f"{page.url}: requests still under way after {timeout} s")


def new_browser_page(browser, *, javascript: bool = True, width: int = 1280, height: int = 900):
    # bypass_csp: Playwright's wait_for_function evaluates its expression, which the site's CSP forbids.
    context = browser.new_context(
        locale="da-DK",
        java_script_enabled=javascript,
        viewport={"width": width, "height": height},
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    track_requests(context)
    context.route("**/*", _local_only)
    return context, context.new_page()


@pytest.fixture
def browser_page(browser) -> Iterator:
    """A fresh desktop page with JavaScript."""
    context, page = new_browser_page(browser)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser) -> Iterator:
    """A fresh page on a 360 px wide screen."""
    context, page = new_browser_page(browser, width=360, height=740)
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser) -> Iterator:
    """A fresh page with JavaScript turned off."""
    context, page = new_browser_page(browser, javascript=False)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page) -> list[dict]:
    """axe-core's serious and critical violations on the page, as plain dicts."""
    results = axe.run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def assert_no_serious_violations(axe, page) -> None:
    violations = serious_violations(axe, page)
    assert violations == [], f"axe-core on {page.url}: {violations}"
