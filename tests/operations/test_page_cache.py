"""The whole-page cache for anonymous visitors (operations.pagecache): fast repeats, changes visible at once.

Tests roll back instead of committing, so a write's "after commit" work (the new content version) runs
inside ``django_capture_on_commit_callbacks(execute=True)``, as it would after a real commit.
"""

from __future__ import annotations

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.auth import get_user_model
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

from demo.factories import make_offer
from geography.models import Municipality
from municipalities.models import MunicipalSiteSettings
from municipalities.services import create_municipal_site
from offers.models import OfferPage
from operations import pagecache

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:6390/0"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    Site.clear_site_root_paths_cache()
    pagecache.bump_content_version()  # nothing cached by an earlier (rolled back) test is reachable
    yield
    Site.clear_site_root_paths_cache()


@pytest.fixture
def kommune_home(national_site):
    municipal_site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    return municipal_site.site.root_page.specific


def public_urls(offer, kommune_home) -> list[str]:
    return [
        "/",
        "/tilbud/",
        "/tilbud/?q=vandhullet&klassetrin=3-klasse",
        offer.url,
        offer.environment.url,
        "/kommuner/",
        "/kommuner/aarhus/",
        "/kommuner/aarhus/tilbud/",
    ]


def test_an_anonymous_repeat_is_served_from_the_cache_without_the_database(
    client, offer, kommune_home, page_cache, django_assert_num_queries
):
    for url in public_urls(offer, kommune_home):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, url
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content, url
        assert "Cookie" in second["Vary"] and "no-cache" in second["Cache-Control"], url
    assert offer.title in client.get("/tilbud/?q=vandhullet&klassetrin=3-klasse").content.decode()


SECURITY_HEADERS = ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "X-Frame-Options")


def test_a_hit_runs_no_other_middleware_and_keeps_their_headers(client, offer, page_cache, monkeypatch):
    """A hit costs a cache read: the security, session, auth and site middleware do not run for it."""
    first = client.get(offer.url)
    assert first["X-Page-Cache"] == "miss"
    calls = []
    for middleware in (CSPMiddleware, SessionMiddleware):
        original = middleware.process_request

        def spy(self, request, original=original, name=middleware.__name__):
            calls.append(name)
            return original(self, request)

        monkeypatch.setattr(middleware, "process_request", spy)
    second = client.get(offer.url)
    assert second["X-Page-Cache"] == "hit"
    assert calls == []
    for name in SECURITY_HEADERS:
        assert second[name] == first[name], name
    assert second["X-Content-Type-Options"] == "nosniff"


def test_the_query_string_and_the_search_fragment_are_separate_pages(client, offer, page_cache):
    whole = client.get("/tilbud/?q=vandhullet")
    other = client.get("/tilbud/?q=skoven")
    fragment = client.get("/tilbud/?q=vandhullet", headers={"X-Search-Partial": "1"})
    assert (whole["X-Page-Cache"], other["X-Page-Cache"], fragment["X-Page-Cache"]) == ("miss", "miss", "miss")
    assert b"<html" in whole.content and b"<html" not in fragment.content
    assert "X-Search-Partial" in whole["Vary"]
    again = client.get("/tilbud/?q=vandhullet", headers={"X-Search-Partial": "1"})
    assert again["X-Page-Cache"] == "hit" and again.content == fragment.content


def test_a_browser_revalidates_and_gets_not_modified(client, offer, page_cache):
    etag = client.get(offer.url)["ETag"]
    response = client.get(offer.url, headers={"If-None-Match": etag})
    assert response.status_code == 304 and response["ETag"] == etag


def test_a_publish_shows_at_once(client, admin_client, offer, page_cache, django_capture_on_commit_callbacks):
    client.get(offer.url)
    client.get("/tilbud/?q=vandhullet")
    assert client.get(offer.url)["X-Page-Cache"] == "hit"

    # An editor publishes a new title in the admin.
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data["title"] = "Liv i vandhullet – nu med tusindben"
    data["action-publish"] = "action-publish"
    for name in ("is_free", "use_environment_location", "step_free_access", "special_needs_adapted"):
        if getattr(offer, name):
            data[name] = "on"
        else:
            data.pop(name, None)
    data.setlist("sdgs", [str(pk) for pk in offer.sdgs.values_list("pk", flat=True)])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302

    page = client.get(offer.url)
    assert page["X-Page-Cache"] == "miss"
    assert "nu med tusindben" in page.content.decode()
    assert "nu med tusindben" in client.get("/tilbud/?q=vandhullet").content.decode()


