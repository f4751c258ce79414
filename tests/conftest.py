"""Shared fixtures. Tests run against real PostgreSQL (DATABASE_URL or the embedded one) and Redis."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from offers.models import LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferPage

pytest_plugins = ["tests.parallel"]  # pytest-xdist: one database per worker, cloned from a migrated template


@pytest.fixture
def national_site(db):
    home = ensure_national_site(hostname="testserver")
    return Site.objects.get(root_page=home)


@pytest.fixture
def environment_index(national_site) -> LearningEnvironmentIndexPage:
    return LearningEnvironmentIndexPage.objects.get()


@pytest.fixture
def environment(environment_index) -> LearningEnvironmentPage:
    return make_environment(environment_index)


@pytest.fixture
def offer(environment) -> OfferPage:
    return make_offer(environment)


def pytest_collection_modifyitems(items):
    """Every transactional test (live server, real worker) restores the migrated data after itself.

    A plain flush would leave Wagtail's roots gone and the reference data reloaded under new ids,
    so the next test that restores the serialized database would collide with it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in item.fixturenames or "live_server" in item.fixturenames
        if marker is not None and marker.kwargs.get("transaction"):
            transactional = True
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")
