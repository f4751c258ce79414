"""The search follows publishing, not save(): an edit published through the admin (with its subjects, which
modelcluster writes after the page row) is found by its new words and subjects; a draft leaves the live row
alone; unpublishing takes the offer out; publishing an environment renames its offers' documents; a plain
save() and Wagtail's partial saves do no search work."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from curriculum.models import Subject
from offers.models import OfferPage, OfferSearchRow

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.dk", "pw")
    client.force_login(user)
    return client


def found(client, **params) -> list[str]:
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    return [offer.title for offer in response.context["search"].page_obj.object_list]


def edit_form(admin_client, offer: OfferPage):
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    # A value-less checkbox reads as "", an empty multi-select as its first option: state them as a browser does.
    for name in ("is_free", "use_environment_location", "step_free_access", "special_needs_adapted"):
        if getattr(offer, name):
            data[name] = "on"
        else:
            data.pop(name, None)
    data.setlist("sdgs", [])
    return url, data


def test_an_edit_published_in_the_admin_is_found_by_its_new_title_and_subjects(admin_client, client, offer):
    assert found(client, fag="historie") == []
    url, data = edit_form(admin_client, offer)
    data["title"] = "Vikinger ved vandhullet"
    data.setlist("subjects", [str(Subject.objects.get(slug="historie").pk)])
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert found(client, fag="historie") == ["Vikinger ved vandhullet"]  # the many-to-many, saved after the row
    assert found(client, q="vikinger") == ["Vikinger ved vandhullet"]
    assert found(client, fag="natur-teknologi") == []


def test_a_draft_saved_in_the_admin_leaves_the_live_offer_in_the_search_as_published(admin_client, client, offer):
    url, data = edit_form(admin_client, offer)
    data["title"] = "Kladde om vikinger"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert OfferSearchRow.objects.get(offer=offer).title == "Liv i vandhullet"
    assert found(client, q="vikinger") == []


def test_a_new_offer_saved_as_a_draft_in_the_admin_gets_a_row_that_is_not_live(admin_client, offer, environment):
    add_url = reverse("wagtailadmin_pages:add", args=["offers", "offerpage", environment.pk])
    _url, data = edit_form(admin_client, offer)
    data["title"], data["slug"] = "Nyt tilbud", "nyt-tilbud"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = OfferSearchRow.objects.get(offer__title="Nyt tilbud")
    assert row.live is False


def test_unpublishing_takes_the_offer_out_of_the_search(client, offer):
    assert found(client) == ["Liv i vandhullet"]
    offer.unpublish()
    assert found(client) == []
    offer.save_revision().publish()
    assert found(client) == ["Liv i vandhullet"]


def test_publishing_an_environment_renames_its_offers_in_the_search(client, environment, offer):
    environment.title = "Strandengens Naturskole"
    environment.save_revision().publish()
    assert found(client, q="strandengens") == ["Liv i vandhullet"]


def search_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "offersearchrow" in q["sql"] or "searchterm" in q["sql"]]


def test_save_and_a_partial_save_do_no_search_work(offer):
    offer.title = "Kun gemt, ikke udgivet"
    with CaptureQueriesContext(connection) as full:
        offer.save()
    assert search_queries(full) == []
    assert OfferSearchRow.objects.get(offer=offer).title == "Liv i vandhullet"

    with CaptureQueriesContext(connection) as partial:
        offer.save(update_fields=["draft_title"])  # Wagtail's revision and lock bookkeeping
    assert search_queries(partial) == []
