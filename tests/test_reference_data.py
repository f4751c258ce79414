import pytest
from django.core.management import call_command

from curriculum.models import Grade, Subject, SubjectArea, SustainableDevelopmentGoal, TargetGroup
from geography.models import Municipality, Postcode, Region
from offers.models import EnvironmentType

pytestmark = pytest.mark.django_db


def test_geography_counts():
    assert Region.objects.count() == 5
    assert Municipality.objects.count() == 98
    per_region = {region.short_name: region.municipalities.count() for region in Region.objects.all()}
    assert per_region == {"Hovedstaden": 29, "Sjælland": 17, "Syddanmark": 22, "Midtjylland": 19, "Nordjylland": 11}
    assert Postcode.objects.count() == 605


def test_municipality_slugs_spell_danish_letters():
    assert Municipality.objects.get(code="0101").slug == "koebenhavn"
    assert Municipality.objects.get(name="Aabenraa").slug == "aabenraa"
    assert Municipality.objects.get(name="Ærø").slug == "aeroe"


def test_postcode_lookup_understands_copenhagen_ranges():
    assert Postcode.lookup("1550").name == "København V"
    assert Postcode.lookup(8000).municipality.name == "Aarhus"
    assert Postcode.lookup("0000") is None
    assert Postcode.lookup("abc") is None


def test_target_groups_and_grades():
    assert list(TargetGroup.objects.values_list("slug", flat=True)) == ["dagtilbud", "grundskole", "ungdomsuddannelse"]
    assert Grade.objects.filter(target_group__slug="grundskole").count() == 11  # 0.–10. klasse
    assert set(Grade.objects.filter(target_group__slug="ungdomsuddannelse").values_list("slug", flat=True)) == {
        "stx",
        "hhx",
        "htx",
        "hf",
        "eud",
        "eux",
    }
    assert set(Grade.objects.filter(target_group__slug="dagtilbud").values_list("slug", flat=True)) == {
        "vuggestue",
        "boernehave",
    }
    assert Grade.objects.get(slug="3-klasse").position == Grade.position_for_school_grade(3)


def test_subjects_carry_the_grades_they_are_taught_in():
    physics = Subject.objects.get(slug="fysik-kemi")
    assert (physics.position_from, physics.position_to) == (
        Grade.position_for_school_grade(7),
        Grade.position_for_school_grade(9),
    )
    assert Subject.objects.get(slug="engelsk").position_from == Grade.position_for_school_grade(2)  # L 41
    assert Subject.objects.filter(kind="emne").count() == 3
    assert Subject.objects.filter(slug="teknologiforstaaelse").exists()


def test_subject_areas_cover_catalogue_sections_and_broad_areas():
    sections = SubjectArea.objects.filter(catalogue_position__lte=7)
    assert sections.count() == 7
    assert set(SubjectArea.objects.values_list("broad_area", flat=True)) == {
        "kunst",
        "kultur",
        "natur",
        "stem",
        "erhverv",
    }


def test_sdgs_have_danish_names_and_colours():
    assert SustainableDevelopmentGoal.objects.count() == 17
    goal = SustainableDevelopmentGoal.objects.get(number=13)
    assert (goal.name, goal.colour) == ("Klimaindsats", "#3F7E44")


def test_environment_types():
    assert EnvironmentType.objects.count() == 14
    assert EnvironmentType.objects.filter(slug="museum").exists()


def test_loading_twice_changes_nothing():
    before = (Municipality.objects.count(), Postcode.objects.count(), Subject.objects.count())
    call_command("load_reference_data")
    call_command("load_reference_data")
    assert (Municipality.objects.count(), Postcode.objects.count(), Subject.objects.count()) == before
