"""The demo dataset: counts, coherence, determinism, idempotence and pages that work like any other."""

from __future__ import annotations

import io
import sys
import types
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from modelsearch.backends.database.postgres.postgres import IndexEntry
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from curriculum.models import Grade, Subject
from demo.content import PROFILES
from demo.environment_plan import Reference, plan_environments
from demo.factories import LearningEnvironmentContactFactory, LearningEnvironmentPageFactory, OfferPageFactory
from demo.offer_plan import plan_all_offers
from demo.offers import EXTENSION_MODULES, run_extensions, seed_demo
from offers.models import LearningEnvironmentPage, OfferFormat, OfferPage, OfferSearchRow

# The other apps' demo data (run by the command) has tests of its own; these build the offers only.
SMALL = {"seed": 7, "offers": 300, "environments": 80, "extensions": False}
SCHOOL_LOW, SCHOOL_HIGH = Grade.position_for_school_grade(0), Grade.position_for_school_grade(10)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def small_demo(django_db_setup, django_db_blocker):
    """One small dataset shared by a class of read-only tests, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo(**SMALL)
        transaction.set_rollback(True)


def offer_titles() -> list[str]:
    return list(OfferPage.objects.order_by("path").values_list("title", flat=True))


def test_default_dataset_covers_every_kommune_with_2500_offers_from_525_environments():
    seed_demo(extensions=False)

    assert LearningEnvironmentPage.objects.live().count() == 525
    assert OfferPage.objects.live().count() == 2500
    assert LearningEnvironmentPage.objects.values("municipality").distinct().count() == 98
    assert OfferPage.objects.values("municipality").distinct().count() == 98
    types = Counter(LearningEnvironmentPage.objects.values_list("environment_type__slug", flat=True))
    assert len(types) == 14, "every type of learning environment is used"
    assert types.most_common(1)[0][0] == "museum"
    for well_represented in ("forening", "naturcenter", "virksomhed", "science-center"):
        assert types[well_represented] >= 20, well_represented
    assert Page.find_problems() == ([], [], [], [], [])

    # Each environment's offers are its own: no title + teaser twice, and no title all over the results.
    rows = list(OfferPage.objects.values_list("title", "teaser"))
    assert len(set(rows)) == len(rows) == 2500
    titles = Counter(title for title, _ in rows)
    assert len(titles) > 1200, "titles drawn from the environment's town and type, not a few dozen themes"
    assert titles.most_common(1)[0][1] <= 25, titles.most_common(5)
    assert len({teaser for _, teaser in rows}) > 2000
    newest = list(OfferPage.objects.live().order_by("-first_published_at").values_list("title", flat=True)[:20])
    assert len(set(newest)) == 20, "the first page of /tilbud/ repeats no title"


# What a place of a given name may teach (by words in its name), written independently of the demo's
# profiles: a cyclists' association teaches traffic, never democracy; a waterworks water, not waste.
FITTING_THEMES = {
    "Cyklist": {"traffic"},
    "Vandværket": {"water-supply", "climate"},
    "Renseanlægget": {"water-supply", "climate"},
    "Fjernvarme": {"energy", "climate"},
    "Affald og Genbrug": {"waste", "climate"},
    "Ornitologiske": {"birds", "forest"},
    "Planetarium": {"space", "light-sound", "everyday-math"},
    "Sparekasse": {"money", "careers"},
    "IT-hus": {"programming", "careers"},
    "Havn": {"harbour", "careers"},
    "Mejeri": {"farm-to-table", "careers"},
    "Jernbanemuseet": {"industry", "innovation", "careers"},
    "Geologisk Museum": {"fossils", "evolution", "climate"},
    "Spejderne": {"scouting", "outdoor-life", "forest", "nature-play"},
    "Røde Kors": {"first-aid", "democracy"},
}
# Themes only some kinds of place teach (environment type slugs).
THEMES_BY_TYPE = {
    "democracy": {"forening", "andet"},
    "traffic": {"forening"},
    "first-aid": {"forening"},
    "town-hall": {"andet"},
    "stone-age": {"museum"},
    "vikings": {"museum"},
    "careers": {"museum", "virksomhed", "uddannelsesinstitution"},
}


def test_default_plan_gives_every_place_themes_that_fit_its_kind_and_name():
    reference = Reference.load()
    plan = plan_environments(reference, seed=2019, environments=525, offers=2500)
    profile_types = {profile.key: profile.type_slug for profile in PROFILES}
    checked = Counter()
    pairs = set()
    for planned, offers in plan_all_offers(plan, reference, seed=2019):
        name, kind = planned.page.title, profile_types[planned.profile.key]
        for offer in offers:
            pairs.add((offer.page.title, offer.page.teaser))
            assert kind in THEMES_BY_TYPE.get(offer.theme, {kind}), (name, offer.page.title, offer.theme)
            for word, fitting in FITTING_THEMES.items():
                if word in name:
                    assert offer.theme in fitting, (name, offer.page.title, offer.theme)
                    checked[word] += 1
            # The teaser says where (the town or the place's own name) and, for visits, for whom or in what.
            assert planned.town in offer.page.teaser or name in offer.page.teaser, offer.page.teaser
    assert len(pairs) == 2500
    assert len(checked) >= 10, f"the default plan has places of most of these names: {checked}"


@pytest.mark.usefixtures("small_demo")
class TestSmallDemo:
    """Read-only checks of one small dataset (seed 7: 300 offers from 80 environments)."""

    def test_small_dataset_has_the_asked_counts_and_one_kommune_per_environment(self, small_demo, db):
        assert small_demo.environments_created == 80
        assert small_demo.offers_created == 300
        assert LearningEnvironmentPage.objects.values("municipality").distinct().count() == 80
        environments = LearningEnvironmentPage.objects.all()
        for environment in environments:
            children = OfferPage.objects.child_of(environment)
            assert children.count() >= 1
            assert environment.numchild == children.count()
            assert environment.contacts.exists()
            assert environment.latitude and environment.longitude

    def test_offer_grades_agree_with_their_subjects(self, small_demo, db):
        offers = OfferPage.objects.prefetch_related("subjects").select_related("grade_from", "grade_to")
        for offer in offers:
            assert offer.grade_min == offer.grade_from.position <= offer.grade_max == offer.grade_to.position
            ranged = [s for s in offer.subjects.all() if s.position_from is not None]
            for subject in ranged:
                assert subject.is_taught_between(offer.grade_min, offer.grade_max), (offer.title, subject.name)
            if ranged:
                # The offer's school grades lie within the grades its subjects are taught (give or take
                # 0. and 10. klasse, which no subject's range names).
                low, high = max(offer.grade_min, SCHOOL_LOW), min(offer.grade_max, SCHOOL_HIGH)
                assert min(s.position_from for s in ranged) - 1 <= low, offer.title
                assert high <= max(s.position_to for s in ranged) + 1, offer.title
            assert offer.subject_grade_warnings() == []
            assert offer.subject_areas.exists()

    def test_fysik_kemi_offers_target_7_to_9_klasse(self, small_demo, db):
        offers = OfferPage.objects.filter(subjects__slug="fysik-kemi")
        assert offers.exists()
        for offer in offers:
            assert offer.grade_max >= Grade.position_for_school_grade(7)
            assert offer.grade_min <= Grade.position_for_school_grade(9)

    def test_offers_vary_in_format_price_season_and_language(self, small_demo, db):
        offers = OfferPage.objects.all()
        formats = Counter(f for row in offers.values_list("formats", flat=True) for f in row)
        assert set(formats) == set(OfferFormat.values)
        assert offers.filter(is_free=True).exists()
        paid = offers.filter(is_free=False)
        assert paid.exists()
        assert not paid.filter(price_amount__isnull=True).exists()
        assert not offers.filter(is_free=True, price_amount__isnull=False).exists()
        months = Counter(m for row in offers.values_list("months", flat=True) for m in row)
        assert {3, 5, 9, 12} <= set(months), "offers run in every season"
        languages = Counter(tuple(row) for row in offers.values_list("languages", flat=True))
        assert languages[("da",)] > len(offers) / 2
        assert offers.filter(sdgs__isnull=False).exists()
        assert not offers.filter(booking_email="", booking_phone="", booking_url="").exists()
        assert not offers.filter(last_verified__isnull=True).exists()

    def test_offers_at_schools_come_from_environments_that_travel(self, small_demo, db):
        at_school = OfferPage.objects.filter(formats__contains=[OfferFormat.AT_SCHOOL])
        assert at_school.exists()
        for offer in at_school.select_related("environment"):
            environment = offer.environment
            assert environment.travel_radius_km or environment.travel_municipalities.exists(), offer.title

    def test_bulk_pages_form_a_valid_tree_with_wagtail_fields(self, small_demo, db):
        assert Page.find_problems() == ([], [], [], [], [])
        for offer in OfferPage.objects.select_related("environment")[:50]:
            parent = offer.get_parent()
            assert parent.pk == offer.environment_id
            assert offer.url_path == f"{parent.url_path}{offer.slug}/"
            assert offer.live and offer.first_published_at and offer.draft_title == offer.title
            offer.full_clean()  # what the admin's form would demand

    def test_a_bulk_created_offer_renders_is_editable_and_found_by_admin_search(
        self, small_demo, db, client, django_user_model
    ):
        offer = OfferPage.objects.order_by("path").last()
        response = client.get(offer.url)
        assert response.status_code == 200
        assert offer.title in response.content.decode()

        client.force_login(django_user_model.objects.get(username="admin"))
        assert client.get(f"/admin/pages/{offer.pk}/edit/").status_code == 200
        assert client.get(f"/admin/pages/{offer.environment_id}/").status_code == 200
        results = client.get("/admin/pages/search/", {"q": offer.title})
        assert offer.title in results.content.decode()

    def test_bulk_offers_have_search_documents_and_are_found_by_the_public_search(self, small_demo, db, client):
        assert not OfferPage.objects.filter(search_vector__isnull=True).exists()
        offer = OfferPage.objects.filter(subjects__slug="historie").order_by("path").first()
        assert set(offer.subject_ids) == set(offer.subjects.values_list("pk", flat=True))
        response = client.get("/tilbud/", {"q": offer.title})
        assert response.status_code == 200
        assert offer.title in response.content.decode()

    def test_bulk_search_index_entries_equal_the_ones_wagtail_writes_itself(self, small_demo, db):
        for model in (OfferPage, LearningEnvironmentPage):
            pages = list(model.get_indexed_objects().order_by("pk")[:25])
            content_type = ContentType.objects.get_for_model(model)

            def entries(content_type=content_type, pages=pages):
                rows = IndexEntry.objects.filter(content_type=content_type, object_id__in=[str(p.pk) for p in pages])
                return {e.object_id: (e.title, e.autocomplete, e.body, e.title_text, e.body_text) for e in rows}

            from_bulk_path = entries()
            assert len(from_bulk_path) == len(pages)
            get_search_backend().add_bulk(model, pages)  # modelsearch's own add_items
            assert entries() == from_bulk_path


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    with transaction.atomic():
        seed_demo(**SMALL)
        first = offer_titles()
        transaction.set_rollback(True)
    with transaction.atomic():
        seed_demo(**SMALL)
        second = offer_titles()
        transaction.set_rollback(True)
    seed_demo(**{**SMALL, "seed": 8})
    assert first == second
    assert len(first) == 300
    assert offer_titles() != first


def test_running_again_adds_nothing():
    seed_demo(**SMALL)
    pages = Page.objects.count()
    again = seed_demo(**SMALL)
    assert again.environments_created == again.offers_created == 0
    assert again.environments_skipped == 80
    assert Page.objects.count() == pages
    assert Page.find_problems() == ([], [], [], [], [])


def test_if_empty_leaves_an_existing_catalogue_alone(offer):
    call_command("seed_demo", "--if-empty", "--offers", "10", "--environments", "3")
    assert OfferPage.objects.count() == 1
    assert not LearningEnvironmentPage.objects.exclude(pk=offer.environment_id).exists()


def test_seeding_leaves_the_planner_statistics_of_the_tables_it_filled():
    """A benchmark right after a bulk seed must not be planned on an empty table's estimates."""
    result = seed_demo(seed=1, offers=40, environments=5, extensions=False)
    assert result.offers_created == 40
    with connection.cursor() as cursor:
        for model in (OfferPage, OfferSearchRow, Page):
            table = model._meta.db_table
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            assert cursor.fetchone()[0] == model.objects.count(), table  # -1 or 0: never analysed
            cursor.execute("SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND tablename = %s", [table])
            assert cursor.fetchone()[0] > 0, table


