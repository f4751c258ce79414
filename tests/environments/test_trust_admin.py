"""Trust through the admin: a staff member marks an environment trusted on its "Læringsmiljøernes
redaktioner" entry, and from then on its editors publish directly; untrusted again, they can only submit
for moderation. Checked through the admin as those users (the snippet edit form and the page edit view)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from environments.models import EnvironmentEditorial
from offers.models import OfferPage

from .conftest import PASSWORD, edit_form, is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(django_user_model, world):
    user = django_user_model.objects.create_user(username="stab", password=PASSWORD, email="stab@example.dk")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_environmenteditorial"),
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(world):
    client = Client()
    client.force_login(world["editor_a"])
    return client


def set_trust_in_admin(staff_client, environment, *, trusted: bool):
    editorial = EnvironmentEditorial.objects.get(environment=environment)
    url = reverse("wagtailsnippets_environments_environmenteditorial:edit", args=[editorial.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="trusted"' in html
    data = querydict_from_html(html, form_id="w-editor-form")
    if trusted:
        data["trusted"] = "on"
    else:
        data.pop("trusted", None)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return EnvironmentEditorial.objects.get(pk=editorial.pk)


def publish_as_editor(editor_client, offer, title: str):
    url, data = edit_form(editor_client, offer)
    data["title"] = title
    data["action-publish"] = "1"
    return editor_client.post(url, data)


def test_staff_trust_an_environment_in_the_admin_and_its_editor_publishes_directly(staff_client, editor_client, world):
    offer = world["offer_a"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    html = editor_client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html

    assert set_trust_in_admin(staff_client, world["env_a"], trusted=True).trusted

    html = editor_client.get(edit_url).content.decode()
    assert 'name="action-publish"' in html
    response = publish_as_editor(editor_client, offer, "Tilbud A – udgivet af redaktøren")
    assert response.status_code == 302
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.live and offer.title == "Tilbud A – udgivet af redaktøren"
    assert not WorkflowState.objects.filter(object_id=str(offer.pk)).exists()
    # Trust is per environment: B's editor still only submits.
    other = Client()
    other.force_login(world["editor_b"])
    assert (
        'name="action-publish"'
        not in other.get(reverse("wagtailadmin_pages:edit", args=[world["offer_b"].pk])).content.decode()
    )


def test_staff_withdraw_trust_in_the_admin_and_the_editor_submits_for_moderation_again(
    staff_client, editor_client, world
):
    set_trust_in_admin(staff_client, world["env_a"], trusted=True)
    assert not set_trust_in_admin(staff_client, world["env_a"], trusted=False).trusted

    offer = world["offer_a"]
    publish_as_editor(editor_client, offer, "Tilbud A – forsøg på at udgive")
    assert OfferPage.objects.get(pk=offer.pk).title == "Tilbud A"  # nothing published
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk])).content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html
    url, data = edit_form(editor_client, offer)
    data["title"] = "Tilbud A – til godkendelse"
    data["action-submit"] = "1"
    assert editor_client.post(url, data).status_code == 302
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.workflow_in_progress and offer.title == "Tilbud A"


def test_an_editor_cannot_trust_their_own_environment(editor_client, world):
    editorial = EnvironmentEditorial.objects.get(environment=world["env_a"])
    url = reverse("wagtailsnippets_environments_environmenteditorial:edit", args=[editorial.pk])
    assert is_denied(editor_client.get(url))
    assert is_denied(editor_client.post(url, {"trusted": "on"}))
    assert not EnvironmentEditorial.objects.get(pk=editorial.pk).trusted
