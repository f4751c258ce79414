"""An offer's facts read the same on the page, the result card, the catalogue PDF, the spreadsheets and
the API: one presenter (offers.presenters) words them for all."""

from __future__ import annotations

import csv
import datetime
import html
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from catalogue import services as catalogue
from curriculum.models import Grade
from demo.factories import make_offer
from lists.models import OfferList
from offers.models import OfferPage
from offers.presenters import ROW_FIELDS, Contact, OfferFacts

pytestmark = pytest.mark.django_db

# title → (short price on the card, price with its note everywhere else)
PRICES = {
    "Gratis vandhul": ("Gratis", "Gratis"),
    "Betalt vandhul": ("1.250 kr.", "1.250 kr. pr. klasse"),
    "Aftalt vandhul": ("Pris efter aftale", "Pris efter aftale"),
}


@pytest.fixture
def offers(environment) -> list[OfferPage]:
    common = {
        "grades": ("3-klasse", "6-klasse"),
        "group_size_min": 10,
        "group_size_max": 28,
        "period_start": datetime.date(2027, 9, 1),
        "period_end": datetime.date(2028, 6, 30),
        "booking_email": "booking@example.dk",
        "booking_phone": "12 34 56 78",
    }
    return [
        make_offer(environment, title="Gratis vandhul", is_free=True, **common),
        make_offer(
            environment,
            title="Betalt vandhul",
            is_free=False,
            price_amount=Decimal(1250),
            price_note="pr. klasse",
            **common,
        ),  # fmt: skip
        make_offer(environment, title="Aftalt vandhul", is_free=False, price_amount=None, **common),
    ]


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_page_card_pdf_csv_and_api_word_the_price_the_same(client, offers, tmp_path):
    # The offer page: the price with its note, and the other facts.
    for offer in offers:
        page = text_of(client.get(offer.url))
        assert f"<dd>{PRICES[offer.title][1]}</dd>" in page, offer.title
        assert "<dd>3. klasse–6. klasse</dd>" in page
        assert "<dd>10–28 deltagere</dd>" in page
        assert "<dd>1. september 2027–30. juni 2028</dd>" in page

    # The result cards on the search page: the short price.
    results = text_of(client.get("/tilbud/"))
    for title, (short, _full) in PRICES.items():
        card = results[results.index(f">{title}</a>") :]
        card = card[: card.index("</article>")]
        assert f">{short}</li>" in card, title
        assert ">3. klasse–6. klasse</li>" in card

    # The catalogue's PDF entry (its HTML, before WeasyPrint) and its CSV.
    prefetched = catalogue._offers([offer.pk for offer in offers])
    for offer in offers:
        entry = render_to_string("catalogue/pdf/entry.html", {"entry": catalogue.entry_context(prefetched[offer.pk])})
        assert f"<b>Pris:</b> {PRICES[offer.title][1]}" in html.unescape(entry), offer.title
        assert "<b>Klassetrin:</b> 3. klasse–6. klasse" in html.unescape(entry)
        assert "<b>Booking:</b> booking@example.dk, tlf.\u00a012\u00a034\u00a056\u00a078" in html.unescape(entry)
    ids = [offer.pk for offer in offers]
    plan = {
        "offer_ids": ids,
        "sections": [{"title": "Natur", "groups": [{"title": "Grundskole"}]}],
        "chunks": [{"section": 0, "groups": [{"group": 0, "offer_ids": ids}]}],
    }
    target = tmp_path / "katalog.csv"
    catalogue.write_csv(catalogue.data_rows(plan, prefetched, dict.fromkeys(ids, 1)), target)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {row["Titel"]: row["Pris"] for row in rows} == {title: full for title, (_s, full) in PRICES.items()}
    assert {row["Klassetrin"] for row in rows} == {"3. klasse–6. klasse"}

    # The open data API: the same words beside the numbers.
    for offer in offers:
        data = client.get(f"/api/v1/offers/{offer.pk}/").json()
        assert data["price"]["label"] == PRICES[offer.title][1], offer.title
        assert data["grades_label"] == "3. klasse–6. klasse"
        assert data["group_size"]["label"] == "10–28 deltagere"


def test_a_teachers_list_as_csv_words_the_price_as_the_page_does(client, offers):
    response = client.post("/lister/ny/", {"title": "Vores liste", "tilbud": [str(offer.pk) for offer in offers]})
    assert response.status_code == 302
    offer_list = OfferList.objects.get()
    text = client.get(f"/lister/{offer_list.share_token}/liste.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))[1:]
    assert {row[0]: row[4] for row in rows} == {title: full for title, (_s, full) in PRICES.items()}


def test_facts_from_a_values_row_read_as_from_the_page(offers):
    grade_names = dict(Grade.objects.values_list("pk", "name"))  # looked up once for all rows
    rows = OfferPage.objects.values("title", "grade_from_id", "grade_to_id", *ROW_FIELDS)
    for row in rows:
        from_row = OfferFacts.from_row(row, grade_names=grade_names)
        from_page = OfferPage.objects.get(title=row["title"]).facts
        assert (from_row.price, from_row.price_text) == PRICES[row["title"]]
        assert (from_row.price_text, from_row.grades, from_row.group_size, from_row.period, from_row.when) == (
            from_page.price_text,
            from_page.grades,
            from_page.group_size,
            from_page.period,
            from_page.when,
        )


def test_booking_falls_back_to_the_environments_contact():
    facts = OfferFacts(load_contact=lambda: Contact(name="Mette", email="mette@example.dk", phone="12 34"))
    assert facts.booking_text() == "Mette, mette@example.dk, tlf. 12 34"
    with_page = OfferFacts(booking_url="https://booking.example.dk/", load_contact=lambda: pytest.fail("not read"))
    assert with_page.booking_text() == "booking.example.dk"
    assert with_page.contact is None
    assert OfferFacts(price_amount=Decimal("1250.50")).price == "1.250,50 kr."
