"""Suggestions as you type (/soegeforslag/): live public content only, grouped, Danish, bad input → 400."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from offers.models import SearchSuggestion
from tests.conftest import make_environment, make_offer

pytestmark = pytest.mark.django_db

URL = "/soegeforslag/"


def suggestions(client, text: str) -> dict[str, list[dict]]:
    response = client.get(URL, {"q": text})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["count"] == sum(len(group["suggestions"]) for group in data["groups"])
    return {group["kind"]: group["suggestions"] for group in data["groups"]}


def labels(found: dict[str, list[dict]], kind: str) -> list[str]:
    return [item["label"] for item in found.get(kind, [])]


def test_suggests_titles_environments_subjects_and_kommuner_by_any_word_start(client, environment_index):
    forest = make_environment(environment_index, title="Skovskolen ved Aarhus", postcode="8000")
    offer = make_offer(forest, title="Spor af dyr i skoven", subjects=["historie"])
    make_offer(forest, title="Historiske lege i skolegården", subjects=["historie"])

    found = suggestions(client, "sko")
    # By any word's start ("skoven" is the fifth word), then by the live offers each leads to, A–Å.
    assert labels(found, "tilbud") == ["Historiske lege i skolegården", "Spor af dyr i skoven"]
    assert labels(found, "miljoe") == ["Skovskolen ved Aarhus"]
    assert labels(suggestions(client, "spor af d"), "tilbud") == ["Spor af dyr i skoven"]  # several words
    item = found["tilbud"][1]
    assert item["url"] == offer.get_url()  # one offer: its page
    assert item["detail"] == "Skovskolen ved Aarhus"  # where it is
    # "hist": the subject (as a filter, with its number of live offers) and the title.
    found = suggestions(client, "HIST")
    assert found["fag"] == [{"label": "Historie", "detail": "2 tilbud", "param": {"name": "fag", "value": "historie"}}]
    assert labels(found, "tilbud") == ["Historiske lege i skolegården"]
    # A kommune by its name, "aa" typed for "å" and the other way round.
    found = suggestions(client, "aarh")
    assert found["kommune"][0]["label"] == "Aarhus"
    assert found["kommune"][0]["param"] == {"name": "kommune", "value": "aarhus"}
    assert found["kommune"][0]["detail"] == "Region Midtjylland · 2 tilbud"
    assert labels(suggestions(client, "århus"), "miljoe") == ["Skovskolen ved Aarhus"]


def test_a_title_several_offers_share_is_one_suggestion_that_searches_for_it(client, environment_index):
    first = make_environment(environment_index, title="Naturcenter Vest", postcode="2300")
    second = make_environment(environment_index, title="Naturcenter Øst", postcode="4000")
    make_offer(first, title="Vandhullets dyr")
    make_offer(second, title="Vandhullets dyr")
    found = suggestions(client, "vandhul")
    assert found["tilbud"] == [
        {"label": "Vandhullets dyr", "detail": "2 tilbud", "param": {"name": "q", "value": "Vandhullets dyr"}}
    ]


def test_only_live_public_content_and_it_follows_publishing(client, environment_index):
    open_place = make_environment(environment_index, title="Planetariet Syd", postcode="2300")
    offer = make_offer(open_place, title="Planeter og stjerner")
    draft = make_offer(open_place, title="Planetjagt for begyndere")
    draft.unpublish()
    closed = make_environment(environment_index, title="Planetklubben", postcode="8000")
    make_offer(closed, title="Planetmodeller for medlemmer")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)

    found = suggestions(client, "plane")
    assert labels(found, "tilbud") == ["Planeter og stjerner"]
    assert labels(found, "miljoe") == ["Planetariet Syd"]

    offer.unpublish()  # gone at once: the table follows the offer's save
    assert not SearchSuggestion.objects.filter(label="Planeter og stjerner").exists()
    assert "tilbud" not in suggestions(client, "plane")
    draft.save_revision().publish()
    assert labels(suggestions(client, "plane"), "tilbud") == ["Planetjagt for begyndere"]


def test_a_page_unpublished_behind_the_tables_back_is_not_suggested(client, environment_index):
    place = make_environment(environment_index, title="Fiskerimuseet", postcode="2300")
    offer = make_offer(place, title="Fiskeri før og nu")
    type(offer).objects.filter(pk=offer.pk).update(live=False)  # a bulk change: no save, no refresh
    assert "tilbud" not in suggestions(client, "fisker")


def test_short_or_unmatched_text_gives_an_empty_answer(client, environment_index):
    make_offer(make_environment(environment_index), title="Liv i vandhullet")
    assert suggestions(client, "v") == {}
    assert suggestions(client, "  ") == {}
    assert suggestions(client, "zzqx") == {}
    assert suggestions(client, "100%_") == {}  # LIKE's wildcards are plain characters


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Angiv den tekst, der skal foreslås ud fra, i parameteren q."),
        ("?q=a&q=b", "Angiv kun én tekst i parameteren q."),
        ("?q=" + "a" * 101, "Teksten må højst være 100 tegn."),
        ("?q=sko%00v", "Teksten indeholder tegn, der ikke kan søges på."),
    ],
)
def test_bad_input_is_a_400_with_a_danish_message(client, national_site, query, message):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_only_get(client, national_site):
    assert client.post(URL, {"q": "sko"}).status_code == 405
