"""The public partnership pages show only running partnerships staff marked public, and only the public parts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from demo.site import ensure_partnership_index
from home.models import HomePage
from partnerships.models import KnowledgeProduct, PartnershipContact, PartnershipIndexPage

from .conftest import make_organisation, make_partnership


@pytest.fixture
def index(national_site) -> PartnershipIndexPage:
    return ensure_partnership_index()


@pytest.fixture
def public_partnership(index):
    partnership = make_partnership(
        title="Pædagogisk laboratorium på Moesgaard",
        slug="moesgaard",
        partner_organisation=make_organisation("Moesgaard Museum", kind="kultur", country="Danmark"),
        model="intern",
        is_public=True,
        public_summary="Vi udvikler undervisning i arkæologi.",
        laboratory_theme="Kroppen som læringsrum",
        skoletjenesten_contribution=250_000,
    )
    PartnershipContact.objects.create(partnership=partnership, name="Offentlig Olsen", is_public=True)
    PartnershipContact.objects.create(partnership=partnership, name="Hemmelig Hansen", is_public=False)
    KnowledgeProduct.objects.create(
        partnership=partnership, kind="podcast", title="Lyden af fortiden", url="https://example.org/podcast"
    )
    KnowledgeProduct.objects.create(
        partnership=partnership, kind="artikel", title="Intern evaluering", url="https://example.org/x", is_public=False
    )
    return partnership


@pytest.mark.django_db
def test_the_index_page_is_created_once_under_the_national_home(national_site):
    home = Page.objects.get(pk=national_site.root_page_id)
    assert PartnershipIndexPage.can_create_at(home)
    first = ensure_partnership_index()
    second = ensure_partnership_index()
    assert first.pk == second.pk
    assert first.get_parent().specific_class is HomePage
    assert first.url == "/partnerskaber/"
    assert not PartnershipIndexPage.can_create_at(home)  # one listing per site


@pytest.mark.django_db
def test_staff_can_add_the_index_page_in_the_admin(staff_client, national_site):
    home = national_site.root_page
    url = reverse("wagtailadmin_pages:add", args=["partnerships", "partnershipindexpage", home.pk])
    assert staff_client.get(url).status_code == 200


@pytest.mark.django_db
def test_listing_shows_only_public_running_partnerships(client, index, public_partnership):
    make_partnership(title="Hemmeligt partnerskab", slug="hemmeligt", is_public=False)
    make_partnership(
        title="Under forhandling",
        slug="forhandling",
        partner_organisation=make_organisation(),
        status="forhandling",
        is_public=True,
    )
    response = client.get("/partnerskaber/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pædagogisk laboratorium på Moesgaard" in page
    assert "Interne partnerskaber" in page
    assert "Hemmeligt partnerskab" not in page and "Under forhandling" not in page


@pytest.mark.django_db
def test_detail_page_shows_only_what_staff_marked_public(client, index, public_partnership):
    response = client.get("/partnerskaber/moesgaard/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vi udvikler undervisning i arkæologi." in page
    assert "Kroppen som læringsrum" in page
    assert "Offentlig Olsen" in page and "Hemmelig Hansen" not in page
    assert "Lyden af fortiden" in page and "Intern evaluering" not in page
    assert "250.000 kr." not in page  # contributions are not marked public

    public_partnership.publish_contributions = True
    public_partnership.save()
    assert "250.000 kr." in client.get("/partnerskaber/moesgaard/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("is_public", False), ("status", "ophoert"), ("status", "forhandling")])
def test_detail_page_is_404_unless_public_and_running(client, index, public_partnership, field, value):
    setattr(public_partnership, field, value)
    public_partnership.save()
    assert client.get("/partnerskaber/moesgaard/").status_code == 404


@pytest.mark.django_db
def test_text_from_staff_is_escaped(client, index):
    make_partnership(
        title="<script>alert(1)</script>",
        slug="skript",
        is_public=True,
        end_date=datetime.date(2027, 1, 1),
        public_summary="<b>fed</b>",
    )
    page = client.get("/partnerskaber/skript/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fed&lt;/b&gt;" in page


@pytest.mark.django_db
def test_sitemap_lists_the_public_partnership_pages(client, index, public_partnership):
    make_partnership(title="Hemmeligt partnerskab", slug="hemmeligt", is_public=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/partnerskaber/moesgaard/</loc>" in sitemap
    assert "/partnerskaber/hemmeligt/" not in sitemap
