"""Wagtail's autosave posts a new page's add form in the background; a click on "Send til godkendelse"
while that post is under way posts the same add form again. The second post edits the page the first
made: never a second page, a slug error or a 500 (operations.page_creation)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from curriculum.models import Grade, SubjectArea
from offers.models import LearningEnvironmentPage, OfferFormat, OfferPage

JSON = {"Accept": "application/json"}


def add_form(client, environment, title):
    url = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", environment.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    grades = list(Grade.objects.order_by("position"))
    data["title"] = title
    data["slug"] = "besoeg-i-skoven"  # as Wagtail's script fills it in from the title
    data["teaser"] = "Eleverne undersøger skovbunden."
    data["grade_from"] = str(grades[3].pk)
    data["grade_to"] = str(grades[5].pk)
    data.setlist("subjects", [])
    data.setlist("sdgs", [])
    data.setlist("subject_areas", [str(SubjectArea.objects.order_by("pk").first().pk)])
    data.setlist("formats", [OfferFormat.values[0]])
    data["use_environment_location"] = "on"
    return url, data


def offers_in_the_woods(environment):
    return list(OfferPage.objects.child_of(environment).filter(slug__startswith="besoeg-i-skoven"))


@pytest.mark.django_db
def test_submit_after_the_autosave_made_the_page_submits_that_page(client, world):
    client.force_login(world["editor_a"])
    url, data = add_form(client, world["env_a"], "Besøg i skoven")
    assert data.get("page_creation_token")
    autosave = client.post(url, data, headers=JSON)
    assert autosave.status_code == 200 and autosave.json()["success"]
    (page,) = offers_in_the_woods(world["env_a"])

    data["title"] = "Besøg i skoven og ved søen"
    data["action-submit"] = "1"
    response = client.post(url, data)  # the same add form, posted again by the click

    assert response.status_code == 302, response.content.decode()[:2000]
    (offer,) = offers_in_the_woods(world["env_a"])
    assert offer.pk == page.pk
    assert offer.get_latest_revision_as_object().title == "Besøg i skoven og ved søen"
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_another_users_token_makes_its_own_page(client, world, django_user_model):
    """The token only joins posts of one user: another user's post with it is an ordinary add."""
    client.force_login(world["editor_a"])
    url, data = add_form(client, world["env_a"], "Besøg i skoven")
    assert client.post(url, data, headers=JSON).status_code == 200
    colleague = django_user_model.objects.create_user("kollega-a", "kollega-a@example.dk", "hemmelig-kode-1")
    colleague.groups.add(world["env_a"].editors_group)
    client.force_login(colleague)
    data["slug"] = "besoeg-i-skoven-2"
    assert client.post(url, data, headers=JSON).status_code == 200
    assert len(offers_in_the_woods(world["env_a"])) == 2


@pytest.mark.django_db
def test_a_new_environments_contacts_are_not_doubled(client, world):
    """An InlinePanel's rows made by the first post are the second post's rows, not new ones."""
    client.force_login(world["superuser"])
    url = reverse("wagtailadmin_pages:add", args=["offers", "learningenvironmentpage", world["index"].pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Skovskolen",
            "slug": "skovskolen",
            "environment_type": str(world["env_a"].environment_type_id),
            "street_address": "Skovvej 1",
            "postcode": str(world["env_a"].postcode_id),
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Ida Skov",
            "contacts-0-email": "ida@skovskolen.dk",
            "contacts-0-ORDER": "1",
        }
    )
    assert client.post(url, data, headers=JSON).json()["success"]
    data["contacts-0-name"] = "Ida Skovgaard"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    (environment,) = LearningEnvironmentPage.objects.filter(slug__startswith="skovskolen")
    latest = environment.get_latest_revision_as_object()
    assert [contact.name for contact in latest.contacts.all()] == ["Ida Skovgaard"]
    assert environment.contacts.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_click_while_the_autosave_is_under_way(world):
    """The autosave's post has passed validation and is about to save the page when the click's post
    comes: the click's post waits for it and then submits that page."""
    autosave_client, click_client = Client(), Client()
    autosave_client.force_login(world["editor_a"])
    click_client.force_login(world["editor_a"])
    url, data = add_form(autosave_client, world["env_a"], "Besøg i skoven")
    click_data = data.copy()
    click_data["action-submit"] = "1"
    responses = {}

    def click():
        try:
            responses["click"] = click_client.post(url, click_data)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            responses["click"] = error
        finally:
            connection.close()

    def first_save(sender, instance, **kwargs):
        # Once: the autosave has validated and is saving; now the click's post comes.
        pre_save.disconnect(first_save, sender=OfferPage)
        thread = threading.Thread(target=click)
        thread.start()
        responses["thread"] = thread
        deadline = time.monotonic() + 30
        while thread.is_alive() and not waiting_for_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)

    pre_save.connect(first_save, sender=OfferPage)
    try:
        autosave = autosave_client.post(url, data, headers=JSON)
    finally:
        pre_save.disconnect(first_save, sender=OfferPage)
        if "thread" in responses:
            responses["thread"].join(30)
    assert autosave.status_code == 200 and autosave.json()["success"]
    assert not isinstance(responses["click"], Exception), responses["click"]
    assert responses["click"].status_code == 302
    (offer,) = offers_in_the_woods(world["env_a"])
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_a_double_click_on_submit_lands_where_the_first_did(client, world):
    client.force_login(world["editor_a"])
    url, data = add_form(client, world["env_a"], "Besøg i skoven")
    data["action-submit"] = "1"
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, data, follow=True)
    assert second.status_code == 200
    assert second.redirect_chain[0][0] == first.url
    assert "er sendt til godkendelse" in second.content.decode()
    (offer,) = offers_in_the_woods(world["env_a"])
    assert offer.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
