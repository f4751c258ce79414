"""What an editor can see in the admin: images, documents, pages, groups, only within their rights."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from rest_framework.authentication import SessionAuthentication
from wagtail.admin.views.page_privacy import SetPrivacyView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

COLLECTION_ACTIONS = ["choose", "change", "add", "delete"]


def _in_permitted_collections(queryset: QuerySet, user) -> QuerySet:
    if user.is_superuser:
        return queryset
    policy = policy_registry.get_by_type(queryset.model)
    return queryset.filter(pk__in=policy.instances_user_has_any_permission_for(user, COLLECTION_ACTIONS).values("pk"))


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """/admin/api/main/images/: only images in collections the editor may use."""

    # The signed-in editor from the session (the public API's default is no authentication at all).
    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return _in_permitted_collections(super().get_queryset(), self.request.user)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """/admin/api/main/documents/: only documents in collections the editor may use."""

    authentication_classes = [SessionAuthentication]

    def get_queryset(self):
        return _in_permitted_collections(super().get_queryset(), self.request.user)


def editable_pages(user) -> QuerySet:
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change", "publish"])


def pages_to_choose(pages: QuerySet, user) -> QuerySet:
    """Live public pages (anyone can see them on the site) and the editor's own trees, drafts included."""
    if user.is_superuser:
        return pages
    public = Page.objects.live().public().values("pk")
    return pages.filter(Q(pk__in=public) | Q(pk__in=editable_pages(user).values("pk")))


def refuse_private_document(document, request):
    """A document attached to a partnership is public only where a public partnership shows it publicly.

    Everyone else gets the sign-in page (anonymous) or 403, unless they may see the partnership registry.
    Collection privacy is Wagtail's own check in the same serve view.
    """
    # partnerships sits above operations (the one upward edge, listed in pyproject's ignore_imports; to move there)
    from partnerships.models import KnowledgeProduct, Partnership, PartnershipDocument
    from partnerships.views import can_view_partnerships

    attached = (
        PartnershipDocument.objects.filter(document=document).exists()
        or KnowledgeProduct.objects.filter(document=document).exists()
    )
    if not attached:
        return None
    public_partnerships = Partnership.objects.public().values("pk")
    shown_publicly = (
        PartnershipDocument.objects.filter(
            document=document, is_public=True, partnership__in=public_partnerships
        ).exists()
        or KnowledgeProduct.objects.filter(
            document=document, is_public=True, partnership__in=public_partnerships
        ).exists()
    )
    if shown_publicly or (request.user.is_authenticated and can_view_partnerships(request.user)):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class ScopedSetPrivacyView(SetPrivacyView):
    """The page privacy dialog offers only the editor's own groups (not every kommune's)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields["groups"].queryset = self.request.user.groups.all()
        return form


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """The page-types report names a last-edited page only if the editor may see it."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        if user.is_superuser:
            return page_types
        shown = {page.pk for page in [item.last_edited_page for item in page_types] if page is not None}
        visible = set(pages_to_choose(Page.objects.filter(pk__in=shown), user).values_list("pk", flat=True))
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types
