"""Shared fixtures. Tests run against real PostgreSQL (DATABASE_URL or the embedded one) and Redis."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from curriculum.models import Grade, Subject, SubjectArea
from geography.models import Postcode
from home.services import ensure_national_site
from offers.models import EnvironmentType, LearningEnvironmentIndexPage, LearningEnvironmentPage, OfferFormat, OfferPage


@pytest.fixture
def national_site(db):
    home = ensure_national_site(hostname="testserver")
    return Site.objects.get(root_page=home)


@pytest.fixture
def environment_index(national_site) -> LearningEnvironmentIndexPage:
    return LearningEnvironmentIndexPage.objects.get()


def make_environment(index: LearningEnvironmentIndexPage, *, title="Naturcenter Vestamager", postcode="2300", **kwargs):
    environment = LearningEnvironmentPage(
        title=title,
        environment_type=kwargs.pop("environment_type", None) or EnvironmentType.objects.get(slug="naturcenter"),
        street_address=kwargs.pop("street_address", "Granatvej 3"),
        postcode=Postcode.lookup(postcode),
        description=kwargs.pop("description", "<p>Natur for alle klassetrin.</p>"),
        **kwargs,
    )
    index.add_child(instance=environment)
    return environment


def make_offer(
    environment: LearningEnvironmentPage, *, title="Liv i vandhullet", grades=("3-klasse", "6-klasse"), **kwargs
):
    subjects = kwargs.pop("subjects", ["natur-teknologi"])
    areas = kwargs.pop("subject_areas", ["naturfag-og-naturvidenskab"])
    offer = OfferPage(
        title=title,
        teaser=kwargs.pop("teaser", "Eleverne fanger smådyr og undersøger vandkvalitet."),
        description=kwargs.pop("description", "<p>En dag ved vandhullet med ketsjere og lupper.</p>"),
        grade_from=Grade.objects.get(slug=grades[0]),
        grade_to=Grade.objects.get(slug=grades[1]),
        formats=kwargs.pop("formats", [OfferFormat.AT_ENVIRONMENT]),
        months=kwargs.pop("months", [5, 6, 8, 9]),
        is_free=kwargs.pop("is_free", True),
        **kwargs,
    )
    environment.add_child(instance=offer)
    offer.subjects.set(Subject.objects.filter(slug__in=subjects))
    offer.subject_areas.set(SubjectArea.objects.filter(slug__in=areas))
    offer.save()
    return offer


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
