"""Collaboration agreements: a kommune's consultant keeps their own kommune's agreements, and only those."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from curriculum.models import Grade, Subject
from geography.models import Municipality
from partnerships.models import AgreementContact, CollaborationAgreement

from .conftest import make_consultant, make_municipal_site

LIST_URL = "wagtailsnippets_partnerships_collaborationagreement:list"
ADD_URL = "wagtailsnippets_partnerships_collaborationagreement:add"
EDIT_URL = "wagtailsnippets_partnerships_collaborationagreement:edit"
DELETE_URL = "wagtailsnippets_partnerships_collaborationagreement:delete"
HISTORY_URL = "wagtailsnippets_partnerships_collaborationagreement:history"
OVERVIEW_URL = "agreement_overview:index"


def make_agreement(municipality, school_name, *, written=True, school_contacts=2, company="Vandværket A/S"):
    agreement = CollaborationAgreement.objects.create(
        municipality=municipality,
        school_name=school_name,
        partner_company=company,
        goal_kind="kendskab",
        written_agreement=written,
        start_date=datetime.date(2025, 8, 1),
        end_date=datetime.date(2026, 7, 31),
    )
    for number in range(school_contacts):
        AgreementContact.objects.create(agreement=agreement, side="skole", name=f"Lærer {number + 1}")
    AgreementContact.objects.create(agreement=agreement, side="partner", name="Virksomhedskontakt")
    return agreement


@pytest.fixture
def kommuner(db):
    aarhus = Municipality.objects.get(name="Aarhus")
    vejle = Municipality.objects.get(name="Vejle")
    return make_municipal_site(aarhus), make_municipal_site(vejle)


@pytest.fixture
def consultant_client(client, kommuner):
    client.force_login(make_consultant(kommuner[0], "konsulent-aarhus"))
    return client


@pytest.fixture
def agreements(kommuner):
    aarhus, vejle = (site.municipality for site in kommuner)
    return {
        "solid": make_agreement(aarhus, "Skovvangskolen"),
        "ildsjael": make_agreement(aarhus, "Rundhøjskolen", school_contacts=1),
        "mundtlig": make_agreement(aarhus, "Tilst Skole", written=False),
        "vejle": make_agreement(vejle, "Hældagerskolen", written=False, school_contacts=1),
    }


def form_data(municipality, **overrides):
    data = {
        "municipality": municipality.pk,
        "school_name": "Ellevangskolen",
        "partner_environment": "",
        "partner_company": "Aarhus Vand",
        "goal_kind": "faglighed",
        "start_date": "2025-08-01",
        "end_date": "2026-06-30",
        "written_agreement": "on",
        "description": "",
        "contacts": inline_formset(
            [
                {"side": "skole", "name": "Anne Lærer", "role": "Lærer", "email": "", "phone": ""},
                {"side": "partner", "name": "Bo Ingeniør", "role": "", "email": "", "phone": ""},
            ]
        ),
    }
    data.update(overrides)
    flat = nested_form_data(data)
    # nested_form_data drops lists; multiple-choice fields are added as they are posted.
    flat["grades"] = [Grade.objects.get(slug="7-klasse").pk]
    flat["subjects"] = [Subject.objects.get(slug="natur-teknologi").pk]
    return flat


@pytest.mark.django_db
def test_consultant_lists_only_their_own_kommunes_agreements(consultant_client, agreements):
    page = consultant_client.get(reverse(LIST_URL)).content.decode()
    assert "Skovvangskolen" in page and "Rundhøjskolen" in page
    assert "Hældagerskolen" not in page
    # Sorted by school, each linking to its edit form.
    assert page.index("Rundhøjskolen") < page.index("Skovvangskolen") < page.index("Tilst Skole")
    assert reverse(EDIT_URL, args=[agreements["solid"].pk]) in page


@pytest.mark.django_db
def test_consultant_cannot_open_edit_delete_or_history_of_another_kommunes_agreement(consultant_client, agreements):
    other = agreements["vejle"]
    for name in (EDIT_URL, DELETE_URL, HISTORY_URL):
        assert consultant_client.get(reverse(name, args=[other.pk])).status_code == 404
    assert consultant_client.post(reverse(DELETE_URL, args=[other.pk])).status_code == 404
    response = consultant_client.post(reverse(EDIT_URL, args=[other.pk]), form_data(other.municipality))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.school_name == "Hældagerskolen"
    assert consultant_client.get(reverse(EDIT_URL, args=[agreements["solid"].pk])).status_code == 200


@pytest.mark.django_db
def test_consultant_creates_an_agreement_for_their_kommune_but_not_for_another(consultant_client, kommuner):
    aarhus, vejle = (site.municipality for site in kommuner)
    response = consultant_client.post(reverse(ADD_URL), form_data(vejle))
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not CollaborationAgreement.objects.exists()

    response = consultant_client.post(reverse(ADD_URL), form_data(aarhus))
    assert response.status_code == 302
    agreement = CollaborationAgreement.objects.get()
    assert agreement.municipality == aarhus
    assert [g.slug for g in agreement.grades.all()] == ["7-klasse"]
    assert agreement.contacts.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"partner_company": ""}, "partner_company", "Angiv enten et læringsmiljø eller en virksomhed som partner."),
        ({"end_date": "2025-01-01"}, "end_date", "Slutdatoen kan ikke ligge før startdatoen."),
    ],
)
def test_bad_agreement_input_gives_a_form_error(consultant_client, kommuner, overrides, field, message):
    response = consultant_client.post(reverse(ADD_URL), form_data(kommuner[0].municipality, **overrides))
    assert message in response.context["form"].errors[field]
    assert not CollaborationAgreement.objects.exists()
    assert not AgreementContact.objects.exists()


@pytest.mark.django_db
def test_overview_flags_agreements_that_hang_on_one_person_or_are_not_written(consultant_client, agreements):
    response = consultant_client.get(reverse(OVERVIEW_URL))
    assert response.status_code == 200
    [overview] = response.context["overviews"]
    assert overview.municipality.name == "Aarhus"
    assert [a.school_name for a in overview.one_person] == ["Rundhøjskolen"]
    assert [a.school_name for a in overview.not_written] == ["Tilst Skole"]
    page = response.content.decode()
    assert "Hænger på én person" in page and "Intet på skrift" in page
    assert "Hældagerskolen" not in page


@pytest.mark.django_db
def test_listing_filter_for_agreements_at_risk(consultant_client, agreements):
    page = consultant_client.get(reverse(LIST_URL), {"at_risk": "ja"}).content.decode()
    assert "Rundhøjskolen" in page and "Tilst Skole" in page
    assert "Skovvangskolen" not in page


@pytest.mark.django_db
def test_users_outside_any_kommune_get_no_access(client, django_user_model, agreements):
    user = django_user_model.objects.create_user(username="udenfor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # The admin answers a permission denial with a redirect to its dashboard.
    for url in (reverse(OVERVIEW_URL), reverse(LIST_URL), reverse(ADD_URL)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    assert client.get(reverse(EDIT_URL, args=[agreements["solid"].pk])).status_code == 404


@pytest.mark.django_db
def test_superusers_see_every_kommunes_agreements(staff_client, agreements):
    page = staff_client.get(reverse(LIST_URL)).content.decode()
    assert "Skovvangskolen" in page and "Hældagerskolen" in page


@pytest.mark.django_db
def test_a_new_consultant_sees_their_kommune_without_agreements(client, kommuner):
    client.force_login(make_consultant(kommuner[1], "konsulent-vejle"))
    response = client.get(reverse(OVERVIEW_URL))
    [overview] = response.context["overviews"]
    assert overview.municipality.name == "Vejle" and overview.agreements == []
    assert "0 aftaler" in response.content.decode()


@pytest.mark.django_db
def test_bulk_delete_skips_another_kommunes_agreement(consultant_client, agreements):
    url = reverse("wagtail_bulk_action", args=("partnerships", "collaborationagreement", "delete"))
    own, other = agreements["ildsjael"], agreements["vejle"]
    consultant_client.post(f"{url}?id={own.pk}&id={other.pk}")
    assert not CollaborationAgreement.objects.filter(pk=own.pk).exists()
    assert CollaborationAgreement.objects.filter(pk=other.pk).exists()
