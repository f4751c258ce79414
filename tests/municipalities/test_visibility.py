"""What a kommune consultant can see: nothing of another kommune, no private material (issue 11)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from catalogue.models import CatalogueEdition
from geography.models import Municipality
from municipalities.models import MunicipalContentPage, MunicipalHighlightedOffer
from partnerships.models import CollaborationAgreement, PartnershipDocument
from tests.partnerships.conftest import make_partnership

from ..conftest import make_environment, make_offer
from .conftest import home_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(aarhus_site, odense_site):
    """An image and a document in each kommune's collection, and an Odense draft."""
    result = {}
    for name, site in [("aarhus", aarhus_site), ("odense", odense_site)]:
        result[f"{name}_image"] = Image.objects.create(
            title=f"Billede {name}", file=get_test_image_file(), collection=site.collection
        )
        result[f"{name}_document"] = Document.objects.create(
            title=f"Dokument {name}", file=ContentFile(b"%PDF-1.4 test", name=f"{name}.pdf"), collection=site.collection
        )
    draft = MunicipalContentPage(title="Odenses hemmelige kladde", slug="kladde", live=False)
    home_of(odense_site).add_child(instance=draft)
    result["odense_draft"] = draft
    return result


def test_admin_api_pages_endpoint_still_works_for_the_explorer(client, aarhus_consultant, aarhus_site):
    client.force_login(aarhus_consultant)
    response = client.get(f"/admin/api/main/pages/?child_of={home_of(aarhus_site).pk}&for_explorer=1")
    assert response.status_code == 200


def test_admin_api_lists_only_the_consultants_own_images_and_documents(client, aarhus_consultant, material):
    client.force_login(aarhus_consultant)
    for endpoint in ("images", "documents"):
        response = client.get(f"/admin/api/main/{endpoint}/?limit=20")
        assert response.status_code == 200
        titles = {item["title"] for item in response.json()["items"]}
        kind = "Billede" if endpoint == "images" else "Dokument"
        assert titles == {f"{kind} aarhus"}, endpoint
        odense = material[f"odense_{endpoint[:-1]}"]
        assert client.get(f"/admin/api/main/{endpoint}/{odense.pk}/").status_code == 404


@pytest.fixture
def members_only_offer(environment_index):
    offer = make_offer(
        make_environment(environment_index, title="Lukket miljø", postcode="1220"), title="Kun for medlemmer"
    )
    PageViewRestriction.objects.create(page=offer, restriction_type=PageViewRestriction.LOGIN)
    return offer


def test_page_chooser_hides_other_trees_drafts_and_private_pages(
    client, aarhus_consultant, material, members_only_offer
):
    client.force_login(aarhus_consultant)

    def chooser_html(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200
        return response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()

    search = reverse("wagtailadmin_choose_page_search")
    html = chooser_html(search, q="kladde") + chooser_html(search, q="medlemmer")
    html += chooser_html(reverse("wagtailadmin_choose_page_child", args=[material["odense_draft"].get_parent().pk]))
    html += chooser_html(reverse("wagtailadmin_choose_page_child", args=[members_only_offer.get_parent().pk]))
    assert "Odenses hemmelige kladde" not in html
    assert "Kun for medlemmer" not in html
    index = chooser_html(
        reverse("wagtailadmin_choose_page_child", args=[members_only_offer.get_parent().get_parent().pk])
    )
    assert "Lukket miljø" in index  # live public pages stay choosable


def test_page_types_report_names_no_page_of_another_tree(client, aarhus_consultant, material):
    material["odense_draft"].save_revision()
    client.force_login(aarhus_consultant)
    response = client.get("/admin/reports/page-types-usage/")
    assert response.status_code == 200
    assert "Odenses hemmelige kladde" not in response.content.decode()


def test_bulk_delete_confirmation_names_no_page_of_another_kommune(client, aarhus_consultant, material):
    client.force_login(aarhus_consultant)
    url = "/admin/bulk/wagtailcore/page/delete/?id=" + str(material["odense_draft"].pk)
    response = client.get(url)
    html = response.content.decode()
    assert "Odenses hemmelige kladde" not in html
    assert "udeladt" in html


def test_privacy_dialog_lists_only_the_consultants_own_groups(client, aarhus_consultant, aarhus_site, odense_site):
    page = home_of(aarhus_site).add_child(instance=MunicipalContentPage(title="Intern side", slug="intern"))
    client.force_login(aarhus_consultant)
    response = client.get(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]))
    assert response.status_code == 200
    html = response.json()["html"]
    assert aarhus_site.editors_group.name in html
    assert odense_site.editors_group.name not in html
    forged = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": "groups", "groups": [odense_site.editors_group.pk]},
    )
    assert not PageViewRestriction.objects.filter(page=page).exists(), forged.content[:300]


