"""Shared fixtures. Tests run against real PostgreSQL (DATABASE_URL or the embedded one) and Redis."""

from __future__ import annotations

import pytest
from django.db import connections
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Site

from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from offers.models import LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferPage
from tests.snapshot import WrittenRows  # importing it makes transactional tests reset the database by COPY

pytest_plugins = ["tests.parallel"]  # pytest-xdist: one database per worker, cloned from a migrated template


@pytest.fixture(scope="session")
def national_site_rows(django_db_setup, django_db_blocker) -> WrittenRows:
    with django_db_blocker.unblock():
        return WrittenRows(lambda: ensure_national_site(hostname="testserver"))


@pytest.fixture
def national_site(national_site_rows, db):
    home = national_site_rows.fetch() or ensure_national_site(hostname="testserver")
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


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def pytest_collection_modifyitems(items):
    """Every transactional test (live server, real worker) restores the migrated data before itself.

    A plain flush would leave Wagtail's roots gone and the reference data reloaded under new ids,
    so the next test that restores the serialized database would collide with it.
    """
    for item in items:
        if _transactional(item) and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


# A transactional test leaves its worker's database flushed (empty). pytest-django runs those tests last, but
# under xdist's worksteal a worker can take ordinary tests from the other after them: they found no reference
# data and no page tree (a ValidationError in a fixture, once in a run). The migrated data is put back first.
_flushed = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    global _flushed
    if _flushed and not _transactional(item) and "db" in item.fixturenames:
        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
        _flushed = False
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    global _flushed
    try:
        return (yield)
    finally:
        if _transactional(item):
            _flushed = True
