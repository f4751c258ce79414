"""Admin wiring: the inbox of booking requests."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls_admin
from .access import has_inbox


@hooks.register("register_admin_urls")
def register_bookings_admin_urls():
    return [path("foresporgsler/", include(urls_admin, namespace="bookings_admin"))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return has_inbox(request.user)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Forespørgsler"), reverse_lazy("bookings_admin:inbox"), icon_name="mail", order=240)