def test_demo_admin_can_log_in():
    seed_demo(seed=1, offers=5, environments=2, extensions=False)
    user = authenticate(username="admin", password="skoletjenesten")
    assert user is not None and user.is_superuser


def test_command_rejects_impossible_sizes():
    with pytest.raises(CommandError, match="environments"):
        call_command("seed_demo", "--environments", "0")
    with pytest.raises(CommandError, match="offers"):
        call_command("seed_demo", "--offers", "-1")


@pytest.fixture
def fake_extensions(monkeypatch):
    """Stand-ins for the apps' demo modules that record when they ran and how many offers existed then."""
    calls = []
    for name in EXTENSION_MODULES:
        module = types.ModuleType(name)

        def seed_demo_data(*, seed, stdout, name=name):
            calls.append((name, seed, OfferPage.objects.count()))
            stdout.write(f"{name} ran")

        module.seed_demo_data = seed_demo_data
        monkeypatch.setitem(sys.modules, name, module)
    return calls


def test_command_runs_the_apps_demo_data_in_order_after_the_offers(fake_extensions):
    out = io.StringIO()
    call_command("seed_demo", "--seed", "3", "--offers", "12", "--environments", "4", stdout=out)
    assert fake_extensions == [(name, 3, 12) for name in EXTENSION_MODULES]
    assert "demo.catalogue ran" in out.getvalue()
    assert "12 offers" in out.getvalue()


def test_missing_extension_modules_are_skipped(monkeypatch):
    for name in EXTENSION_MODULES:
        monkeypatch.setitem(sys.modules, name, None)  # importing it raises ModuleNotFoundError
    assert run_extensions(seed=1, stdout=None) == []


def test_factories_create_pages_under_their_parent(environment_index):
    environment = LearningEnvironmentPageFactory(parent=environment_index, title="Vikingecenter Fyrkat")
    LearningEnvironmentContactFactory(environment=environment, domain="fyrkat.dk")
    offer = OfferPageFactory(parent=environment, subjects=list(Subject.objects.filter(slug="historie")))

    offer.refresh_from_db()
    assert offer.get_parent().pk == environment.pk
    assert offer.environment_id == environment.pk and offer.municipality_id == environment.municipality_id
    assert list(offer.subjects.values_list("slug", flat=True)) == ["historie"]
    assert environment.contacts.get().email.endswith("@fyrkat.dk")
    assert Page.find_problems() == ([], [], [], [], [])