def test_unpublishing_and_a_new_offer_show_at_once(
    client, offer, environment, page_cache, django_capture_on_commit_callbacks
):
    assert client.get(offer.url).status_code == 200
    assert offer.title in client.get("/tilbud/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        offer.unpublish()
    assert client.get(offer.url).status_code == 404
    assert offer.title not in client.get("/tilbud/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        newcomer = make_offer(environment, title="Frøer og tudser i mosen")
    assert newcomer.title in client.get("/tilbud/").content.decode()
    assert newcomer.title in client.get(environment.url).content.decode()


def test_a_kommune_setting_shows_at_once(client, kommune_home, page_cache, django_capture_on_commit_callbacks):
    client.get("/kommuner/aarhus/")
    assert client.get("/kommuner/aarhus/")["X-Page-Cache"] == "hit"
    settings_row = MunicipalSiteSettings.for_site(kommune_home.get_site())
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.display_name = "Aarhus Kommunes Åben Skole"
        settings_row.save()
    assert "Aarhus Kommunes Åben Skole" in client.get("/kommuner/aarhus/").content.decode()


def test_signed_in_editors_are_never_served_or_stored(client, admin_client, offer, page_cache):
    anonymous = client.get(offer.url)
    assert anonymous["X-Page-Cache"] == "miss"
    for _ in range(2):
        editor = admin_client.get(offer.url)
        assert editor.status_code == 200
        assert "X-Page-Cache" not in editor
        assert "Cookie" in editor.get("Vary", "")
    # What the editor saw (with Wagtail's user bar) was not stored for visitors either.
    assert client.get(offer.url).content == anonymous.content
    assert b"wagtail-userbar" not in anonymous.content


def test_posts_forms_messages_and_errors_are_never_cached(client, offer, page_cache):
    environment = offer.environment
    environment.takes_platform_requests = True
    environment.save()
    offer.takes_platform_requests = True
    offer.save()
    form_url = f"{offer.url}foresporgsel/"
    form = client.get(form_url)
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    for url in [form_url, "/findes-ikke/", offer.url + "findes-ikke/"]:
        client.get(url)
        assert client.get(url).get("X-Page-Cache") != "hit", url

    assert client.post("/tilbud/", {"q": "x"}).get("X-Page-Cache") is None
    # A visitor with a message waiting (the messages cookie) gets the page rendered for them.
    client.get(offer.url)
    client.cookies["messages"] = "x"
    assert client.get(offer.url).get("X-Page-Cache") is None


def test_page_views_are_counted_on_hits_too(client, offer, page_cache, monkeypatch):
    counted: list[list[str]] = []
    monkeypatch.setattr("usage.counters.counter.add", lambda fields: counted.append(fields) or True)
    for _ in range(3):
        client.get(offer.url)
    assert len(counted) == 3 and counted[0] == counted[2]


def test_pages_serve_uncached_when_redis_is_down(client, offer, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": dict(settings.CACHES["default"], LOCATION=DEAD_REDIS)}
    Site.clear_site_root_paths_cache()
    for url in ["/", "/tilbud/?q=vandhullet", offer.url, offer.environment.url, "/kommuner/"]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["X-Page-Cache"] == "bypass", url
    assert offer.title in client.get("/tilbud/?q=vandhullet").content.decode()
    Site.clear_site_root_paths_cache()


def test_a_change_made_while_redis_is_down_shows_once_it_is_back(
    client, offer, page_cache, settings, django_capture_on_commit_callbacks
):
    working = settings.CACHES
    client.get(offer.url)
    assert client.get(offer.url)["X-Page-Cache"] == "hit"
    settings.CACHES = {"default": dict(working["default"], LOCATION=DEAD_REDIS)}
    with django_capture_on_commit_callbacks(execute=True):
        offer.title = "Liv i vandhullet – skrevet mens Redis var nede"
        offer.save_revision().publish()
    assert "skrevet mens Redis var nede" in client.get(offer.url).content.decode()  # uncached
    settings.CACHES = working
    response = client.get(offer.url)
    assert response["X-Page-Cache"] == "miss"
    assert "skrevet mens Redis var nede" in response.content.decode()


def test_a_second_client_gets_the_first_clients_page(offer, page_cache):
    Client().get(offer.url)
    assert Client().get(offer.url)["X-Page-Cache"] == "hit"
    assert get_user_model().objects.count() == 0
    assert OfferPage.objects.live().count() == 1
