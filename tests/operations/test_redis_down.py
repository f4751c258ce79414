"""With Redis stopped, the site and the admin keep working (slower, uncached).

The test points the cache at an address where nothing listens (never stopping the shared Redis).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

from offers.models import OfferPage

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:6390/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": dict(settings.CACHES["default"], LOCATION=DEAD_REDIS)}  # the configured backend
    settings.OFFER_SEARCH_CACHE_SECONDS = 300  # the facet cache on, as in production
    settings.REDIS_URL = DEAD_REDIS
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


def test_the_cache_is_one_that_degrades(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert settings.CACHES["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


def test_public_pages_and_search_serve_without_redis(client, offer, redis_down):
    for url in ["/", "/tilbud/", "/tilbud/?q=vandhullet", offer.url, offer.get_parent().url, "/kommuner/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert offer.title in client.get("/tilbud/?q=vandhullet").content.decode()
    assert client.get("/healthz/").status_code == 503  # the health check tells the operator


def test_admin_sign_in_and_saving_an_offer_work_without_redis(client, offer, redis_down):
    get_user_model().objects.create_superuser("redaktor", "redaktor@example.dk", "hemmelig-kode-1")
    response = client.post(reverse("wagtailadmin_login"), {"username": "redaktor", "password": "hemmelig-kode-1"})
    assert response.status_code == 302  # the session lives in the database too
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["title"] = "Liv i vandhullet – nu med tusindben"
    data["action-publish"] = "action-publish"
    for name in ("is_free", "use_environment_location", "step_free_access", "special_needs_adapted"):
        if getattr(offer, name):
            data[name] = "on"
        else:
            data.pop(name, None)
    data.setlist("sdgs", [str(pk) for pk in offer.sdgs.values_list("pk", flat=True)])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OfferPage.objects.get(pk=offer.pk).title == "Liv i vandhullet – nu med tusindben"
