"""Staff keep partnerships in the Wagtail admin: create, validation, history, listing, export."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from curriculum.models import SubjectArea
from geography.models import Municipality
from partnerships.models import CoFinancedStaff, Partnership, PartnershipContact

from .conftest import make_organisation, make_partnership

ADD_URL = "wagtailsnippets_partnerships_partnership:add"
LIST_URL = "wagtailsnippets_partnerships_partnership:list"


def form_data(*, staff=(), contacts=(), **overrides):
    data = {
        "title": "Partnerskab med Odense Kommune",
        "slug": "partnerskab-odense",
        "partner_environment": "",
        "partner_municipality": Municipality.objects.get(name="Odense").pk,
        "partner_organisation": "",
        "model": "ekstern",
        "status": "aktiv",
        "start_date": "2025-08-01",
        "end_date": "2027-07-31",
        "renegotiation_date": "2027-01-15",
        "responsible": "",
        "skoletjenesten_contribution": "150000",
        "partner_contribution": "300000",
        "region": "",
        "laboratory_theme": "",
        "agreed_tasks": rich_text("<p>Dokumentere praksis og dele den i netværket.</p>"),
        "notes": "",
        "public_summary": "",
        "staff": inline_formset(list(staff)),
        "contacts": inline_formset(list(contacts)),
        "documents": inline_formset([]),
        "knowledge_products": inline_formset([]),
    }
    data.update(overrides)
    flat = nested_form_data(data)
    # nested_form_data drops lists; the multiple-choice field is added as it is posted.
    flat["subject_areas"] = [SubjectArea.objects.get(slug="naturfag-og-naturvidenskab").pk]
    return flat


def post_create(client, **overrides):
    return client.post(reverse(ADD_URL), form_data(**overrides))


def field_errors(response) -> dict:
    form = response.context["form"]
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    for name, formset in form.formsets.items():
        for index, errs in enumerate(formset.errors):
            for field, messages in errs.items():
                errors[f"{name}-{index}-{field}"] = [str(m) for m in messages]
    return errors


@pytest.mark.django_db
def test_staff_create_a_partnership_with_staff_and_contacts_and_the_history_shows_it(staff_client):
    response = post_create(
        staff_client,
        staff=[{"role": "Åben skole-konsulent", "people": "2", "fte": "1,5", "employed_by": "partner", "names": ""}],
        contacts=[
            {"side": "partner", "name": "Hanne Holm", "role": "Konsulent", "email": "hh@odense.dk", "phone": ""},
            {"side": "skoletjenesten", "name": "Peter Lund", "role": "", "email": "", "phone": ""},
        ],
    )
    assert response.status_code == 302, field_errors(response)
    partnership = Partnership.objects.get()
    assert partnership.partner_name == "Odense Kommune"
    assert partnership.region.name == "Region Syddanmark"  # taken from the kommune
    assert [(s.people, str(s.fte)) for s in partnership.staff.all()] == [(2, "1.50")]
    assert partnership.contacts.count() == 2
    assert [area.slug for area in partnership.subject_areas.all()] == ["naturfag-og-naturvidenskab"]
    assert Revision.objects.for_instance(partnership).count() == 1

    edit_url = reverse("wagtailsnippets_partnerships_partnership:edit", args=[partnership.pk])
    response = staff_client.post(
        edit_url,
        form_data(status="ophoerer", staff=[], contacts=[]),
    )
    assert response.status_code == 302, field_errors(response)
    partnership.refresh_from_db()
    assert partnership.status == "ophoerer"
    assert Revision.objects.for_instance(partnership).count() == 2
    assert ModelLogEntry.objects.filter(object_id=str(partnership.pk), action="wagtail.edit").exists()

    history = staff_client.get(reverse("wagtailsnippets_partnerships_partnership:history", args=[partnership.pk]))
    assert history.status_code == 200
    assert "Mette" in history.content.decode() or "medarbejder" in history.content.decode()


BAD_INPUT = [
    ({"end_date": "2025-07-01"}, "end_date", "Slutdatoen kan ikke ligge før startdatoen."),
    (
        {"renegotiation_date": "2028-01-01"},
        "renegotiation_date",
        "Genforhandlingsdatoen kan ikke ligge efter slutdatoen.",
    ),
    ({"skoletjenesten_contribution": "-5000"}, "skoletjenesten_contribution", "Beløbet kan ikke være negativt."),
    ({"partner_contribution": "-1"}, "partner_contribution", "Beløbet kan ikke være negativt."),
    (
        {"model": "projekt", "start_date": "2025-01-01", "end_date": "2027-06-30", "renegotiation_date": ""},
        "end_date",
        "Et projektpartnerskab kan højst vare 24 måneder.",
    ),
    (
        {"model": "projekt", "end_date": "", "renegotiation_date": ""},
        "end_date",
        "Et projektpartnerskab skal have en slutdato.",
    ),
    (
        {"partner_municipality": ""},
        "partner_environment",
        "Vælg præcis én partner: et læringsmiljø, en kommune eller en anden organisation.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_partnership_input_gives_a_danish_form_error_and_saves_nothing(staff_client, overrides, field, message):
    response = post_create(
        staff_client,
        contacts=[{"side": "partner", "name": "Hanne Holm", "role": "", "email": "", "phone": ""}],
        **overrides,
    )
    assert response.status_code == 200
    assert message in field_errors(response).get(field, [])
    assert not Partnership.objects.exists()
    assert not PartnershipContact.objects.exists()


@pytest.mark.django_db
def test_two_partners_at_once_is_refused(staff_client):
    organisation = make_organisation()
    response = post_create(staff_client, partner_organisation=organisation.pk)
    assert "Vælg præcis én partner" in " ".join(field_errors(response)["partner_environment"])
    assert not Partnership.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("people", "fte", "message"),
    [
        ("1", "1,5", "1.5 årsværk er umuligt for 1 person(er): højst ét årsværk pr. person."),
        ("2", "-0,5", "Årsværk skal være større end 0."),
        ("0", "0,5", "Angiv mindst én person."),
    ],
)
def test_impossible_fte_is_refused_and_nothing_is_saved(staff_client, people, fte, message):
    response = post_create(
        staff_client,
        staff=[{"role": "Formidler", "people": people, "fte": fte, "employed_by": "partner", "names": ""}],
    )
    assert response.status_code == 200
    errors = field_errors(response)
    assert any(message in messages for messages in errors.values()), errors
    assert not Partnership.objects.exists()
    assert not CoFinancedStaff.objects.exists()


@pytest.mark.django_db
def test_project_maximum_length_comes_from_settings(staff_client, settings):
    settings.PARTNERSHIP_PROJECT_MAX_MONTHS = 12
    response = post_create(
        staff_client, model="projekt", start_date="2025-01-01", end_date="2026-03-01", renegotiation_date=""
    )
    assert "Et projektpartnerskab kan højst vare 12 måneder." in field_errors(response)["end_date"]
    response = post_create(
        staff_client, model="projekt", start_date="2025-01-01", end_date="2025-12-31", renegotiation_date=""
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_second_active_partnership_with_the_same_partner_and_model_is_refused(staff_client):
    make_partnership(partner_municipality=Municipality.objects.get(name="Odense"), title="Odense", slug="odense")
    response = post_create(staff_client)
    assert response.status_code == 200
    errors = field_errors(response)
    assert "Der findes allerede et aktivt partnerskab med denne partner efter samme model." in errors["__all__"]
    assert Partnership.objects.count() == 1

    # Another model with the same partner, or the same model once the first has ended, is fine.
    assert post_create(staff_client, model="intern").status_code == 302
    Partnership.objects.filter(slug="odense").update(status="ophoert")
    assert post_create(staff_client, slug="odense-2").status_code == 302


@pytest.fixture
def listed(db):
    aarhus = make_partnership(
        title="Partnerskab med Aarhus Kommune",
        end_date=datetime.date(2027, 7, 31),
        skoletjenesten_contribution=100_000,
        subject_areas=SubjectArea.objects.filter(slug="naturfag-og-naturvidenskab"),
    )
    malmo = make_partnership(
        title="Øresundsprojekt",
        slug="oeresund",
        partner_organisation=make_organisation(),
        model="projekt",
        end_date=datetime.date(2025, 12, 31),
        subject_areas=SubjectArea.objects.filter(slug="kunst-design-og-arkitektur"),
    )
    return aarhus, malmo


@pytest.mark.django_db
def test_listing_filters_and_searches_by_partner(staff_client, listed):
    url = reverse(LIST_URL)
    page = staff_client.get(url, {"model": "projekt"}).content.decode()
    assert "Øresundsprojekt" in page and "Partnerskab med Aarhus Kommune" not in page
    page = staff_client.get(url, {"broad_area": "natur"}).content.decode()
    assert "Partnerskab med Aarhus Kommune" in page and "Øresundsprojekt" not in page
    page = staff_client.get(url, {"q": "Malmö"}).content.decode()
    assert "Øresundsprojekt" in page and "Partnerskab med Aarhus Kommune" not in page


@pytest.mark.django_db
def test_csv_export_has_danish_headings_and_only_the_filtered_rows(staff_client, listed):
    response = staff_client.get(reverse(LIST_URL), {"model": "ekstern", "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="partnerskaber.csv"'
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Titel"] for row in rows] == ["Partnerskab med Aarhus Kommune"]
    row = rows[0]
    assert row["Partner"] == "Aarhus Kommune"
    assert row["Model"] == "Ekstern"
    assert row["Skoletjenestens bidrag pr. år (kr.)"] == "100000"
    assert row["Region"] == "Region Midtjylland"
    assert row["Fagområder"] == "Naturfag og naturvidenskab"


@pytest.mark.django_db
def test_xlsx_export_of_the_filtered_list(staff_client, listed):
    response = staff_client.get(reverse(LIST_URL), {"model": "projekt", "export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    headings, data = rows[0], rows[1:]
    assert "Institutionstype" in headings and "Slutdato" in headings
    assert len(data) == 1
    record = dict(zip(headings, data[0], strict=True))
    assert record["Titel"] == "Øresundsprojekt"
    assert record["Institutionstype"] == "Udenlandsk by eller kommune"
    assert record["Slutdato"] == datetime.date(2025, 12, 31)


@pytest.mark.django_db
def test_people_without_partnership_permissions_cannot_open_the_listing(client, django_user_model):
    user = django_user_model.objects.create_user(username="gæst", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse(LIST_URL))
    # The admin answers a permission denial with a redirect to its dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.get(reverse("partnership_portfolio:index"))
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.django_db
def test_slug_is_made_from_the_title_and_reminders_go_to_staff_only(staff_client, django_user_model):
    outsider = django_user_model.objects.create_user(username="udenfor", password="pw")
    form_page = staff_client.get(reverse(ADD_URL))
    assert form_page.status_code == 200
    choices = list(form_page.context["form"].fields["responsible"].queryset)
    assert outsider not in choices and choices
    response = post_create(staff_client, slug="", title="Partnerskab med Ærø og Øster Skole")
    assert response.status_code == 302, field_errors(response)
    assert Partnership.objects.get().slug == "partnerskab-med-aeroe-og-oester-skole"


@pytest.mark.django_db
def test_csv_export_does_not_hand_spreadsheets_a_formula(staff_client):
    make_partnership(title='=HYPERLINK("http://example.org","klik")', slug="formel")
    response = staff_client.get(reverse(LIST_URL), {"export": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Titel"] == '\'=HYPERLINK("http://example.org","klik")'


def edit_form_tag(response) -> str:
    """The opening tag of the admin's create/edit form (not the editing-sessions form that points at it)."""
    return re.search(r"<form\b[^>]*\sdata-edit-form\s[^>]*>", response.content.decode()).group(0)


def test_the_add_form_does_not_autosave_so_a_click_during_an_autosave_cannot_make_a_second_partnership(
    staff_client,
):
    add_form = edit_form_tag(staff_client.get(reverse(ADD_URL)))
    assert "w-unsaved" in add_form
    assert "w-autosave" not in add_form
    partnership = make_partnership()
    edit_form = edit_form_tag(
        staff_client.get(reverse("wagtailsnippets_partnerships_partnership:edit", args=[partnership.pk]))
    )
    assert "w-autosave" in edit_form
