"""The embeddable widget: built in the admin by a kommune consultant or an environment editor, for their
own scope only; the embed is small, self-contained and links every card to the platform."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission

from curriculum.models import SubjectArea, TargetGroup
from geography.models import Municipality
from municipalities.services import create_municipal_site
from opendata.models import EmbedWidget
from tests.municipalities.conftest import is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def copenhagen(catalogue):
    return create_municipal_site(municipality=Municipality.objects.get(code="0101"), hostname="kbh.testserver")


@pytest.fixture
def roskilde(catalogue):
    return create_municipal_site(municipality=Municipality.objects.get(code="0265"), hostname="roskilde.testserver")


def user_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(username=username, password="hemmelig-kode-1")
    user.groups.add(group)
    return user


@pytest.fixture
def consultant(django_user_model, copenhagen):
    return user_in(django_user_model, copenhagen.editors_group, "kbh-konsulent")


@pytest.fixture
def environment_editor(django_user_model, catalogue):
    environment = catalogue["vikings"].environment.specific
    group = Group.objects.create(name="Vikingeskibsmuseet redaktører")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    environment.editors_group = group
    environment.save()
    return user_in(django_user_model, group, "viking-redaktoer")


@pytest.fixture
def outsider(django_user_model, catalogue):
    group = Group.objects.create(name="Kun admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return user_in(django_user_model, group, "anden")


def form_data(**overrides):
    data = {"name": "Intranet", "heading": "Tilbud til jeres skole", "limit": "6", "accent_colour": "#00529b"}
    data.update(overrides)
    return data


def test_consultant_makes_a_widget_for_their_kommune_only(client, consultant, copenhagen, roskilde):
    client.force_login(consultant)
    page = client.get("/admin/indlejring/ny/")
    assert page.status_code == 200
    options = re.findall(r'<option value="(\d+)"', page.content.decode())
    assert str(copenhagen.municipality_id) in options and str(roskilde.municipality_id) not in options
    refused = client.post("/admin/indlejring/ny/", form_data(municipality=roskilde.municipality_id))
    assert refused.status_code == 200 and not EmbedWidget.objects.exists()
    assert 'class="error-message"' in refused.content.decode()
    created = client.post("/admin/indlejring/ny/", form_data(municipality=copenhagen.municipality_id))
    widget = EmbedWidget.objects.get()
    assert created.status_code == 302 and widget.municipality_id == copenhagen.municipality_id
    edit = client.get(f"/admin/indlejring/{widget.pk}/").content.decode()
    assert f"/widget/{widget.key}/" in edit and "Kopiér kode" in edit and "&lt;iframe" in edit


def test_environment_editor_makes_a_widget_for_their_environment(client, environment_editor, catalogue):
    client.force_login(environment_editor)
    environment = catalogue["vikings"].environment
    assert (
        client.post("/admin/indlejring/ny/", form_data(environment=catalogue["pond"].environment_id)).status_code == 200
    )
    assert not EmbedWidget.objects.exists()
    client.post("/admin/indlejring/ny/", form_data(environment=environment.pk))
    widget = EmbedWidget.objects.get()
    html = client.get(f"/widget/{widget.key}/").content.decode()
    assert "Vikingerne på havet" in html and "Liv i vandhullet" not in html


def test_nobody_reads_or_changes_another_scope_widget(client, consultant, environment_editor, outsider, roskilde):
    other = EmbedWidget.objects.create(name="Roskildes", municipality=roskilde.municipality)
    for user in (consultant, environment_editor):
        client.force_login(user)
        assert "Roskildes" not in client.get("/admin/indlejring/").content.decode()
        assert client.get(f"/admin/indlejring/{other.pk}/").status_code == 404
        assert client.post(f"/admin/indlejring/{other.pk}/", form_data(name="Hacket")).status_code == 404
        assert client.post(f"/admin/indlejring/{other.pk}/slet/").status_code == 404
    other.refresh_from_db()
    assert other.name == "Roskildes"
    client.force_login(outsider)
    for url in ("/admin/indlejring/", "/admin/indlejring/ny/", "/admin/indlejring/forhaandsvisning/"):
        assert is_denied(client.get(url))
    assert is_denied(client.post("/admin/indlejring/ny/", form_data(municipality=roskilde.municipality_id)))
    assert EmbedWidget.objects.count() == 1
    assert "/admin/indlejring/" not in client.get("/admin/").content.decode()


def test_consultant_edits_and_deletes_own_widget(client, consultant, copenhagen):
    widget = EmbedWidget.objects.create(name="Gammel", municipality=copenhagen.municipality)
    client.force_login(consultant)
    assert "/admin/indlejring/" in client.get("/admin/").content.decode()
    client.post(f"/admin/indlejring/{widget.pk}/", form_data(name="Ny", municipality=copenhagen.municipality_id))
    widget.refresh_from_db()
    assert widget.name == "Ny"
    client.post(f"/admin/indlejring/{widget.pk}/slet/")
    assert not EmbedWidget.objects.exists()


def test_too_light_accent_colour_is_refused_in_danish(client, consultant, copenhagen):
    client.force_login(consultant)
    response = client.post(
        "/admin/indlejring/ny/", form_data(municipality=copenhagen.municipality_id, accent_colour="#ffff00")
    )
    assert "for lys" in response.content.decode() and not EmbedWidget.objects.exists()
    response = client.post("/admin/indlejring/ny/", form_data(municipality=copenhagen.municipality_id, limit="500"))
    assert not EmbedWidget.objects.exists()


def test_live_preview_renders_unsaved_settings(client, consultant, copenhagen):
    client.force_login(consultant)
    preview = client.get(
        "/admin/indlejring/forhaandsvisning/",
        form_data(municipality=copenhagen.municipality_id, heading="Prøvevisning", limit="1"),
    )
    html = preview.content.decode()
    assert preview.status_code == 200 and "Prøvevisning" in html and html.count("<li>") == 1
    assert not EmbedWidget.objects.exists()


def test_embed_is_small_self_contained_and_links_to_the_platform(client, copenhagen):
    widget = EmbedWidget.objects.create(
        name="x", municipality=copenhagen.municipality, limit=24, accent_colour="#5a2d82"
    )
    response = client.get(f"/widget/{widget.key}/", HTTP_HOST="testserver")
    assert response.status_code == 200
    assert len(response.content) <= 30 * 1024
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert "<script" not in html and "src=" not in html and "@import" not in html and "url(" not in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("http://") for link in links)
    assert "#5a2d82" in html
    assert "Liv i vandhullet" in html and "Vikingerne på havet" not in html  # København's offers only
    assert client.get("/widget/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_widget_filters_by_target_group_and_subject_area(client, copenhagen):
    widget = EmbedWidget.objects.create(
        name="x",
        municipality=copenhagen.municipality,
        target_group=TargetGroup.objects.get(slug="dagtilbud"),
        subject_area=SubjectArea.objects.get(slug="naturfag-og-naturvidenskab"),
    )
    html = client.get(f"/widget/{widget.key}/").content.decode()
    assert "Dyr i skoven" in html and "Liv i vandhullet" not in html


def test_a_consultant_with_one_kommune_finds_it_chosen_and_a_missing_scope_is_said_once(
    client, consultant, copenhagen, environment_editor
):
    client.force_login(consultant)
    page = client.get("/admin/indlejring/ny/").content.decode()
    kommune = re.search(r'<select name="municipality".*?</select>', page, re.S).group(0)
    assert re.search(rf'<option value="{copenhagen.municipality_id}" selected>', kommune)
    assert '<option value=""' not in kommune  # no empty choice to trip over

    # Someone with both a kommune and an environment chooses; leaving both empty is said once, in Danish.
    environment_editor.groups.add(copenhagen.editors_group)
    client.force_login(environment_editor)
    refused = client.post("/admin/indlejring/ny/", form_data()).content.decode()
    assert refused.count("Vælg enten en kommune eller et læringsmiljø.") == 1
    assert not EmbedWidget.objects.exists()
