"""The national search at /tilbud/: text, filters with counts, place, sorting, paging, URL state."""

from __future__ import annotations

import pytest
from django.db import connection

from demo.factories import make_offer
from geography.models import Postcode
from offers.models import OfferPage
from offers.search import spelling
from offers.search.index import bump_search_version, refresh_offer_search

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [offer.title for offer in response.context["search"].page_obj.object_list]


def facet_counts(response, name: str) -> dict[str, int]:
    facet = next(f for f in response.context["search"].facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_search_page_lists_all_live_offers_without_parameters(client, catalogue):
    response = search(client)
    assert response.context["search"].total == len(catalogue)
    assert "6 tilbud" in response.content.decode()


def test_unpublished_offers_are_not_found(client, catalogue):
    catalogue["pond"].unpublish()
    assert "Liv i vandhullet" not in titles(search(client, q="vandhullet"))


def test_danish_stemming_joins_inflected_forms(client, catalogue):
    assert titles(search(client, q="skoven")) == ["Dyr i skoven"]  # teaser says "skovene"
    assert "Vikingerne på havet" in titles(search(client, q="vikinger"))


def test_synonyms_join_irregular_forms_and_compounds(client, catalogue):
    # "museets" in a teaser; the environment type is "Museum"; a teacher types "museer".
    found = titles(search(client, q="museer"))
    assert {"Farver og former", "Vikingerne på havet"} <= set(found)
    # "kunstmuseum" is one token; it also finds offers mentioning "kunst" and "museum" apart.
    assert "Samtidskunst for gymnasiet" in titles(search(client, q="kunstmuseum"))


def test_title_matches_rank_first(client, catalogue, environment):
    make_offer(environment, title="Om dyr og planter", teaser="Vikinger nævnes kun her.")
    found = titles(search(client, q="vikinger"))
    assert found[0] == "Vikingerne på havet"
    assert "Om dyr og planter" in found


def test_environment_name_and_subjects_are_searchable(client, catalogue):
    assert titles(search(client, q="Vestamager")) and set(titles(search(client, q="Vestamager"))) == {
        "Liv i vandhullet",
        "Dyr i skoven",
    }
    assert "Vikingerne på havet" in titles(search(client, q="historie"))


def test_grade_filter_matches_every_offer_whose_range_includes_the_grade(client, catalogue):
    found = set(titles(search(client, klassetrin="3-klasse")))
    assert found == {"Liv i vandhullet", "Farver og former"}


def test_target_group_filter(client, catalogue):
    assert titles(search(client, maalgruppe="ungdomsuddannelse")) == ["Samtidskunst for gymnasiet"]
    assert "Dyr i skoven" in titles(search(client, maalgruppe="dagtilbud"))


def test_facet_counts_apply_the_other_filters_and_say_what_a_click_gives(client, catalogue):
    response = search(client, fagomraade="kunst-design-og-arkitektur")
    assert response.context["search"].total == 2
    # Own facet: a click adds an option with OR (2 art + 3 nature offers), or removes the only one (all 6).
    areas = facet_counts(response, "fagomraade")
    assert areas["kunst-design-og-arkitektur"] == 6
    assert areas["naturfag-og-naturvidenskab"] == 5
    # Other facets: counted within the two art offers.
    assert facet_counts(response, "pris")["gratis"] == 1
    assert facet_counts(response, "tilgaengelighed")["niveaufri"] == 1
    assert facet_counts(response, "klassetrin")["3-klasse"] == 1


def test_filters_combine(client, catalogue):
    assert titles(search(client, form="udebesoeg")) == ["Naturskolen kommer på besøg"]
    assert titles(search(client, pris="gratis", fag="historie")) == []
    assert titles(search(client, maks_pris="1000", fagomraade="kunst-design-og-arkitektur")) == [
        "Samtidskunst for gymnasiet",
        "Farver og former",
    ] or set(titles(search(client, maks_pris="1000", fagomraade="kunst-design-og-arkitektur"))) == {
        "Samtidskunst for gymnasiet",
        "Farver og former",
    }
    assert titles(search(client, maaned="10")) == ["Samtidskunst for gymnasiet"]
    assert titles(search(client, sprog="en")) == ["Vikingerne på havet"]
    assert titles(search(client, verdensmaal="14")) == ["Vikingerne på havet"]
    assert set(titles(search(client, miljoe="museum"))) == {
        "Vikingerne på havet",
        "Farver og former",
        "Samtidskunst for gymnasiet",
    }
    assert set(titles(search(client, kommune="aarhus"))) == {"Farver og former", "Samtidskunst for gymnasiet"}
    assert set(titles(search(client, region="1081"))) == {"Naturskolen kommer på besøg"}  # Nordjylland
    assert titles(search(client, tilgaengelighed="niveaufri")) == ["Farver og former"]


def test_several_values_of_one_facet_widen_the_search(client, catalogue):
    response = client.get("/tilbud/?fag=historie&fag=billedkunst")
    assert set(titles(response)) == {"Vikingerne på havet", "Farver og former"}


def test_distance_from_a_postcode_shows_and_sorts_by_distance(client, catalogue):
    response = search(client, postnummer="2300", afstand="50")
    found = titles(response)
    # Copenhagen's nature centre and Roskilde's museum are within 50 km; Aarhus is not.
    assert found[:2] == ["Dyr i skoven", "Liv i vandhullet"] or found[:2] == ["Liv i vandhullet", "Dyr i skoven"]
    assert "Vikingerne på havet" in found
    assert "Farver og former" not in found
    offers = response.context["search"].page_obj.object_list
    assert [o.distance_km for o in offers] == sorted(o.distance_km for o in offers)
    assert " km</span>" in response.content.decode()


def test_an_offer_that_comes_to_the_school_matches_by_its_travel_area(client, catalogue):
    # The travelling nature school is in Skagen but visits schools in København.
    assert "Naturskolen kommer på besøg" in titles(search(client, postnummer="2300", afstand="5"))
    assert "Naturskolen kommer på besøg" not in titles(search(client, postnummer="8000", afstand="25"))


def test_browser_position_works_like_a_postcode(client, catalogue):
    found = titles(search(client, lat="55.66", lon="12.60", afstand="10"))
    assert "Liv i vandhullet" in found and "Farver og former" not in found


def test_sorting_by_title_and_newest(client, catalogue):
    assert titles(search(client, sortering="titel")) == sorted(o.title for o in catalogue.values())
    newest = titles(search(client, sortering="nyeste"))
    assert newest[0] == "Naturskolen kommer på besøg"


def test_pagination_with_total_count(client, catalogue):
    first = search(client, antal="10", sortering="titel")
    assert first.context["search"].page_obj.paginator.num_pages == 1
    env = catalogue["pond"].get_parent().specific
    for number in range(15):
        make_offer(env, title=f"Ekstra tilbud {number:02d}")
    page_two = search(client, side="2", sortering="titel")
    search_result = page_two.context["search"]
    assert search_result.total == 21
    assert len(titles(page_two)) == 1
    assert 'rel="prev"' in page_two.content.decode()


def test_the_url_carries_the_whole_state(client, catalogue):
    response = search(client, q="natur", fag="natur-teknologi", sortering="titel", postnummer="2300")
    html = response.content.decode()
    assert 'value="natur"' in html
    assert 'name="fag" value="natur-teknologi" checked' in html
    assert '<option value="titel" selected>' in html
    assert 'value="2300"' in html
    # Links (e.g. removing a filter chip) keep the rest of the state.
    chips = dict(response.context["search"].active_filters)
    assert any("q=natur" in url and "fag=" not in url for url in chips.values())


def test_no_results_says_which_filter_to_loosen_with_counts(client, catalogue):
    response = search(client, pris="gratis", fag="historie")
    search_result = response.context["search"]
    assert search_result.total == 0
    loosen = {item.name: item.count for item in search_result.loosen}
    assert loosen == {"pris": 1, "fag": 4}
    html = response.content.decode()
    assert "Ingen tilbud passer til søgningen" in html
    assert "Uden »Fag«: 4 tilbud" in html


def test_a_misspelling_shows_the_offers_of_the_corrected_word_and_says_so(client, catalogue):
    response = search(client, q="farwer")
    result = response.context["search"]
    assert titles(response) == ["Farver og former"]
    assert result.corrected_from == "farwer" and result.text == "farver"
    assert "Ingen tilbud passede til »farwer«. Viser tilbud for »farver«." in response.content.decode()


def test_did_you_mean_comes_from_live_offers_only(client, catalogue):
    catalogue["art"].unpublish()

    refresh_offer_search()  # a full refresh rebuilds the vocabulary from live offers
    response = search(client, q="farwer")
    assert response.context["search"].total == 0
    assert response.context["search"].did_you_mean is None
    assert "Mente du" not in response.content.decode()


def test_partial_request_returns_only_the_search_fragment(client, catalogue):
    response = client.get("/tilbud/", {"q": "skoven"}, headers={"X-Search-Partial": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="offer-search"' in html and "<html" not in html
    assert "X-Search-Partial" in response["Vary"]


def test_map_view_embeds_the_results_as_json(client, catalogue):
    response = search(client, visning="kort")
    assert 'id="results-map-data"' in response.content.decode()
    assert len(response.context["search"].map_points) == len(catalogue)


def test_map_points_carry_each_offers_own_title_url_place_and_environment(client, catalogue):
    # Built from plain rows (no page instances): the values must be what the pages themselves say.
    response = search(client, visning="kort")
    request = response.wsgi_request
    points = {point["title"]: point for point in response.context["search"].map_points}
    for offer in catalogue.values():
        offer = OfferPage.objects.select_related("environment").get(pk=offer.pk)
        point = points[offer.title]
        assert point["url"] == offer.get_url(request) and point["url"].startswith("/")
        assert (point["lat"], point["lon"]) == (round(offer.latitude, 5), round(offer.longitude, 5))
        assert point["environment"] == offer.environment.title
    assert client.get(points["Liv i vandhullet"]["url"]).status_code == 200


def test_refresh_offer_search_rebuilds_documents_in_bulk(catalogue):
    OfferPage.objects.update(search_vector=None, subject_ids=[])
    assert refresh_offer_search() == len(catalogue)
    pond = OfferPage.objects.get(pk=catalogue["pond"].pk)
    assert pond.search_vector and pond.subject_ids
    assert refresh_offer_search(offer_ids=[]) == 0


def test_renaming_an_environment_updates_its_offers_search_document(client, catalogue):
    environment = catalogue["pond"].get_parent().specific
    environment.title = "Amager Strandpark Naturcenter"
    environment.save_revision().publish()
    assert "Liv i vandhullet" in titles(search(client, q="Strandpark"))


def test_cached_facet_counts_follow_every_change(client, catalogue, settings, django_capture_on_commit_callbacks):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()  # a version no earlier run has cached counts under
    assert facet_counts(search(client, fag="historie"), "pris")["gratis"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(catalogue["pond"].get_parent().specific, title="Gratis historie", subjects=["historie"])
    response = search(client, fag="historie")
    assert response.context["search"].total == 2
    assert facet_counts(response, "pris")["gratis"] == 1


def test_spelling_correction_works_without_pg_trgm(client, catalogue, monkeypatch):
    # The embedded PostgreSQL has no pg_trgm: the suggestion then comes from difflib over the vocabulary.
    monkeypatch.setitem(spelling._TRGM_AVAILABLE, connection.settings_dict["NAME"], False)
    response = search(client, q="vikingerme")
    assert response.context["search"].text == "vikingerne"
    assert titles(response) == ["Vikingerne på havet"]


def test_moving_an_environment_moves_its_offers_in_the_search(client, catalogue):
    environment = catalogue["vikings"].get_parent().specific  # Roskilde
    postcode = Postcode.lookup("5000")  # Odense
    environment.postcode = postcode
    environment.municipality = postcode.municipality
    environment.latitude, environment.longitude = postcode.latitude, postcode.longitude
    environment.save_revision().publish()
    assert "Vikingerne på havet" in titles(search(client, kommune="odense"))
    assert "Vikingerne på havet" in titles(search(client, postnummer="5000", afstand="10"))
    assert "Vikingerne på havet" not in titles(search(client, postnummer="4000", afstand="10"))


def test_cached_loosen_totals_follow_every_change(client, catalogue, settings, django_capture_on_commit_callbacks):
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()  # a version no earlier run has cached totals under
    loosen = {
        item.name: item.count for item in search(client, q="vikingerne", maks_pris="100").context["search"].loosen
    }
    assert loosen["maks_pris"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(
            catalogue["vikings"].get_parent().specific, title="Vikingerne i byen", is_free=False, price_amount=800
        )
    loosen = {
        item.name: item.count for item in search(client, q="vikingerne", maks_pris="100").context["search"].loosen
    }
    assert loosen["maks_pris"] == 2
