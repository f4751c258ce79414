"""'Mente du …?' and the automatic correction only take a word for a misspelling of a close word."""

from __future__ import annotations

import pytest
from django.db import connection

from offers.search import spelling
from offers.search.index import bump_search_version
from offers.search.spelling import edit_distance, suggest_spelling
from tests.conftest import make_environment, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def randers(environment_index):
    environment = make_environment(environment_index, title="Science Center Randers", postcode="8900")
    return make_offer(environment, title="Programmering i Randers")


def test_a_name_no_offer_has_is_not_corrected_to_a_different_name(client, randers):
    # "andersen" and "randers" are similar by trigrams (0.31), but three edits apart.
    assert suggest_spelling("andersen") is None
    response = client.get("/tilbud/", {"q": "H.C. Andersen"})
    result = response.context["search"]
    assert result.total == 0 and not result.corrected_from
    assert "Randers" not in response.content.decode().split('id="offer-search"', 1)[1].split("</form>", 1)[1]


@pytest.mark.parametrize("trigram", [True, False])
def test_a_typing_mistake_is_still_corrected(randers, monkeypatch, trigram):
    if not trigram:
        monkeypatch.setitem(spelling._TRGM_AVAILABLE, connection.settings_dict["NAME"], False)
    assert suggest_spelling("programering") == "programmering"  # one letter missing
    assert suggest_spelling("prgoramering") == "programmering"  # two mistakes in a long word


def test_edit_distance_counts_swaps_as_one_and_stops_at_the_limit():
    assert edit_distance("farwer", "farver", 2) == 1
    assert edit_distance("vikinegr", "vikinger", 2) == 1
    assert edit_distance("andersen", "randers", 2) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def test_a_cached_correction_follows_a_newly_published_word(
    client, randers, settings, django_capture_on_commit_callbacks
):
    # Corrections are cached under the search version; publishing an offer with a new word bumps it.
    settings.OFFER_SEARCH_CACHE_SECONDS = 300
    bump_search_version()
    first = client.get("/tilbud/", {"q": "akvarelmalnig"}).context["search"]
    assert first.total == 0 and not first.corrected_from
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(randers.get_parent().specific, title="Akvarelmaling i skolen")
    second = client.get("/tilbud/", {"q": "akvarelmalnig"}).context["search"]
    assert second.corrected_from == "akvarelmalnig" and second.total == 1
