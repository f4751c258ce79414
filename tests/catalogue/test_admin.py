"""Who may start, watch and download catalogue exports in the admin."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from catalogue import services
from catalogue.models import CatalogueEdition, CatalogueExport, ExportStatus
from curriculum.models import SubjectArea
from demo.catalogue import seed_demo_data
from geography.models import Municipality
from municipalities.services import create_municipal_site


@pytest.fixture
def staff(django_user_model, national_site):
    group = Group.objects.create(name="Katalogredaktion")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="build_catalogue"),
        Permission.objects.get(codename="change_catalogueedition"),
    )
    user = django_user_model.objects.create_user(username="katalog", password="hemmelig-kode-1")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_without_permission(django_user_model, national_site):
    user = django_user_model.objects.create_user(username="redaktoer", password="hemmelig-kode-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def aarhus_consultant(django_user_model, national_site):
    site = create_municipal_site(municipality=Municipality.objects.get(code="0751"))
    user = django_user_model.objects.create_user(username="aarhus", password="hemmelig-kode-1")
    user.groups.add(site.editors_group)
    return user


@pytest.fixture
def editions(db):
    aarhus = Municipality.objects.get(code="0751")
    odense = Municipality.objects.get(code="0461")
    return {
        "national": CatalogueEdition.objects.create(school_year=2027, title="Nationalt"),
        "aarhus": CatalogueEdition.objects.create(school_year=2027, title="Aarhus", municipality=aarhus),
        "odense": CatalogueEdition.objects.create(school_year=2027, title="Odense", municipality=odense),
    }


def finished_file(edition: CatalogueEdition):
    """A finished run with a real file, without rendering a whole catalogue."""
    export = services.start_export(edition=edition, enqueue=False)
    CatalogueExport.objects.filter(pk=export.pk).update(status=ExportStatus.DONE, progress=100)
    return services.publish(export, "csv", lambda target: target.write_text("ID;Titel\n1;Test\n"))


def denied(response) -> bool:
    """Wagtail answers a logged-in user's PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_anonymous_users_are_sent_to_log_in(client, editions):
    file = finished_file(editions["national"])
    for url in (
        reverse("catalogue_admin:index"),
        reverse("catalogue_admin:edition", args=[editions["national"].pk]),
        reverse("catalogue_admin:status", args=[editions["national"].pk]),
        reverse("catalogue_admin:download", args=[file.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(reverse("catalogue_admin:start", args=[editions["national"].pk])).status_code == 302
    assert CatalogueExport.objects.count() == 1


def test_staff_without_the_catalogue_permission_cannot_start_or_download(client, editor_without_permission, editions):
    file = finished_file(editions["national"])
    client.force_login(editor_without_permission)
    assert denied(client.get(reverse("catalogue_admin:index")))
    assert denied(client.post(reverse("catalogue_admin:start", args=[editions["national"].pk])))
    assert denied(client.get(reverse("catalogue_admin:download", args=[file.pk])))
    assert CatalogueExport.objects.count() == 1


def test_staff_start_an_export_watch_it_and_download_the_files(
    client, staff, editions, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    page = client.get(reverse("catalogue_admin:index"))
    assert page.status_code == 200
    assert {"Nationalt", "Aarhus", "Odense"} <= {edition.title for edition in page.context["editions"]}

    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("catalogue_admin:start", args=[editions["national"].pk]))
    assert response.status_code == 302
    export = CatalogueExport.objects.get(edition=editions["national"])
    assert export.status == ExportStatus.QUEUED and export.requested_by == staff
    assert len(callbacks) == 1  # queued on commit

    detail = client.get(reverse("catalogue_admin:edition", args=[editions["national"].pk]))
    assert b"data-catalogue-status-url" in detail.content and b"catalogue-admin.js" in detail.content
    status = client.get(reverse("catalogue_admin:status", args=[editions["national"].pk])).json()
    assert status["exports"][0] | {"files": []} == status["exports"][0]
    assert status["exports"][0]["status"] == "queued" and status["exports"][0]["progress"] == 0

    # While it builds, the page shows the expected time left, from the pace so far.
    CatalogueExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, progress=25, started_at=timezone.now() - datetime.timedelta(seconds=60)
    )
    running = client.get(reverse("catalogue_admin:status", args=[editions["national"].pk])).json()["exports"][0]
    assert 175 <= running["remaining_seconds"] <= 190
    assert running["remaining_label"].startswith("ca. 3 min.") and running["remaining_label"].endswith("tilbage")
    assert (
        "ca. 3 min." in client.get(reverse("catalogue_admin:edition", args=[editions["national"].pk])).content.decode()
    )

    services.fail_export(export_id=export.pk, reason="Udgaven udvælger ingen tilbud")
    failed = client.get(reverse("catalogue_admin:status", args=[editions["national"].pk])).json()["exports"][0]
    assert failed["status"] == "failed" and failed["status_label"] == "Fejlet"
    assert "ingen tilbud" in failed["error"] and failed["remaining_label"] == ""

    file = finished_file(editions["national"])
    done = client.get(reverse("catalogue_admin:status", args=[editions["national"].pk])).json()["exports"][0]
    assert done["status"] == "done" and done["progress"] == 100
    assert done["files"][0]["url"] == reverse("catalogue_admin:download", args=[file.pk])
    assert done["files"][0]["sha256"] == file.sha256
    download = client.get(done["files"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"ID;Titel\n1;Test\n"
    assert "attachment" in download["Content-Disposition"]


def test_a_consultant_builds_their_own_kommunes_edition_and_nothing_else(client, aarhus_consultant, editions):
    client.force_login(aarhus_consultant)
    page = client.get(reverse("catalogue_admin:index"))
    assert page.status_code == 200
    assert [edition.title for edition in page.context["editions"]] == ["Aarhus"]

    assert client.post(reverse("catalogue_admin:start", args=[editions["aarhus"].pk])).status_code == 302
    assert editions["aarhus"].exports.count() == 1
    for other in ("national", "odense"):
        assert client.post(reverse("catalogue_admin:start", args=[editions[other].pk])).status_code == 404
        assert client.get(reverse("catalogue_admin:status", args=[editions[other].pk])).status_code == 404
        assert not editions[other].exports.exists()

    national_file = finished_file(editions["national"])
    assert denied(client.get(reverse("catalogue_admin:download", args=[national_file.pk])))
    editions["aarhus"].exports.update(status=ExportStatus.FAILED)  # one build per edition: the queued one ends
    own_file = finished_file(editions["aarhus"])
    assert client.get(reverse("catalogue_admin:download", args=[own_file.pk])).status_code == 200
    # Editing editions (selection rules) stays with Skoletjenesten's staff.
    edit = client.get(reverse("wagtailsnippets_catalogue_catalogueedition:edit", args=[editions["aarhus"].pk]))
    assert denied(edit)


def test_the_new_edition_form_scopes_a_consultant_to_their_kommune(client, aarhus_consultant, editions):
    client.force_login(aarhus_consultant)
    response = client.post(reverse("catalogue_admin:index"), {"school_year": "2028/29", "municipality": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["municipality"]
    odense = Municipality.objects.get(code="0461")
    response = client.post(reverse("catalogue_admin:index"), {"school_year": "2028/29", "municipality": odense.pk})
    assert response.context["form"].errors["municipality"]
    aarhus = Municipality.objects.get(code="0751")
    response = client.post(reverse("catalogue_admin:index"), {"school_year": "2028/29", "municipality": aarhus.pk})
    assert response.status_code == 302
    edition = CatalogueEdition.objects.get(school_year=2028, municipality=aarhus)
    assert edition.exports.get().status == ExportStatus.QUEUED


@pytest.mark.parametrize("school_year", ["2028", "28/29", "2028/30", "<script>"])
def test_a_bad_school_year_is_a_form_error(client, staff, editions, school_year):
    client.force_login(staff)
    response = client.post(reverse("catalogue_admin:index"), {"school_year": school_year, "municipality": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["school_year"]
    assert b"<script>" not in response.content.split(b"</form>")[0].split(b'name="school_year"')[-1][:200]
    assert CatalogueExport.objects.count() == 0


def test_demo_data_is_idempotent(db):
    seed_demo_data(seed=1, stdout=io.StringIO())
    seed_demo_data(seed=1, stdout=io.StringIO())
    assert CatalogueEdition.objects.filter(school_year=2027, municipality=None).count() == 1
    assert CatalogueEdition.objects.filter(school_year=2027, municipality__code="0751").count() == 1
    assert not CatalogueExport.objects.exists()


def test_staff_edit_an_edition_and_its_selection_rules_in_the_snippet_admin(client, staff, offer):
    client.force_login(staff)
    edition = CatalogueEdition.objects.create(school_year=2029, title="Katalog 2029/30")
    edit_url = reverse("wagtailsnippets_catalogue_catalogueedition:edit", args=[edition.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    area = SubjectArea.objects.get(slug="naturfag-og-naturvidenskab")
    response = client.post(
        edit_url,
        {
            "school_year": "2029",
            "municipality": "",
            "title": "Katalog 2029/30",
            "introduction": '{"blocks": [], "entityMap": {}}',
            "deadline": "2029-03-01",
            "page_format": "A5",
            "subject_areas": [area.pk],
            "included_offers": [offer.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    edition.refresh_from_db()
    assert edition.page_format == "A5"
    assert list(edition.subject_areas.all()) == [area]
    assert list(edition.included_offers.all()) == [offer]

    duplicate = client.post(
        edit_url.replace(str(edition.pk), str(CatalogueEdition.objects.create(school_year=2030, title="x").pk)),
        {
            "school_year": "2029",
            "municipality": "",
            "title": "Igen",
            "introduction": '{"blocks": [], "entityMap": {}}',
            "page_format": "A4",
        },
    )
    assert duplicate.status_code == 200
    assert "Der findes allerede en udgave" in duplicate.content.decode()
