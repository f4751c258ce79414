"""Admin wiring for municipal sites: the site list, the local-supply overview and a guard on home pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls_admin
from .access import can_manage_municipal_sites, can_view_any_supply, municipalities_for_user
from .models import MunicipalHomePage, MunicipalSearchPage


@hooks.register("register_admin_urls")
def register_municipal_admin_urls():
    return [path("kommunesites/", include(urls_admin, namespace="municipalities_admin"))]


class ManageSitesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_municipal_sites(request.user)


class SupplyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_any_supply(request.user) or municipalities_for_user(request.user).exists()


municipal_menu = Menu(
    register_hook_name=None,
    items=[
        SupplyMenuItem(_("Lokalt udbud og mål"), reverse_lazy("municipalities_admin:supply"), icon_name="table"),
        ManageSitesMenuItem(_("Kommunesites"), reverse_lazy("municipalities_admin:index"), icon_name="site"),
    ],
)


@hooks.register("register_admin_menu_item")
def register_municipal_menu():
    return SubmenuMenuItem(_("Kommuner"), municipal_menu, icon_name="globe", order=250)


@hooks.register("before_delete_page")
def keep_municipal_home_and_search_pages(request, page):
    """A kommune's home page is its Site's root and its search page the site's main tool: only staff remove them."""
    if isinstance(page.specific, MunicipalHomePage | MunicipalSearchPage) and not request.user.is_superuser:
        messages.error(request, _("Forsiden og søgesiden på et kommunesite kan ikke slettes."))
        return redirect(reverse("wagtailadmin_explore", args=[page.pk]))
    return None
