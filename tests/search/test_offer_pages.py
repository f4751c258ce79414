"""Offer and environment pages: what a teacher needs to decide and book, JSON-LD, maps, related offers."""

from __future__ import annotations

import json
import re

import pytest

from demo.factories import make_environment, make_offer
from offers.models import LearningEnvironmentContact

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_offer_page_shows_facts_booking_place_and_related_offers(client, catalogue):
    vikings = catalogue["vikings"]
    vikings.booking_url = "https://example.org/book"
    vikings.booking_deadline_note = "Senest 14 dage før"
    vikings.save_revision().publish()
    response = client.get(vikings.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Vikingerne på havet",
        "4. klasse–9. klasse",
        "Historie",
        "1.200 kr.",
        "Maj, juni, september",
        "Engelsk",
        "Gå til booking",
        "Senest 14 dage før",
        "Vikingeskibsmuseet",
        "data-place-map",
    ]:
        assert text in html, text
    data = json_ld(html)
    assert data["@type"] == "Course" and data["name"] == "Vikingerne på havet"
    assert data["offers"]["price"] == "1200.00" and data["offers"]["priceCurrency"] == "DKK"
    assert data["provider"]["name"] == "Vikingeskibsmuseet"


def test_offer_page_related_offers_same_environment_and_nearby(client, catalogue):
    html = client.get(catalogue["pond"].url).content.decode()
    assert "Flere tilbud fra Naturcenter Vestamager" in html
    assert "Dyr i skoven" in html
    # The travelling school (same subject) is in Skagen, far from Copenhagen: not "nearby".
    assert "Lignende tilbud i nærheden" not in html or "Naturskolen kommer på besøg" not in html


def test_json_ld_cannot_break_out_of_its_script_element(client, environment):
    offer = make_offer(environment, title="</script><script>alert(1)</script>", teaser="a & b <i>")
    html = client.get(offer.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_environment_page_shows_description_contacts_offers_and_map(client, catalogue):
    environment = catalogue["vikings"].get_parent().specific
    LearningEnvironmentContact.objects.create(
        environment=environment, name="Sigrid Skib", role="Formidler", email="sigrid@example.org", phone="12 34 56 78"
    )
    response = client.get(environment.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Skibe fra vikingetiden",
        "Sigrid Skib",
        "mailto:sigrid@example.org",
        "tel:12345678",
        "Vikingerne på havet",
        "1 undervisningstilbud",
        "data-place-map",
    ]:
        assert text in html, text
    assert json_ld(html)["name"] == "Vikingeskibsmuseet"


def test_environment_page_lists_only_live_offers(client, environment_index):
    environment = make_environment(environment_index, title="Tomt museum")
    offer = make_offer(environment, title="Skjult tilbud")
    offer.unpublish()
    html = client.get(environment.url).content.decode()
    assert "Skjult tilbud" not in html
    assert "ingen aktuelle tilbud" in html
