"""Admin wiring for municipal sites: the site list, the local-supply overview and a guard on home pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from . import urls_admin
from .access import acts_for_any_municipality, can_manage_municipal_sites, can_view_any_supply, municipalities_for_user
from .models import MunicipalHomePage, MunicipalSearchPage, MunicipalSite


@hooks.register("register_admin_urls")
def register_municipal_admin_urls():
    return [path("kommunesites/", include(urls_admin, namespace="municipalities_admin"))]


class ManageSitesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_municipal_sites(request.user)


class SupplyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_any_supply(request.user) or acts_for_any_municipality(request.user)


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


class MunicipalSitesPanel(Component):
    """The consultant's dashboard: their kommune's site, pages and goals at a glance."""

    name = "municipal_sites"
    template_name = "municipalities/admin/dashboard_panel.html"
    order = 50

    def __init__(self, municipal_sites):
        self.municipal_sites = municipal_sites

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["municipal_sites"] = self.municipal_sites
        context["supply_url"] = reverse("municipalities_admin:supply")
        return context


@hooks.register("construct_homepage_panels")
def add_municipal_sites_panel(request, panels):
    sites = list(
        MunicipalSite.objects.filter(municipality__in=municipalities_for_user(request.user))
        .exclude(editors_group__isnull=True)
        .select_related("municipality", "site")
        .order_by("municipality__name")
    )
    # Superusers act for every kommune; the panel is for the consultants of one or a few.
    if sites and not request.user.is_superuser:
        panels.append(MunicipalSitesPanel(sites))
