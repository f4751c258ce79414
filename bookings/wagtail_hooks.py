"""Admin wiring: the inbox of booking requests."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from municipalities.access import acts_for_any_municipality

from . import urls_admin
from .access import has_inbox
from .components import DemandSection
from .views_admin import sees_national_demand


@hooks.register("register_admin_urls")
def register_bookings_admin_urls():
    return [path("foresporgsler/", include(urls_admin, namespace="bookings_admin"))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return has_inbox(request.user)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Forespørgsler"), reverse_lazy("bookings_admin:inbox"), icon_name="mail", order=240)


class DemandMenuItem(MenuItem):
    def is_shown(self, request):
        return sees_national_demand(request.user) or acts_for_any_municipality(request.user)


@hooks.register("register_admin_menu_item")
def register_demand_menu_item():
    return DemandMenuItem(
        _("Efterspørgsel fra skoler"), reverse_lazy("bookings_admin:demand"), icon_name="table", order=241
    )


@hooks.register("municipal_supply_sections")
def demand_section(request, municipality):
    """The kommune's requests, in its "Lokalt udbud og mål" overview."""
    return DemandSection(municipality)
