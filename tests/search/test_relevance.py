"""What a teacher types, understood: compounds, several words, grade and SDG phrases, no over-eager prefixes."""

from __future__ import annotations

import pytest

from curriculum.models import SustainableDevelopmentGoal
from offers.models import EnvironmentType
from offers.search.compounds import split_compound
from offers.search.index import refresh_page_search
from offers.search.text import parse_query
from tests.conftest import make_environment, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def environment(environment_index):
    """A place whose name and type say nothing of nature (the default one is a nature centre)."""
    return make_environment(
        environment_index, title="Vestegnens Hus", environment_type=EnvironmentType.objects.get(slug="museum")
    )


def make(environment, title, **kwargs):
    kwargs.setdefault("subjects", ["dansk"])
    kwargs.setdefault("teaser", "Et forløb for klassen.")
    kwargs.setdefault("description", "<p>Eleverne arbejder i grupper.</p>")
    return make_offer(environment, title=title, **kwargs)


def search(client, **params):
    response = client.get("/tilbud/", params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [offer.title for offer in response.context["search"].page_obj.object_list]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("skovtur", ("skov", "tur")),
        ("kunstmuseum", ("kunst", "museum")),
        ("affaldssortering", ("affald", "sortering")),
        ("vikingeskibe", ("viking", "skib")),
        ("naturskolen", ("natur", "skole")),
        ("matematik", None),
        ("planeterne", None),
        ("undervisning", None),
    ],
)
def test_danish_compounds_split_from_the_word_list(word, parts):
    assert split_compound(word) == parts


def test_a_compound_meets_its_parts_written_apart_and_the_other_way_round(client, environment):
    make(environment, title="Tur i skoven", teaser="Vi går en tur og ser på træerne.")
    make(environment, title="Kunst", teaser="Et museum for kunst fra hele verden.")
    make(environment, title="Vores naturcenter", teaser="Et besøg i centret.")
    assert titles(search(client, q="skovtur")) == ["Tur i skoven"]
    assert titles(search(client, q="kunstmuseum"))[0] == "Kunst"  # then the other offers of this museum
    assert titles(search(client, q="natur")) == ["Vores naturcenter"]  # the index carries the parts


def test_a_one_word_compound_opens_with_offers_about_it_not_one_matching_its_parts_far_apart(client, environment_index):
    """ "skovtur": "Museet i Skoven" with "en tur på museet" has both parts, but it is no forest trip."""
    museum = make_environment(
        environment_index, title="Museet i Skoven", environment_type=EnvironmentType.objects.get(slug="museum")
    )
    forest = make_environment(environment_index, title="Vestegnens Naturcenter", postcode="4000")
    make(museum, title="Museumsleg for de mindste", teaser="En legende tur på museet for børnehavebørn.")
    make(forest, title="Spor i skoven", teaser="Vi finder spor af dyr.")
    make(forest, title="En dag med naturvejlederen", teaser="Vi går en tur i skoven og ser på træerne.")
    make(forest, title="Skovens dyr", teaser="Dyrene i skovene.")
    found = titles(search(client, q="skovtur"))
    # The parts near each other first ("tur i skoven"), then offers about the forest; the museum last.
    assert found[0] == "En dag med naturvejlederen"
    assert set(found[1:3]) == {"Spor i skoven", "Skovens dyr"}
    assert found[3:] == ["Museumsleg for de mindste"]


def test_no_prefix_matching_across_to_unrelated_words(client, environment):
    make(environment, title="Ænder i søen", teaser="Vi ser på ænderne.")
    make(environment, title="Ændringer i landskabet", teaser="Klimaet ændrer kysten.")
    make(environment, title="Dansk og litteratur")
    make(environment, title="Dans og bevægelse")
    assert titles(search(client, q="ænder")) == ["Ænder i søen"]
    assert titles(search(client, q="dans")) == ["Dans og bevægelse"]


def test_several_words_show_the_best_partial_matches_with_a_note(client, environment):
    make(environment, title="Vikingetiden", teaser="Runer og rejser.")
    response = search(client, q="vikinger i danmark")
    result = response.context["search"]
    assert titles(response) == ["Vikingetiden"]
    assert result.partial and result.missing_words == ["danmark"]
    html = response.content.decode()
    assert "Intet tilbud har alle ordene" in html and "»danmark«" in html


def test_all_words_are_required_when_that_finds_enough(client, environment):
    for number in range(10):
        make(environment, title=f"Skoven og dyrene {number}")
    make(environment, title="Dyr i zoo")
    response = search(client, q="skoven dyr")
    assert response.context["search"].total == 10 and not response.context["search"].partial


def test_title_then_subjects_then_teaser_then_description(client, environment):
    make(environment, title="Om naturen", description="<p>Vi taler også om planeter.</p>")
    make(environment, title="Himlen", teaser="Planeter og stjerner.")
    make(environment, title="Planeter")
    assert titles(search(client, q="planeter")) == ["Planeter", "Himlen", "Om naturen"]


def test_grade_phrases_mean_grades(client, environment):
    make(environment, title="Historie for de små", subjects=["historie"], grades=("1-klasse", "3-klasse"))
    make(environment, title="Historie for de store", subjects=["historie"], grades=("7-klasse", "9-klasse"))
    response = search(client, q="3. klasse historie")
    assert titles(response) == ["Historie for de små"]
    assert "3. klasse" in response.context["search"].understood
    assert titles(search(client, q="historie udskoling")) == ["Historie for de store"]
    assert titles(search(client, q="indskoling")) == ["Historie for de små"]


def test_sdg_words_mean_sdgs(client, environment):
    climate = make(environment, title="Vejret i fremtiden")
    climate.sdgs.set(SustainableDevelopmentGoal.objects.filter(number=13))
    climate.save()
    refresh_page_search(climate)
    make(environment, title="Vejret i dag")
    assert titles(search(client, q="verdensmål 13")) == ["Vejret i fremtiden"]
    assert titles(search(client, q="klimaindsats")) == ["Vejret i fremtiden"]
    assert titles(search(client, q="verdensmålene")) == ["Vejret i fremtiden"]


def test_nothing_for_the_grade_shows_the_words_for_all_grades_and_says_so(client, environment):
    make(environment, title="Programmering", grades=("7-klasse", "9-klasse"))
    response = search(client, q="programmering for indskoling")
    assert titles(response) == ["Programmering"]
    assert "Viser tilbud uden den betingelse" in response.content.decode()


def test_parse_query_drops_stop_words_and_keeps_dotted_names():
    parsed = parse_query("H.C. Andersen og eventyrene")
    assert [term.word for term in parsed.terms] == ["h.c", "andersen", "eventyrene"]