def test_choosers_list_only_what_the_consultant_may_see(client, aarhus_consultant, aarhus_site, odense_site):
    aarhus, odense = Municipality.objects.get(code="0751"), Municipality.objects.get(code="0461")
    for municipality, school in [(aarhus, "Aarhus Skole"), (odense, "Odense Skole")]:
        CollaborationAgreement.objects.create(
            municipality=municipality,
            school_name=school,
            partner_company="Vandværket A/S",
            goal_kind="kendskab",
            start_date=datetime.date(2025, 8, 1),
            end_date=datetime.date(2026, 7, 31),
        )
    make_partnership(title="Offentligt partnerskab", is_public=True)
    make_partnership(
        title="Fortroligt partnerskab",
        is_public=False,
        slug="fortroligt",
        partner_municipality=Municipality.objects.get(code="0461"),
    )
    CatalogueEdition.objects.create(school_year=2027, title="Aarhus udgave", municipality=aarhus)
    CatalogueEdition.objects.create(school_year=2027, title="Odense udgave", municipality=odense)
    client.force_login(aarhus_consultant)

    def chooser(app, model):
        return client.get(f"/admin/snippets/choose/{app}/{model}/").content.decode()

    agreements = chooser("partnerships", "collaborationagreement")
    assert "Aarhus Skole" in agreements and "Odense Skole" not in agreements
    partnerships = chooser("partnerships", "partnership")
    assert "Offentligt partnerskab" in partnerships and "Fortroligt partnerskab" not in partnerships
    editions = chooser("catalogue", "catalogueedition")
    assert "Aarhus udgave" in editions and "Odense udgave" not in editions
    odense_agreement = CollaborationAgreement.objects.get(school_name="Odense Skole")
    chosen = client.get(f"/admin/snippets/choose/partnerships/collaborationagreement/chosen/{odense_agreement.pk}/")
    assert chosen.status_code == 404


def test_a_private_partnership_document_is_not_downloadable(client, aarhus_consultant, staff_member):
    document = Document.objects.create(
        title="Fortrolig aftale", file=ContentFile(b"%PDF-1.4 hemmelig", name="aftale.pdf")
    )
    partnership = make_partnership(title="Offentligt partnerskab", is_public=True)
    PartnershipDocument.objects.create(partnership=partnership, document=document, is_public=False)
    url = document.url
    assert url.startswith("/documents/")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    client.force_login(aarhus_consultant)
    assert client.get(url).status_code == 403
    client.force_login(staff_member)
    assert client.get(url).status_code == 200
    PartnershipDocument.objects.filter(document=document).update(is_public=True)
    client.logout()
    assert client.get(url).status_code == 200  # shown publicly on a public partnership


def test_a_private_collection_stays_private(client, aarhus_site):
    collection = Collection.get_first_root_node().add_child(name="Interne filer")

    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    document = Document.objects.create(
        title="Intern", file=ContentFile(b"%PDF-1.4 intern", name="intern.pdf"), collection=collection
    )
    assert client.get(document.url).status_code == 302


def test_a_login_restricted_offer_cannot_be_highlighted_nor_shown(client, aarhus_site, members_only_offer):
    home = home_of(aarhus_site)
    item = MunicipalHighlightedOffer(page=home, offer=members_only_offer)
    with pytest.raises(Exception, match="ikke offentligt"):
        item.full_clean(exclude=["page", "sort_order"])
    item.save()  # even if one slipped in, the public home page does not show it
    response = client.get(f"/kommuner/{aarhus_site.municipality.slug}/")
    assert response.status_code == 200
    assert "Kun for medlemmer" not in response.content.decode()
    assert "Kun for medlemmer" not in client.get("/").content.decode()  # nor among the national newest


@pytest.fixture
def staff_member(django_user_model):
    return django_user_model.objects.create_superuser("medarbejder", "m@skoletjenesten.dk", "pw")
