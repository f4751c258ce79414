import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Collection, Locale, Page, Site

from curriculum.models import Grade, Subject
from demo.factories import make_environment, make_offer
from demo.site import ensure_national_site
from geography.models import Municipality, Postcode
from home.models import StandardPage
from offers.models import OfferPage

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_danish(client, national_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Gå til indhold" in html


def test_home_page_leads_into_the_search(client, offer):
    html = client.get("/").content.decode()
    assert "<strong>1</strong> undervisningstilbud fra 1 læringsmiljøer" in html
    assert 'action="/tilbud/"' in html
    assert 'href="/tilbud/?maalgruppe=grundskole"' in html
    assert 'href="/tilbud/?fagomraade=naturfag-og-naturvidenskab"' in html
    assert offer.title in html  # among the newest offers


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
    html = response.content.decode().lower()
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
        assert text.lower() in html, text


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


def test_offer_available_to_municipality_by_location_or_travel_area(environment_index):
    copenhagen_env = make_environment(environment_index, title="Byens Museum", postcode="1550")
    travelling_env = make_environment(environment_index, title="Rullende Naturskole", postcode="8000")
    radius_env = make_environment(environment_index, title="Kystens Naturcenter", postcode="4000", travel_radius_km=60)
    local = make_offer(copenhagen_env, title="Lokalt tilbud")
    comes = make_offer(travelling_env, title="Vi kommer til jer", formats=["udebesoeg"])
    travelling_env.travel_municipalities.add(Municipality.objects.get(code="0101"))
    travelling_env.save()
    by_radius = make_offer(radius_env, title="Inden for radius", formats=["udebesoeg"])
    stays_home = make_offer(travelling_env, title="Kun i Aarhus")

    copenhagen = Municipality.objects.get(code="0101")
    available = set(OfferPage.objects.available_to_municipality(copenhagen).values_list("title", flat=True))
    assert {local.title, comes.title, by_radius.title} <= available
    assert stays_home.title not in available

    distances = dict(OfferPage.objects.with_distance(55.676, 12.568).values_list("title", "distance_km"))
    assert distances[local.title] < 5
    assert 150 < distances[stays_home.title] < 170


def test_standard_page_renders_its_stream(client, national_site):
    page = StandardPage(
        title="Om Skoletjenesten",
        slug="om",
        intro="<p>Videnscenter for eksterne læringsmiljøer.</p>",
        body=[
            ("heading", "Vores opgaver"),
            ("paragraph", "<p>Vi samler undervisningstilbud.</p>"),
            (
                "call_to_action",
                {
                    "heading": "Find et tilbud",
                    "text": "",
                    "link_url": "/tilbud/",
                    "link_text": "Søg nu",
                    "link_page": None,
                },
            ),
        ],
    )
    national_site.root_page.add_child(instance=page)
    html = client.get("/om/").content.decode()
    for text in [
        "Om Skoletjenesten",
        "Videnscenter for eksterne læringsmiljøer.",
        "Vores opgaver",
        "Vi samler",
        "Søg nu",
    ]:
        assert text in html, text


def test_environment_index_lists_environments_alphabetically(client, environment_index):
    make_environment(environment_index, title="Økolariet", postcode="7100")
    make_environment(environment_index, title="Aalborg Zoo", postcode="9000")
    make_environment(environment_index, title="Bakkehuset", postcode="2300")
    html = client.get("/laeringsmiljoer/").content.decode()
    # Danish order (ICU da-DK, as the catalogue): æ, ø, å after z, and "Aa" is "Å".
    assert html.index("Bakkehuset") < html.index("Økolariet") < html.index("Aalborg Zoo")


def test_national_site_can_be_rebuilt_on_an_emptied_database(db):
    """After a flush (transactional tests) Wagtail's own roots are gone; the setup service restores them."""
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()
    home = ensure_national_site(hostname="testserver")
    assert home.get_parent().is_root()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert Collection.get_first_root_node() is not None
    assert {"tilbud", "laeringsmiljoer"} <= {child.slug for child in home.get_children()}


def test_public_pages_stay_danish_for_an_english_browser(client, offer):
    offer.last_verified = datetime.date(2026, 2, 23)
    offer.save()
    html = client.get(offer.url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "23. februar 2026" in html
    assert "February" not in html
