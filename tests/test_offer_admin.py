"""Editing an offer in the Wagtail admin: Danish form errors, nothing saved, and warnings."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from curriculum.models import Grade, Subject
from offers.models import OfferPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "redaktor@example.dk", "pw")
    client.force_login(user)
    return client


def edit_form(admin_client, offer):
    url = reverse("wagtailadmin_pages:edit", args=[offer.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # The HTML reader turns value-less checkboxes into "" and an empty multi-select into its first
    # option, so state them as a browser would submit them.
    for name in ("is_free", "use_environment_location", "step_free_access", "special_needs_adapted"):
        if getattr(offer, name):
            data[name] = "on"
        else:
            data.pop(name, None)
    data.setlist("sdgs", [str(pk) for pk in offer.sdgs.values_list("pk", flat=True)])
    return url, data


def test_edit_view_is_in_danish(admin_client, offer):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[offer.pk]))
    html = response.content.decode()
    assert '<html lang="da"' in html
    assert "Til klassetrin" in html
    assert "Måneder, tilbuddet kører" in html or "måneder, tilbuddet kører" in html.lower()


def test_grade_range_backwards_is_refused_with_a_danish_error(admin_client, offer):
    url, data = edit_form(admin_client, offer)
    data["grade_from"] = str(Grade.objects.get(slug="9-klasse").pk)
    data["grade_to"] = str(Grade.objects.get(slug="2-klasse").pk)
    data["title"] = "Ny titel der ikke må gemmes"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "samme eller et højere klassetrin" in response.content.decode()
    offer.refresh_from_db()
    assert offer.title == "Liv i vandhullet"
    assert offer.revisions.count() == 0 or offer.get_latest_revision_as_object().title == "Liv i vandhullet"


def test_price_on_a_free_offer_is_refused(admin_client, offer):
    url, data = edit_form(admin_client, offer)
    data["is_free"] = "on"
    data["price_amount"] = "450"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Et gratis tilbud kan ikke have en pris" in response.content.decode()
    offer.refresh_from_db()
    assert offer.price_amount is None


def test_subject_outside_grades_saves_with_a_warning(admin_client, offer):
    url, data = edit_form(admin_client, offer)
    data.setlist("subjects", [str(Subject.objects.get(slug="fysik-kemi").pk)])
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Fysik/kemi undervises normalt i 7.–9. klasse" in response.content.decode()
    latest = OfferPage.objects.get(pk=offer.pk).get_latest_revision_as_object()
    assert [subject.slug for subject in latest.subjects.all()] == ["fysik-kemi"]


def test_the_offers_own_postcode_is_typed_as_four_digits(admin_client, offer):
    url, data = edit_form(admin_client, offer)
    html = admin_client.get(url).content.decode()
    assert 'name="location_postcode"' in html and 'inputmode="numeric"' in html
    assert "<option value" not in html.split('name="location_postcode"')[1].split(">")[0]
    data.pop("use_environment_location", None)
    data["location_postcode"] = "1050"  # inside the merged range 1000-1499
    data["location_address"] = "Kongens Nytorv 1"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    revision = OfferPage.objects.get(pk=offer.pk).get_latest_revision_as_object()
    assert revision.location_postcode.first_number == 1000
    assert 'value="1000"' in admin_client.get(url).content.decode()


def test_an_unknown_postcode_is_refused_in_danish_and_shown_again(admin_client, offer):
    url, data = edit_form(admin_client, offer)
    data.pop("use_environment_location", None)
    data["location_postcode"] = "0001"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv et dansk postnummer med fire cifre, f.eks. 8000." in html
    assert 'value="0001"' in html
