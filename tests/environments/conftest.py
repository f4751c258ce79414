"""Fixtures for environment editors: two national environments with editors, a kommune's own organiser,
the national editorial team and a kommune consultant as reviewers."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail.test.utils.form_data import querydict_from_html

from environments.services import (
    NATIONAL_REVIEWERS_GROUP,
    ensure_national_review_workflow,
    provision_environment_editors,
)
from geography.models import Municipality, Postcode
from home.models import HomePage
from municipalities.services import create_municipal_site
from offers.models import EnvironmentType, LearningEnvironmentIndexPage, LearningEnvironmentPage

from ..conftest import make_environment, make_offer
from ..snapshot import WrittenRows

PASSWORD = "hemmelig-kode-1"


@pytest.fixture(autouse=True)
def fresh_site_root_paths():
    Site.clear_site_root_paths_cache()
    yield
    Site.clear_site_root_paths_cache()


class CommitClient(Client):
    """A test client whose requests run their on-commit callbacks (e-mails sent after the commit), as
    outside a test transaction."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommitClient()


def make_user(django_user_model, username: str, *groups: Group):
    user = django_user_model.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.dk")
    user.groups.add(*groups)
    return user


@pytest.fixture(scope="session")
def world_rows(national_site_rows, django_db_blocker):
    """The world's rows, built once per worker on the national site's (tests/snapshot.py)."""
    with django_db_blocker.unblock():
        return WrittenRows(
            lambda: build_world(get_user_model(), LearningEnvironmentIndexPage.objects.get()), on=national_site_rows
        )


@pytest.fixture
def world(world_rows, django_user_model, environment_index):
    """Two national environments (A and B) with editors, offers, a draft, images and documents;
    Aarhus's site with its own organiser and that organiser's editor; reviewers."""
    return world_rows.fetch() or build_world(django_user_model, environment_index)


def build_world(django_user_model, environment_index) -> dict:
    ensure_national_review_workflow()
    w = {}
    for key, title, postcode in (("a", "Naturcenter Amager", "2300"), ("b", "Museum Bornholm", "3700")):
        environment = make_environment(environment_index, title=title, postcode=postcode)
        editorial = provision_environment_editors(environment=environment)
        w[f"env_{key}"] = environment
        w[f"offer_{key}"] = make_offer(environment, title=f"Tilbud {key.upper()}")
        draft = make_offer(environment, title=f"Hemmelig kladde {key.upper()}")
        draft.unpublish()
        w[f"draft_{key}"] = draft
        w[f"editor_{key}"] = make_user(django_user_model, f"redaktoer-{key}", environment.editors_group)
        w[f"collection_{key}"] = editorial.collection
        w[f"image_{key}"] = Image.objects.create(
            title=f"Billede {key.upper()}", file=get_test_image_file(), collection=editorial.collection
        )
        w[f"document_{key}"] = Document.objects.create(
            title=f"Dokument {key.upper()}",
            file=SimpleUploadedFile(f"dokument-{key}.txt", b"indhold"),
            collection=editorial.collection,
        )
    municipal_site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    w["kommune_site"] = municipal_site
    w["kommune_home"] = municipal_site.site.root_page.specific
    organiser = LearningEnvironmentPage(
        title="Aarhus Kommune – virksomhedsbesøg",
        environment_type=EnvironmentType.objects.get(slug="virksomhed"),
        street_address="Rådhuspladsen 2",
        postcode=Postcode.lookup("8000"),
    )
    w["kommune_home"].add_child(instance=organiser)
    provision_environment_editors(environment=organiser)
    w["env_k"] = organiser
    w["offer_k"] = make_offer(organiser, title="Besøg på vindmøllefabrikken")
    w["editor_k"] = make_user(django_user_model, "redaktoer-k", organiser.editors_group)
    w["consultant"] = make_user(django_user_model, "aarhus-konsulent", municipal_site.editors_group)
    w["reviewer"] = make_user(django_user_model, "redaktion", Group.objects.get(name=NATIONAL_REVIEWERS_GROUP))
    w["superuser"] = django_user_model.objects.create_superuser("admin", "admin@example.dk", PASSWORD)
    w["national_home"] = HomePage.objects.get()
    w["index"] = environment_index
    return w


def edit_form(client, page):
    """The page's edit form as the browser would post it."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    specific = page.specific
    for name in ("is_free", "use_environment_location", "step_free_access", "special_needs_adapted"):
        if getattr(specific, name, False):
            data[name] = "on"
        else:
            data.pop(name, None)
    if hasattr(specific, "sdgs"):
        data.setlist("sdgs", [str(pk) for pk in specific.sdgs.values_list("pk", flat=True)])
    return url, data


def is_denied(response) -> bool:
    """Wagtail refuses with 403, or (for some views) by redirecting to the dashboard with a message."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )
