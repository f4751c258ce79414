"""A municipal site: created with everything it needs, served on its hostname and under /kommuner/<slug>/."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Site

from demo.factories import make_environment, make_offer
from geography.models import Municipality
from municipalities.models import (
    MunicipalContentPage,
    MunicipalHighlightedOffer,
    MunicipalityIndexPage,
    MunicipalSearchPage,
    MunicipalSite,
    MunicipalSiteSettings,
)
from municipalities.services import MunicipalSiteExists

from .conftest import AARHUS, home_of, is_denied, make_municipal_site

pytestmark = pytest.mark.django_db


def test_service_creates_site_home_settings_group_and_collection(national_site):
    municipal_site = make_municipal_site(AARHUS)
    site = municipal_site.site
    assert (site.hostname, site.port, site.site_name) == ("aarhus.localhost", 80, "Aarhus Kommune")
    home = home_of(municipal_site)
    assert home.municipality.code == AARHUS and home.live
    assert MunicipalSearchPage.objects.child_of(home).live().exists()
    assert MunicipalSiteSettings.for_site(site).display_name == "Aarhus Kommune"

    group = municipal_site.editors_group
    assert group.permissions.filter(codename="access_admin").exists()
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {perm.page_id for perm in page_permissions} == {home.pk}
    assert {perm.permission.codename for perm in page_permissions} >= {"add_page", "change_page", "publish_page"}
    assert {perm.site_id for perm in GroupSitePermission.objects.filter(group=group)} == {site.pk}
    collection_permissions = GroupCollectionPermission.objects.filter(group=group)
    assert {perm.collection_id for perm in collection_permissions} == {municipal_site.collection_id}
    assert {perm.permission.codename for perm in collection_permissions} >= {"add_image", "choose_document"}
    assert MunicipalityIndexPage.objects.get().relative_url(national_site) == "/kommuner/"


def test_a_kommune_gets_one_site(national_site):
    make_municipal_site(AARHUS)
    with pytest.raises(MunicipalSiteExists):
        make_municipal_site(AARHUS)
    assert MunicipalSite.objects.count() == 1


def test_command_creates_a_site_and_explains_bad_codes(national_site, capsys):
    call_command("create_municipal_site", "461")
    assert MunicipalSite.objects.get().municipality.name == "Odense"
    assert "odense.localhost" in capsys.readouterr().out
    with pytest.raises(CommandError, match="allerede"):
        call_command("create_municipal_site", "0461")
    with pytest.raises(CommandError, match="kommunekoden"):
        call_command("create_municipal_site", "9999")


def test_admin_view_creates_a_site_for_staff_only(client, admin_user, aarhus_consultant, national_site):
    client.force_login(aarhus_consultant)
    assert is_denied(client.post("/admin/kommunesites/", {"municipality": ""}))
    client.force_login(admin_user)
    odense = Municipality.objects.get(code="0461")
    response = client.post("/admin/kommunesites/", {"municipality": odense.pk, "hostname": "odense.example.dk"})
    assert response.status_code == 302
    assert Site.objects.filter(hostname="odense.example.dk", municipal_site__municipality=odense).exists()
    # A kommune that has a site is no longer offered.
    response = client.post("/admin/kommunesites/", {"municipality": odense.pk})
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
    # A hostname in use, or not a hostname at all, is a form error, not a 500.
    vejle = Municipality.objects.get(code="0630")
    for hostname, message in [("odense.example.dk", "allerede"), ("http://vejle dk", "uden http")]:
        response = client.post("/admin/kommunesites/", {"municipality": vejle.pk, "hostname": hostname})
        assert response.status_code == 200
        assert message in str(response.context["form"].errors["hostname"])
    assert MunicipalSite.objects.count() == 2


def test_home_on_own_hostname_and_under_kommuner(client, aarhus_site, environment_index):
    settings = MunicipalSiteSettings.for_site(aarhus_site.site)
    settings.accent_colour = "#7a1f3d"
    settings.save()
    home = home_of(aarhus_site)
    home.add_child(instance=MunicipalContentPage(title="Transportpulje", slug="transportpulje", show_in_menus=True))

    own = client.get("/", HTTP_HOST="aarhus.localhost").content.decode()
    mirrored = client.get("/kommuner/aarhus/").content.decode()
    for html in (own, mirrored):
        assert "Aarhus Kommune" in html and "--site-accent: #7a1f3d" in html
    assert 'href="/transportpulje/"' in own
    # Reached through the national site, links stay under /kommuner/aarhus/.
    assert 'href="/kommuner/aarhus/transportpulje/"' in mirrored
    assert 'action="/kommuner/aarhus/tilbud/"' in mirrored
    assert client.get("/kommuner/aarhus/transportpulje/").status_code == 200
    assert client.get("/kommuner/ingen-by/").status_code == 404


def test_kommuner_lists_every_site(client, aarhus_site, odense_site):
    html = client.get("/kommuner/").content.decode()
    assert 'href="/kommuner/aarhus/"' in html and 'href="/kommuner/odense/"' in html


def test_empty_site_shows_its_kommunes_offers(client, aarhus_site, environment_index):
    local = make_environment(environment_index, title="Moesgaard Museum", postcode="8270")
    make_offer(local, title="Vikingetiden for 4. klasse")
    far = make_environment(environment_index, title="Nationalmuseet", postcode="1220")
    make_offer(far, title="Danmarks oldtid")
    html = client.get("/", HTTP_HOST="aarhus.localhost").content.decode()
    assert "Vikingetiden for 4. klasse" in html
    assert "Danmarks oldtid" not in html


def test_highlighted_offers_from_the_national_pool(client, aarhus_site, environment_index):
    far = make_environment(environment_index, title="Nationalmuseet", postcode="1220")
    offer = make_offer(far, title="Danmarks oldtid")
    home = home_of(aarhus_site)
    MunicipalHighlightedOffer.objects.create(page=home, offer=offer)
    html = client.get("/", HTTP_HOST="aarhus.localhost").content.decode()
    assert "Kommunen anbefaler" in html and "Danmarks oldtid" in html


def test_accent_colour_must_be_hex_and_dark_enough(aarhus_site):
    settings = MunicipalSiteSettings.for_site(aarhus_site.site)
    settings.accent_colour = "#ffdd00"
    with pytest.raises(ValidationError, match="for lys"):
        settings.full_clean()
    settings.accent_colour = "red;}body{"
    with pytest.raises(ValidationError, match="hex"):
        settings.full_clean()
    settings.accent_colour = "#1d4f91"
    settings.full_clean()
