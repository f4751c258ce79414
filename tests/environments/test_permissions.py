"""The environment editor's permission matrix, through the admin as that user: editor A against
environment B, the kommune's and the national pages, images, documents, choosers, admin search,
reports, bulk actions and the admin API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from environments.services import set_trusted
from offers.models import OfferPage

from .conftest import edit_form, is_denied

pytestmark = pytest.mark.django_db

OWN = ("env_a", "offer_a", "draft_a")
OTHERS = ("env_b", "offer_b", "draft_b", "env_k", "offer_k", "kommune_home", "national_home", "index")


@pytest.fixture
def editor_client(client, world):
    client.force_login(world["editor_a"])
    return client


def test_editor_edits_own_environment_and_offers_only(editor_client, world):
    for key in OWN:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[world[key].pk]))
        assert response.status_code == 200, key
    for key in OTHERS:
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[world[key].pk]))
        assert is_denied(response), (key, response.status_code)


def test_editor_adds_offers_to_own_environment_only(editor_client, world):
    add = "wagtailadmin_pages:add"
    assert editor_client.get(reverse(add, args=["offers", "offerpage", world["env_a"].pk])).status_code == 200
    for key in ("env_b", "env_k"):
        assert is_denied(editor_client.get(reverse(add, args=["offers", "offerpage", world[key].pk]))), key
    response = editor_client.get(reverse(add, args=["offers", "learningenvironmentpage", world["index"].pk]))
    assert is_denied(response)


def test_editor_cannot_delete_unpublish_or_move_another_environments_pages(editor_client, world):
    for key in ("offer_b", "draft_b", "offer_k"):
        page = world[key]
        for name in ("wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish", "wagtailadmin_pages:move"):
            assert is_denied(editor_client.get(reverse(name, args=[page.pk]))), (key, name)
        editor_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        editor_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        assert OfferPage.objects.filter(pk=page.pk).exists()
    assert OfferPage.objects.get(pk=world["offer_b"].pk).live


def test_editor_cannot_post_an_edit_to_another_environment(client, world):
    client.force_login(world["editor_b"])
    url, data = edit_form(client, world["offer_b"])
    client.force_login(world["editor_a"])
    data["title"] = "Kapret"
    response = client.post(url, data)
    assert is_denied(response)
    assert OfferPage.objects.get(pk=world["offer_b"].pk).get_latest_revision_as_object().title == "Tilbud B"


def test_explorer_shows_own_environment_only(editor_client, world):
    response = editor_client.get(reverse("wagtailadmin_explore", args=[world["index"].pk]), follow=True)
    html = response.content.decode()
    assert "Tilbud B" not in html and "Museum Bornholm" not in html
    html = editor_client.get(reverse("wagtailadmin_explore", args=[world["env_a"].pk])).content.decode()
    assert "Tilbud A" in html and "Hemmelig kladde A" in html
    response = editor_client.get(reverse("wagtailadmin_explore", args=[world["env_b"].pk]), follow=True)
    assert "Hemmelig kladde B" not in response.content.decode()


def test_admin_search_finds_nothing_outside_own_environment(editor_client, world):
    for query in ("Hemmelig", "Tilbud", "vindmølle", "Bornholm"):
        html = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": query}).content.decode()
        assert "Hemmelig kladde B" not in html and "Tilbud B" not in html and "vindmøllefabrikken" not in html, query
    html = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": "Hemmelig"}).content.decode()
    assert "Hemmelig kladde A" in html


def test_page_chooser_lists_own_environment_only(editor_client, world):
    browse = editor_client.get(reverse("wagtailadmin_choose_page_child", args=[world["index"].pk])).content.decode()
    assert "Naturcenter Amager" in browse
    assert "Museum Bornholm" not in browse
    for parent in ("env_b", "env_k", "kommune_home"):
        html = editor_client.get(reverse("wagtailadmin_choose_page_child", args=[world[parent].pk])).content.decode()
        assert "Tilbud B" not in html and "Hemmelig kladde B" not in html and "vindmølle" not in html, parent
    found = editor_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Hemmelig"}).content.decode()
    assert "Hemmelig kladde A" in found and "Hemmelig kladde B" not in found
    found = editor_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Tilbud"}).content.decode()
    assert "Tilbud B" not in found


def test_admin_api_shows_own_environment_only(editor_client, world):
    listing = editor_client.get("/admin/api/main/pages/", {"child_of": world["index"].pk}).json()
    assert [item["title"] for item in listing["items"]] == ["Naturcenter Amager"]
    search = editor_client.get("/admin/api/main/pages/", {"search": "Hemmelig"}).json()
    assert [item["title"] for item in search["items"]] == ["Hemmelig kladde A"]
    for key in ("draft_b", "env_b", "offer_k"):
        assert editor_client.get(f"/admin/api/main/pages/{world[key].pk}/").status_code == 404, key
    assert editor_client.get(f"/admin/api/main/pages/{world['draft_a'].pk}/").status_code == 200


def test_images_and_documents_of_own_collection_only(editor_client, world):
    listing = editor_client.get(reverse("wagtailimages:index")).content.decode()
    assert "Billede A" in listing and "Billede B" not in listing
    chooser = editor_client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "Billede A" in chooser and "Billede B" not in chooser
    assert editor_client.get(reverse("wagtailimages:edit", args=[world["image_a"].pk])).status_code == 200
    assert is_denied(editor_client.get(reverse("wagtailimages:edit", args=[world["image_b"].pk])))
    editor_client.post(reverse("wagtailimages:delete", args=[world["image_b"].pk]))
    assert world["image_b"].__class__.objects.filter(pk=world["image_b"].pk).exists()

    listing = editor_client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Dokument A" in listing and "Dokument B" not in listing
    chooser = editor_client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Dokument A" in chooser and "Dokument B" not in chooser
    assert is_denied(editor_client.get(reverse("wagtaildocs:edit", args=[world["document_b"].pk])))
    # Uploads land in the editor's own collection only: B's collection is not offered.
    add_form = editor_client.get(reverse("wagtailimages:add_multiple")).content.decode()
    assert str(world["collection_b"]) not in add_form


def test_bulk_actions_refuse_other_environments_pages(editor_client, world):
    others = [world[key].pk for key in ("offer_b", "draft_b", "offer_k")]
    for action in ("delete", "unpublish", "publish", "move"):
        url = (
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
            + "?"
            + "&".join(f"id={pk}" for pk in [*others, world["draft_a"].pk])
        )
        response = editor_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 or is_denied(response), action
        for title in ("Tilbud B", "Hemmelig kladde B", "vindmøllefabrikken"):
            assert title not in html, (action, title)
        editor_client.post(url)
    assert OfferPage.objects.get(pk=world["offer_b"].pk).live
    assert OfferPage.objects.filter(pk__in=others).count() == 3


def test_reports_show_nothing_of_other_environments(editor_client, world):
    for name in (
        "wagtailadmin_reports:locked_pages",
        "wagtailadmin_reports:site_history",
        "wagtailadmin_reports:workflow",
        "wagtailadmin_reports:workflow_tasks",
        "wagtailadmin_reports:aging_pages",
        "wagtailadmin_reports:page_types_usage",
    ):
        response = editor_client.get(reverse(name))
        html = response.content.decode()
        assert is_denied(response) or ("Tilbud B" not in html and "Hemmelig kladde B" not in html), name


def test_users_groups_and_settings_are_closed(editor_client, world):
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailsnippets_environments_changereason:list"),
    ):
        assert is_denied(editor_client.get(url)), url


def test_untrusted_editor_cannot_publish_but_submits(editor_client, world):
    offer = world["offer_a"]
    url, data = edit_form(editor_client, offer)
    data["title"] = "Tilbud A – ny udgave"
    data["action-publish"] = "1"
    editor_client.post(url, data)
    offer = OfferPage.objects.get(pk=offer.pk)
    assert offer.title == "Tilbud A"  # the live version is unchanged
    html = editor_client.get(url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


def test_trusted_editor_publishes_directly(editor_client, world):
    set_trusted(environment=world["env_a"], trusted=True)
    offer = world["offer_a"]
    url, data = edit_form(editor_client, offer)
    data["title"] = "Tilbud A – ny udgave"
    data["action-publish"] = "1"
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert OfferPage.objects.get(pk=offer.pk).title == "Tilbud A – ny udgave"
    set_trusted(environment=world["env_a"], trusted=False)
    assert 'name="action-publish"' not in editor_client.get(url).content.decode()


def test_editor_lands_on_their_environment(editor_client, world):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Naturcenter Amager" in html and "Tilføj tilbud" in html
    assert "Tilbud A" in html and "Hemmelig kladde A" in html
    assert 'data-status="offentlig"' in html and 'data-status="kladde"' in html
    assert "Tilbud B" not in html and "Museum Bornholm" not in html


def test_offer_form_has_the_four_tabs(editor_client, world):
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[world["offer_a"].pk])).content.decode()
    for tab in ("Indhold", "Målgruppe og fag", "Praktisk", "Booking"):
        assert f">{tab}<" in html or f"{tab}\n" in html, tab
