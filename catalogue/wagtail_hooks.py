import datetime

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from operations.choosers import scoped_chooser_viewset

from . import urls
from .models import CatalogueEdition
from .permissions import buildable_editions, can_use_catalogue


class CatalogueEditionViewSet(SnippetViewSet):
    model = CatalogueEdition
    chooser_viewset_class = scoped_chooser_viewset(lambda request: buildable_editions(request.user))
    icon = "doc-full-inverse"
    menu_label = _("Katalogudgaver")
    add_to_admin_menu = False
    list_display = ["title", "school_year_label", "scope_label", "page_format", "deadline"]
    list_filter = ["school_year", "page_format"]
    search_fields = ["title"]


register_snippet(CatalogueEditionViewSet)


@hooks.register("environments_catalogue_deadlines")
def catalogue_deadlines(school_year: int) -> list[tuple[str, datetime.date]]:
    """For the environments app (which may not import this one): a confirmation round of this school year
    must end before these editions' deadlines (see docs/architecture.md, "Rules between apps")."""
    return list(
        CatalogueEdition.objects.filter(school_year=school_year, deadline__isnull=False)
        .order_by("deadline")
        .values_list("title", "deadline")
    )


@hooks.register("register_admin_urls")
def register_catalogue_urls():
    return [path("catalogue/", include(urls, namespace="catalogue_admin"))]


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_catalogue(request.user)


@hooks.register("register_admin_menu_item")
def register_catalogue_menu_item():
    return CatalogueMenuItem(_("Årskatalog"), reverse("catalogue_admin:index"), icon_name="doc-full-inverse", order=450)
