from django.urls import path, reverse
from wagtail import hooks

from . import page_creation, pagecache, two_factor, visibility

# After Wagtail's view-restriction check (order 0), which answers restricted pages itself: a page that
# gets here is public, so the page cache may keep it for anonymous visitors.
hooks.register("before_serve_page", pagecache.mark_cacheable, order=100)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("2fa/", two_factor.setup, name="two_factor_setup"),
        path("2fa/kode/", two_factor.verify, name="two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_menu_item(request):
    return {
        "url": reverse("two_factor_setup"),
        "label": "To-trins-login",
        "help_text": "Log ind med en kode fra en godkendelsesapp på telefonen ud over adgangskoden.",
    }


# --- What an editor can see -------------------------------------------------------------------------
# Wagtail lets any admin user list and choose every image, document and page title. A kommune consultant
# sees only their own kommune's material, the public site's live pages and what their groups allow.


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own endpoints, which these replace
def register_scoped_admin_api(router):
    router.register_endpoint("images", visibility.ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", visibility.ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def hide_other_trees_drafts_and_private_pages(pages, request):
    return visibility.pages_to_choose(pages, request.user)


@hooks.register("before_serve_document")
def keep_partnership_documents_private(document, request):
    return visibility.refuse_private_document(document, request)


# A second post of one add form (autosave and a click at once) edits the page the first made.
hooks.register("after_create_page", page_creation.remember_created_page)
