"""Who may edit what: two kommuner's consultants and a national editor, each limited to their own tree."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from curriculum.models import Grade
from demo.factories import make_environment, make_offer
from geography.models import Postcode
from home.models import HomePage, StandardPage
from municipalities.models import MunicipalContentPage, MunicipalHomePage, MunicipalSearchPage, OrganisationModel
from offers.models import EnvironmentType, LearningEnvironmentPage

from .conftest import home_of, is_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(aarhus_site, odense_site, national_site, environment_index):
    """A published page and a private draft on each site."""
    result = {}
    for name, parent in [("aarhus", home_of(aarhus_site)), ("odense", home_of(odense_site))]:
        result[f"{name}_home"] = parent
        result[f"{name}_page"] = parent.add_child(
            instance=MunicipalContentPage(title=f"Transportpulje {name}", slug="transportpulje")
        )
        draft = MunicipalContentPage(title=f"Hemmelig kladde {name}", slug="kladde", live=False)
        parent.add_child(instance=draft)
        draft.save_revision()
        result[f"{name}_draft"] = draft
    national_home = HomePage.objects.get()
    result["national_home"] = national_home
    result["national_page"] = national_home.add_child(instance=StandardPage(title="Om Skoletjenesten", slug="om"))
    result["national_offer"] = make_offer(make_environment(environment_index, title="Nationalmuseet", postcode="1220"))
    # The kommune's own organiser page and its company visit: Aarhus's to edit, nobody else's.
    organiser = LearningEnvironmentPage(
        title="Aarhus Kommune – virksomhedsbesøg",
        environment_type=EnvironmentType.objects.get(slug="virksomhed"),
        street_address="Rådhuspladsen 2",
        postcode=Postcode.lookup("8000"),
    )
    result["aarhus_home"].add_child(instance=organiser)
    result["aarhus_offer"] = make_offer(organiser, title="Besøg på vindmøllefabrikken")
    return result


@pytest.fixture
def users(aarhus_consultant, odense_consultant, national_editor):
    return {"aarhus": aarhus_consultant, "odense": odense_consultant, "national": national_editor}


# Which pages each user may edit; every other page of the fixture is forbidden.
OWN_PAGES = {
    "aarhus": {"aarhus_home", "aarhus_page", "aarhus_draft", "aarhus_offer"},
    "odense": {"odense_home", "odense_page", "odense_draft"},
    "national": {"national_home", "national_page", "national_offer"},
}
ALL_PAGES = set().union(*OWN_PAGES.values())


@pytest.mark.parametrize("user_key", ["aarhus", "odense", "national"])
def test_edit_view_only_for_own_tree(client, pages, users, user_key):
    client.force_login(users[user_key])
    for page_key in sorted(ALL_PAGES):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[pages[page_key].pk]))
        if page_key in OWN_PAGES[user_key]:
            assert response.status_code == 200, (user_key, page_key, response.status_code)
        else:
            assert is_denied(response), (user_key, page_key, response.status_code)


@pytest.mark.parametrize("user_key", ["aarhus", "odense"])
def test_consultant_cannot_preview_or_delete_another_kommunes_draft(client, pages, users, user_key):
    other = "odense" if user_key == "aarhus" else "aarhus"
    client.force_login(users[user_key])
    draft = pages[f"{other}_draft"]
    assert is_denied(client.get(reverse("wagtailadmin_pages:view_draft", args=[draft.pk])))
    assert is_denied(client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk])))
    assert Page.objects.filter(pk=draft.pk).exists()
    listing = client.get(reverse("wagtailadmin_pages:search"), {"q": "kladde"}).content.decode()
    assert f"Hemmelig kladde {other}" not in listing
    assert f"Hemmelig kladde {user_key}" in listing


def test_consultant_creates_publishes_and_deletes_on_own_site(client, pages, users):
    client.force_login(users["aarhus"])
    home = pages["aarhus_home"]
    add_url = reverse("wagtailadmin_pages:add", args=["municipalities", "municipalcontentpage", home.pk])
    response = client.post(
        add_url,
        {"title": "Strategi og mål", "slug": "strategi", "body-count": "0", "action-publish": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = MunicipalContentPage.objects.get(slug="strategi")
    assert page.live and page.get_parent().pk == home.pk

    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not MunicipalContentPage.objects.filter(pk=page.pk).exists()


@pytest.mark.parametrize("target", ["odense_home", "national_home"])
def test_consultant_cannot_add_pages_elsewhere(client, pages, users, target):
    client.force_login(users["aarhus"])
    parent = pages[target]
    model = "municipalcontentpage" if target == "odense_home" else "standardpage"
    app = "municipalities" if target == "odense_home" else "home"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]),
        {"title": "Indtrængen", "slug": "indtraengen", "body-count": "0", "action-publish": "1"},
    )
    assert is_denied(response)
    assert not Page.objects.filter(slug="indtraengen").exists()


def test_consultant_cannot_delete_own_home_or_search_page(client, pages, users):
    client.force_login(users["aarhus"])
    home = pages["aarhus_home"]
    search = MunicipalSearchPage.objects.child_of(home).get()
    response = client.post(reverse("wagtailadmin_pages:delete", args=[search.pk]))
    assert response.status_code == 302 and MunicipalSearchPage.objects.filter(pk=search.pk).exists()
    home.get_children().delete()  # a leaf, so nothing but our guard stands in the way
    response = client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))
    assert response.status_code == 302
    assert MunicipalHomePage.objects.filter(pk=home.pk).exists()


def test_admin_menu_shows_consultants_their_tools_only(client, aarhus_consultant, odense_site, admin_user):
    client.force_login(aarhus_consultant)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu is JSON in the page; URLs identify the items.
    assert '"/admin/kommunesites/lokalt-udbud/"' in html
    assert '"/admin/kommunesites/"' not in html
    # The dashboard panel points the consultant at their own site only.
    assert "Dit kommunesite" in html and "?kommune=0751" in html and "?kommune=0461" not in html
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"/admin/kommunesites/"' in html


def _upload(collection: Collection, title: str) -> tuple[Image, Document]:
    image = Image.objects.create(title=title, file=get_test_image_file(), collection=collection)
    document = Document.objects.create(
        title=title, file=SimpleUploadedFile(f"{title}.txt", b"indhold"), collection=collection
    )
    return image, document


def test_images_and_documents_only_in_own_collection(client, aarhus_site, odense_site, users):
    own_image, own_document = _upload(aarhus_site.collection, "aarhus-billede")
    other_image, other_document = _upload(odense_site.collection, "odense-billede")
    national_image, national_document = _upload(Collection.get_first_root_node(), "nationalt-billede")
    client.force_login(users["aarhus"])

    images = client.get(reverse("wagtailimages:index")).content.decode()
    assert "aarhus-billede" in images
    assert "odense-billede" not in images and "nationalt-billede" not in images
    chooser = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "aarhus-billede" in chooser and "odense-billede" not in chooser
    documents = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "aarhus-billede" in documents and "odense-billede" not in documents

    assert client.get(reverse("wagtailimages:edit", args=[own_image.pk])).status_code == 200
    assert client.get(reverse("wagtaildocs:edit", args=[own_document.pk])).status_code == 200
    for image in (other_image, national_image):
        assert is_denied(client.get(reverse("wagtailimages:edit", args=[image.pk])))
        assert is_denied(client.post(reverse("wagtailimages:delete", args=[image.pk])))
    for document in (other_document, national_document):
        assert is_denied(client.get(reverse("wagtaildocs:edit", args=[document.pk])))
    assert Image.objects.filter(pk=other_image.pk).exists()


def test_site_settings_only_for_own_site(client, aarhus_site, odense_site, users):
    client.force_login(users["aarhus"])
    url = "wagtailsettings:edit"
    args = ["municipalities", "municipalsitesettings"]
    assert client.get(reverse(url, args=[*args, aarhus_site.site.pk])).status_code == 200
    assert is_denied(client.get(reverse(url, args=[*args, odense_site.site.pk])))
    response = client.post(
        reverse(url, args=[*args, odense_site.site.pk]), {"display_name": "Overtaget", "accent_colour": "#000000"}
    )
    assert is_denied(response)
    assert odense_site.site.municipalsitesettings.display_name == "Odense Kommune"


def test_consultant_edits_profile_goals_and_highlights_in_the_admin(client, pages, users):
    home = pages["aarhus_home"]
    national_offer = pages["national_offer"]
    client.force_login(users["aarhus"])
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": rich_text("<p>Velkommen til åben skole i Aarhus.</p>"),
            "highlighted_offers": inline_formset([{"offer": national_offer.pk, "ORDER": 1}]),
            "body": streamfield([]),
            "organisation_model": OrganisationModel.NETWORK,
            "organisation_description": rich_text("<p>Et netværk af åben skole-lærere.</p>"),
            "goals": inline_formset(
                [
                    {
                        "kind": "omfang",
                        "title": "Mindst 1 virksomhedstilbud til 5.–9. klasse",
                        "description": "",
                        "target_count": 1,
                        "environment_type": EnvironmentType.objects.get(slug="virksomhed").pk,
                        "subject_area": "",
                        "grade_from": Grade.objects.get(slug="5-klasse").pk,
                        "grade_to": Grade.objects.get(slug="9-klasse").pk,
                        "ORDER": 1,
                    }
                ]
            ),
            "comments": inline_formset([]),
            "municipality": pages["odense_home"].municipality_id,  # not editable: ignored
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    home.refresh_from_db()
    assert home.organisation_model == OrganisationModel.NETWORK
    assert [item.offer_id for item in home.highlighted_offers.all()] == [national_offer.pk]
    assert home.municipality.code == "0751"  # read-only in the form
    overview = client.get("/admin/kommunesites/lokalt-udbud/")
    assert overview.context["overview"].goals[0].count == 1  # the kommune's own company visit, 3.–6. klasse
    html = client.get("/", HTTP_HOST="aarhus.localhost").content.decode()
    assert "Den netværksorienterede model" in html and national_offer.title in html


@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history", "wagtailadmin_explore_root"]
)
def test_admin_listings_show_own_pages_not_another_kommunes(client, pages, users, url_name):
    for kommune in ("aarhus", "odense"):
        pages[f"{kommune}_page"].save_revision(user=users[kommune]).publish()
        pages[f"{kommune}_draft"].save_revision(user=users[kommune])
    client.force_login(users["aarhus"])
    response = client.get(reverse(url_name), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Transportpulje odense" not in html and "Hemmelig kladde odense" not in html
    assert "Transportpulje aarhus" in html
