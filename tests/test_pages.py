import datetime

import pytest
from django.core.exceptions import ValidationError

from curriculum.models import Grade, Subject
from municipalities.models import Postcode

from .conftest import make_offer

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_danish(client, national_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Gå til indhold" in html


def test_environment_page_renders_its_fields(client, environment, offer):
    environment.contacts.create(name="Mette Sørensen", role="Naturvejleder", email="mette@example.dk", phone="12345678")
    environment.save_revision().publish()
    response = client.get(environment.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Naturcenter Vestamager", "Granatvej 3", "2300", "Mette Sørensen", "Naturvejleder", offer.title]:
        assert text in html


def test_environment_takes_municipality_and_point_from_postcode(environment):
    postcode = Postcode.lookup("2300")
    assert environment.municipality == postcode.municipality
    assert (environment.latitude, environment.longitude) == (postcode.latitude, postcode.longitude)


def test_offer_page_renders_its_fields(client, offer):
    offer.price_note = "Gratis for skoler i kommunen"
    offer.booking_email = "booking@example.dk"
    offer.duration = "3 timer"
    offer.save()
    response = client.get(offer.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Liv i vandhullet",
        "3. klasse–6. klasse",
        "Natur/teknologi",
        "Naturfag og naturvidenskab",
        "Gratis",
        "3 timer",
        "booking@example.dk",
        "maj",
        "Naturcenter Vestamager",
    ]:
        assert text in html, text


def test_offer_denormalises_grades_and_location(offer, environment):
    assert (offer.grade_min, offer.grade_max) == (5, 8)
    assert offer.environment_id == environment.pk
    assert offer.municipality_id == environment.municipality_id
    assert offer.latitude == environment.latitude
    assert [group.slug for group in offer.target_groups] == ["grundskole"]


def test_grade_from_after_grade_to_is_an_error(offer):
    offer.grade_from = Grade.objects.get(slug="9-klasse")
    offer.grade_to = Grade.objects.get(slug="2-klasse")
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "højere klassetrin" in str(error.value.message_dict["grade_to"])


def test_price_on_a_free_offer_is_an_error(offer):
    offer.is_free = True
    offer.price_amount = 500
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "gratis" in str(error.value.message_dict["price_amount"]).lower()


def test_period_ending_before_it_starts_is_an_error(offer):
    offer.period_start = datetime.date(2027, 5, 1)
    offer.period_end = datetime.date(2027, 4, 1)
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "slutte" in str(error.value.message_dict["period_end"])


def test_subject_outside_the_grades_gives_a_warning(environment):
    offer = make_offer(environment, grades=("1-klasse", "3-klasse"), subjects=["fysik-kemi", "natur-teknologi"])
    warnings = offer.subject_grade_warnings()
    assert len(warnings) == 1
    assert "Fysik/kemi" in warnings[0]
    offer.full_clean()  # a warning, not an error
    assert Subject.objects.get(slug="natur-teknologi").is_taught_between(offer.grade_min, offer.grade_max)
