"""Favourites and shared lists, without JavaScript: the server side of every step."""

from __future__ import annotations

import csv
import io

import pytest

from lists.models import OfferList
from tests.conftest import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(environment):
    return [
        make_offer(environment, title="Liv i vandhullet"),
        make_offer(environment, title="Fugle om vinteren", is_free=False, price_amount=850),
        make_offer(environment, title='=HYPERLINK("http://x")'),
    ]


def make_list(client, offers, title="7. årgang 2027/28"):
    response = client.post("/lister/ny/", {"title": title, "tilbud": [str(offer.pk) for offer in offers]})
    assert response.status_code == 302
    return OfferList.objects.get(), response.url


def test_hearts_on_cards_and_offer_pages(client, offers):
    page = client.get(offers[0].url).content.decode()
    assert f'data-favourite="{offers[0].pk}"' in page
    assert 'href="/favoritter/"' in page


def test_favourites_page_renders_the_offers_named_in_its_address(client, offers):
    page = client.get(
        f"/favoritter/?tilbud={offers[1].pk}&tilbud={offers[0].pk}&tilbud=abc&tilbud=99999"
    ).content.decode()
    assert page.index("Fugle om vinteren") < page.index("Liv i vandhullet")
    assert f'name="tilbud" value="{offers[0].pk}"' in page


def test_make_a_list_share_it_read_only_and_edit_it_by_the_secret_link(client, offers):
    offer_list, edit_url = make_list(client, offers[:2])
    assert offer_list.title == "7. årgang 2027/28"
    assert [item.offer_title for item in offer_list.items.all()] == ["Liv i vandhullet", "Fugle om vinteren"]
    assert offer_list.edit_token in edit_url and offer_list.share_token not in edit_url
    created = client.get(edit_url).content.decode()
    assert "Listen er oprettet" in created
    assert f"/lister/{offer_list.share_token}/" in created

    item = offer_list.items.get(offer=offers[0])
    response = client.post(
        edit_url.split("?")[0], {"title": "Naturfag 7.a", f"note-{item.pk}": "7. årgang 2027/28, uge 38"}
    )
    assert response.status_code == 302
    shared = client.get(f"/lister/{offer_list.share_token}/").content.decode()
    assert "Naturfag 7.a" in shared and "uge 38" in shared
    assert "Liv i vandhullet" in shared and "Fugle om vinteren" in shared
    assert 'name="note-' not in shared and offer_list.edit_token not in shared  # read-only: no form, no edit link
    assert len(offer_list.share_token) <= 12


def test_adding_by_a_form_and_removing(client, offers):
    offer_list, edit_url = make_list(client, offers[:1])
    edit_url = edit_url.split("?")[0]
    added = client.post(edit_url, {"action": "tilfoej", "address": "http://testserver" + offers[1].url}, follow=True)
    assert "»Fugle om vinteren« er tilføjet." in added.content.decode()
    again = client.post(edit_url, {"action": "tilfoej", "address": offers[1].url}, follow=True)
    assert "står allerede på listen" in again.content.decode()
    bad = client.post(edit_url, {"action": "tilfoej", "address": "/findes/ikke/"})
    assert bad.status_code == 400
    assert "Adressen fører ikke til et tilbud på Skoletjenesten." in bad.content.decode()
    first = offer_list.items.get(offer=offers[0])
    client.post(edit_url, {"title": offer_list.title, f"fjern-{first.pk}": "1"})
    assert [item.offer_id for item in offer_list.items.all()] == [offers[1].pk]


def test_bad_input_is_refused_in_danish(client, offers):
    empty_title = client.post("/lister/ny/", {"title": "", "tilbud": [str(offers[0].pk)]})
    assert empty_title.status_code == 400 and "Giv listen en titel." in empty_title.content.decode()
    no_offers = client.post("/lister/ny/", {"title": "Tom", "tilbud": ["abc"]})
    assert no_offers.status_code == 400 and "mindst ét tilbud" in no_offers.content.decode()
    assert not OfferList.objects.exists()
    offer_list, edit_url = make_list(client, offers[:1])
    item = offer_list.items.get()
    long_note = client.post(edit_url.split("?")[0], {"title": "X", f"note-{item.pk}": "n" * 301})
    assert long_note.status_code == 400 and "Noten må højst have 300 tegn." in long_note.content.decode()
    assert client.get("/lister/rediger/forfalsket/").status_code == 404
    assert "Redigeringslinket er ugyldigt" in client.get("/lister/rediger/forfalsket/").content.decode()
    assert client.get("/lister/findesikke/").status_code == 404


def test_a_withdrawn_offer_is_stated_clearly(client, offers):
    offer_list, _ = make_list(client, offers[:2])
    offers[0].unpublish()
    offers[1].delete()
    page = client.get(f"/lister/{offer_list.share_token}/").content.decode()
    assert page.count("Tilbuddet er trukket tilbage") == 2
    assert "Liv i vandhullet" in page and "Fugle om vinteren" in page


def test_csv_export(client, offers):
    offer_list, edit_url = make_list(client, offers)
    item = offer_list.items.get(offer=offers[0])
    client.post(edit_url.split("?")[0], {"title": offer_list.title, f"note-{item.pk}": "=1+1"})
    response = client.get(f"/lister/{offer_list.share_token}/liste.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:2] == ["Tilbud", "Læringsmiljø"]
    assert rows[1][0] == "Liv i vandhullet" and rows[1][5] == "'=1+1"  # no formula injection
    assert rows[2][4] == "850 kr."  # the presenter's wording (offers.presenters)
    assert rows[3][0].startswith("'=HYPERLINK")
    assert rows[1][7] == "http://testserver" + offers[0].url


def test_nothing_is_echoed_unescaped(client, offers):
    evil = "<img src=x onerror=alert(1)>"
    offer_list, edit_url = make_list(client, offers[:1], title=evil)
    assert evil not in client.get(f"/lister/{offer_list.share_token}/").content.decode()
    assert evil not in client.get(edit_url).content.decode()
