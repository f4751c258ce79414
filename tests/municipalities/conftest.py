"""Fixtures for municipal sites: two kommuner with sites and consultants, and a national editor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Site

from geography.models import Municipality
from home.models import HomePage
from municipalities.models import MunicipalSite
from municipalities.services import create_municipal_site
from tests.snapshot import WrittenRows

AARHUS, ODENSE = "0751", "0461"


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    """Wagtail caches the sites' root paths in Redis, which outlives each test's rolled-back sites."""
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


def make_municipal_site(code: str, *, hostname: str | None = None) -> MunicipalSite:
    return create_municipal_site(municipality=Municipality.objects.get(code=code), hostname=hostname)


def make_consultant(django_user_model, municipal_site: MunicipalSite, username: str):
    user = django_user_model.objects.create_user(
        username=username, password="hemmelig-kode-1", email=f"{username}@x.dk"
    )
    user.groups.add(municipal_site.editors_group)
    return user


def site_rows(code: str, national_site_rows, django_db_blocker) -> WrittenRows:
    """A kommune site's rows, built once per worker on the national site's (tests/snapshot.py)."""
    with django_db_blocker.unblock():
        return WrittenRows(lambda: make_municipal_site(code), on=national_site_rows)


def site_from(rows: WrittenRows, code: str) -> MunicipalSite:
    """The kommune site by COPY where the tables are as the national site left them, else made now (the
    second of two sites in a test)."""
    return rows.fetch() or make_municipal_site(code)


@pytest.fixture(scope="session")
def aarhus_site_rows(national_site_rows, django_db_blocker):
    return site_rows(AARHUS, national_site_rows, django_db_blocker)


@pytest.fixture(scope="session")
def odense_site_rows(national_site_rows, django_db_blocker):
    return site_rows(ODENSE, national_site_rows, django_db_blocker)


@pytest.fixture
def aarhus_site(national_site, aarhus_site_rows) -> MunicipalSite:
    return site_from(aarhus_site_rows, AARHUS)


@pytest.fixture
def odense_site(national_site, odense_site_rows) -> MunicipalSite:
    return site_from(odense_site_rows, ODENSE)


@pytest.fixture
def aarhus_consultant(django_user_model, aarhus_site):
    return make_consultant(django_user_model, aarhus_site, "aarhus-konsulent")


@pytest.fixture
def odense_consultant(django_user_model, odense_site):
    return make_consultant(django_user_model, odense_site, "odense-konsulent")


@pytest.fixture
def national_editor(django_user_model, national_site):
    """A Skoletjenesten editor: page permissions on the national tree only."""
    group = Group.objects.create(name="Nationale redaktører")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    home = HomePage.objects.get()
    for action in ("add", "change", "publish", "lock", "unlock"):
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=f"{action}_page")
        )
    user = django_user_model.objects.create_user(username="redaktoer", password="hemmelig-kode-1")
    user.groups.add(group)
    return user


def home_of(municipal_site: MunicipalSite) -> Page:
    return municipal_site.site.root_page.specific


def is_denied(response) -> bool:
    """Wagtail refuses with 403, or (for some views) by redirecting to the dashboard with a message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))
