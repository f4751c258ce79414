"""Scoped search (kommune → neighbours → country) and the consultant's local-supply overview."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from curriculum.models import Grade, SubjectArea
from demo.factories import make_environment, make_offer
from geography.models import Municipality
from municipalities.models import GoalKind, MunicipalContentPage, MunicipalGoal, MunicipalHighlightedOffer
from municipalities.selectors import local_supply, neighbouring_municipalities, offers_for_scope
from offers.models import EnvironmentType, LearningEnvironmentPage

from .conftest import home_of, is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(aarhus_site, environment_index):
    """Offers in Aarhus, in a neighbour (Skanderborg), far away, and one the kommune organises itself."""
    aarhus = make_environment(environment_index, title="Moesgaard Museum", postcode="8270")
    neighbour = make_environment(environment_index, title="Skanderborg Naturskole", postcode="8660")
    far = make_environment(environment_index, title="Nationalmuseet", postcode="1220")
    home = home_of(aarhus_site)
    organiser = LearningEnvironmentPage(
        title="Aarhus Kommune – virksomhedsbesøg",
        environment_type=EnvironmentType.objects.get(slug="virksomhed"),
        street_address="Rådhuspladsen 2",
        postcode=aarhus.postcode,
    )
    home.add_child(instance=organiser)
    return {
        "local": make_offer(
            aarhus, title="Vikingetiden", grades=("3-klasse", "5-klasse"), subject_areas=["kulturhistoriske-museer"]
        ),
        "neighbour": make_offer(neighbour, title="Skovens dyr"),
        "far": make_offer(far, title="Danmarks oldtid", subject_areas=["kulturhistoriske-museer"]),
        "company": make_offer(
            organiser,
            title="Besøg på vindmøllefabrikken",
            grades=("7-klasse", "9-klasse"),
            subjects=["fysik-kemi"],
            subject_areas=["erhverv-og-virksomheder"],
            formats=["besoeg"],
        ),
    }


def titles(response) -> set[str]:
    return set(re.findall(r'class="offer-card__title"><a href="[^"]*">([^<]+)</a>', response.content.decode()))


def test_search_defaults_to_the_kommune_and_widens_in_one_click(client, offers):
    kommune = client.get("/tilbud/", HTTP_HOST="aarhus.localhost")
    assert titles(kommune) == {"Vikingetiden", "Besøg på vindmøllefabrikken"}
    html = kommune.content.decode()
    neighbours_link = re.search(r'class="scope-switch__link" href="([^"]+omraade=naboer[^"]*)"', html).group(1)
    widened = client.get("/tilbud/" + neighbours_link.replace("&amp;", "&"), HTTP_HOST="aarhus.localhost")
    assert titles(widened) == {"Vikingetiden", "Besøg på vindmøllefabrikken", "Skovens dyr"}
    assert "Skanderborg" in widened.content.decode()
    country = client.get("/tilbud/", {"omraade": "hele-landet"}, HTTP_HOST="aarhus.localhost")
    assert "Danmarks oldtid" in titles(country)


def test_scope_survives_filters_and_the_search_text(client, offers):
    response = client.get(
        "/kommuner/aarhus/tilbud/", {"omraade": "hele-landet", "q": "oldtid", "fagomraade": "kulturhistoriske-museer"}
    )
    assert titles(response) == {"Danmarks oldtid"}
    html = response.content.decode()
    assert '<input type="hidden" name="omraade" value="hele-landet">' in html


def test_highlighted_offer_joins_the_kommune_scope(offers, aarhus_site):
    home = home_of(aarhus_site)
    assert offers["far"] not in offers_for_scope(home=home)
    MunicipalHighlightedOffer.objects.create(page=home, offer=offers["far"])
    assert offers["far"] in offers_for_scope(home=home)


def test_kommune_organised_offers_are_ordinary_offers_in_the_national_search(client, offers):
    company = offers["company"]
    assert company.environment.title == "Aarhus Kommune – virksomhedsbesøg"
    assert company.municipality.name == "Aarhus"
    national = client.get("/tilbud/", {"q": "vindmøllefabrikken"})
    assert "Besøg på vindmøllefabrikken" in titles(national)


@pytest.mark.parametrize(
    "params",
    [
        {"omraade": "<script>alert(1)</script>"},
        {"omraade": ["naboer", "hele-landet"], "side": "-3"},
        {"klassetrin": "99-klasse", "antal": "7"},
        {"q": "x" * 500, "maks_pris": "gratis"},
    ],
)
def test_bad_input_gives_notices_not_errors(client, offers, params):
    response = client.get("/tilbud/", params, HTTP_HOST="aarhus.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dele af søgningen blev ignoreret" in html
    assert "<script>alert(1)</script>" not in html


def test_neighbours_are_within_the_radius(settings):
    settings.MUNICIPAL_NEIGHBOUR_RADIUS_KM = 35
    aarhus = Municipality.objects.get(code="0751")
    names = set(neighbouring_municipalities(aarhus).values_list("name", flat=True))
    assert {"Skanderborg", "Favrskov", "Syddjurs", "Odder"} <= names
    assert "Aarhus" not in names and "København" not in names
    bornholm = Municipality.objects.get(code="0400")
    assert not neighbouring_municipalities(bornholm).exists()


def test_local_supply_counts_gaps_and_goal_progress(offers, aarhus_site):
    home = home_of(aarhus_site)
    MunicipalGoal.objects.create(
        page=home,
        kind=GoalKind.SCOPE,
        title="Mindst 2 virksomhedstilbud til 7.–9. klasse",
        target_count=2,
        environment_type=EnvironmentType.objects.get(slug="virksomhed"),
        grade_from=Grade.objects.get(slug="7-klasse"),
        grade_to=Grade.objects.get(slug="9-klasse"),
    )
    MunicipalGoal.objects.create(page=home, kind=GoalKind.AWARENESS, title="Flere elever søger erhvervsuddannelser")
    overview = local_supply(home=home)

    assert overview.total == 2
    rows = {row.band.slug: row for row in overview.rows}
    culture = [area.slug for area in overview.areas].index("kulturhistoriske-museer")
    business = [area.slug for area in overview.areas].index("erhverv-og-virksomheder")
    assert rows["indskoling"].cells[culture] == 1 and rows["mellemtrin"].cells[culture] == 1
    assert rows["udskoling"].cells[business] == 1 and rows["udskoling"].cells[culture] == 0
    assert [band.slug for band in overview.band_gaps] == ["dagtilbud", "10-klasse", "ungdomsuddannelse"]
    assert SubjectArea.objects.get(slug="naturfag-og-naturvidenskab") in overview.area_gaps

    (progress,) = overview.goals
    assert (progress.count, progress.target, progress.percent, progress.met) == (1, 2, 50, False)
    assert [goal.title for goal in overview.unmeasured_goals] == ["Flere elever søger erhvervsuddannelser"]


def test_supply_overview_page_for_own_kommune_only(client, offers, aarhus_consultant, odense_consultant, admin_user):
    client.force_login(aarhus_consultant)
    response = client.get("/admin/kommunesites/lokalt-udbud/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    assert "Ingen lokale tilbud til Dagtilbud" in html
    assert is_denied(client.get("/admin/kommunesites/lokalt-udbud/", {"kommune": "0461"}))
    # Each count links to the kommune's search showing exactly those offers.
    overview = response.context["overview"]
    business = [area.slug for area in overview.areas].index("erhverv-og-virksomheder")
    (udskoling,) = [row for row in overview.rows if row.band.slug == "udskoling"]
    count, link = udskoling.cells_with_links[business]
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("aarhus.localhost", "/tilbud/")
    assert titles(client.get(f"{parts.path}?{parts.query}", HTTP_HOST=parts.netloc)) == {"Besøg på vindmøllefabrikken"}
    assert count == 1

    client.force_login(odense_consultant)
    assert "Odense" in client.get("/admin/kommunesites/lokalt-udbud/").content.decode()
    assert is_denied(client.get("/admin/kommunesites/lokalt-udbud/", {"kommune": "0751"}))

    client.force_login(admin_user)
    response = client.get("/admin/kommunesites/lokalt-udbud/", {"kommune": "0461"})
    assert response.status_code == 200 and response.context["selected"].municipality.name == "Odense"


def test_content_page_blocks_list_offers_by_saved_filter_and_show_contacts(client, offers, aarhus_site):
    page = MunicipalContentPage(title="Virksomhedsbesøg", slug="virksomheder")
    page.body = [
        (
            "offer_list",
            {
                "heading": "Virksomheder for udskolingen",
                "scope": "kommune",
                "grade_from": "7-klasse",
                "grade_to": "9-klasse",
                "subject_area": "erhverv-og-virksomheder",
                "environment_type": "",
                "free_only": False,
                "limit": 6,
            },
        ),
        ("contact_card", {"name": "Mette Holm", "role": "Åben skole-konsulent", "email": "meho@aarhus.dk"}),
    ]
    home_of(aarhus_site).add_child(instance=page)
    response = client.get("/kommuner/aarhus/virksomheder/")
    html = response.content.decode()
    assert titles(response) == {"Besøg på vindmøllefabrikken"}
    assert "Mette Holm" in html and 'href="mailto:meho@aarhus.dk"' in html
    link = re.search(r'href="(/kommuner/aarhus/tilbud/\?[^"]+)">Se alle tilbud', html).group(1).replace("&amp;", "&")
    assert titles(client.get(link)) == {"Besøg på vindmøllefabrikken"}


def test_supply_overview_has_no_unlabelled_button_scrollable_boxes_and_valid_meters(
    client, offers, aarhus_site, aarhus_consultant
):
    """WCAG beyond axe: no icon-only "+" link, scroll boxes reachable by keyboard, <meter> value within max."""
    home = home_of(aarhus_site)
    MunicipalGoal.objects.create(
        page=home,
        kind=GoalKind.SCOPE,
        title="Mindst 1 tilbud i kommunen",
        target_count=1,  # two offers: the goal is exceeded
    )
    client.force_login(aarhus_consultant)
    html = client.get("/admin/kommunesites/lokalt-udbud/").content.decode()

    assert "button--icon" not in html  # Wagtail's header draws a bare "+" when the context has an action_url
    for box in ("supply__chart", "supply__table-wrap"):
        (tag,) = re.findall(rf'<div class="{box}"[^>]*>', html)
        assert 'tabindex="0"' in tag and 'role="region"' in tag and 'aria-label="' in tag
    (meter,) = re.findall(r"<meter [^>]*>", html)
    value, maximum = (float(re.search(rf'{name}="([\d.]+)"', meter).group(1)) for name in ("value", "max"))
    assert value <= maximum == 1
    assert "nået" in html
