"""Fixtures for booking requests: environments taking requests, their editors, and a teacher's request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from bookings import services
from curriculum.models import Grade
from geography.models import Municipality, Postcode
from municipalities.services import create_municipal_site
from skoletjenesten.celery import app as celery_app
from tests.conftest import make_environment, make_offer


@pytest.fixture(autouse=True)
def clean_state():
    """Rate-limit counters live in Redis and site root paths are cached there: start every test clean."""
    cache.clear()
    Site.clear_site_root_paths_cache()
    yield
    cache.clear()
    Site.clear_site_root_paths_cache()


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process when queued (on commit), so mails land in Django's locmem outbox."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = False


def make_editors(django_user_model, environment, username: str):
    """The environment's editors' group (as the environments' service will make it) with one editor."""
    group = Group.objects.create(name=f"Læringsmiljø: {environment.title}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    environment.editors_group = group
    environment.save(update_fields=["editors_group"])
    user = django_user_model.objects.create_user(
        username=username, password="hemmelig-kode-1", email=f"{username}@x.dk"
    )
    user.groups.add(group)
    return user


def platform_environment(index, **kwargs):
    environment = make_environment(index, **kwargs)
    environment.takes_platform_requests = True
    environment.save()
    return environment


@pytest.fixture
def environment_a(environment_index):
    return platform_environment(environment_index, title="Amager Naturcenter", postcode="2300")


@pytest.fixture
def environment_b(environment_index):
    return platform_environment(environment_index, title="Kunsthal Aarhus", postcode="8000")


@pytest.fixture
def offer_a(environment_a):
    return make_offer(environment_a, title="Liv i vandhullet", group_size_min=10, group_size_max=30)


@pytest.fixture
def offer_b(environment_b):
    return make_offer(environment_b, title="Moderne kunst", group_size_max=28)


@pytest.fixture
def editor_a(django_user_model, environment_a):
    return make_editors(django_user_model, environment_a, "redaktoer-a")


@pytest.fixture
def editor_b(django_user_model, environment_b):
    return make_editors(django_user_model, environment_b, "redaktoer-b")


def make_request(offer, *, email="lærer@skole.dk", school="Sundby Skole", postcode="2300", **kwargs):
    return services.create_request(
        offer=offer,
        school_name=school,
        school_postcode=Postcode.lookup(postcode),
        teacher_name=kwargs.pop("teacher_name", "Mette Hansen"),
        email=email,
        phone=kwargs.pop("phone", "+45 12 34 56 78"),
        grade=kwargs.pop("grade", None) or Grade.objects.get(slug="5-klasse"),
        pupils=kwargs.pop("pupils", 24),
        preferred_dates=kwargs.pop("preferred_dates", [timezone.localdate() + timedelta(days=30)]),
        flexible=kwargs.pop("flexible", False),
        message=kwargs.pop("message", "Vi glæder os."),
    )


@pytest.fixture
def aarhus_kommune_site(national_site):
    return create_municipal_site(municipality=Municipality.objects.get(code="0751"))


@pytest.fixture
def aarhus_consultant(django_user_model, aarhus_kommune_site):
    user = django_user_model.objects.create_user(
        username="aarhus-konsulent", password="hemmelig-kode-1", email="k@aarhus.dk"
    )
    user.groups.add(aarhus_kommune_site.editors_group)
    return user


@pytest.fixture
def kommune_environment(aarhus_kommune_site):
    """A learning environment the kommune organises itself (under the kommune's home page)."""
    home = aarhus_kommune_site.site.root_page.specific
    return platform_environment(home, title="Aarhus Kommunes virksomhedsbesøg", postcode="8000")


@pytest.fixture
def kommune_offer(kommune_environment):
    return make_offer(kommune_environment, title="Besøg på havnen")
