"""Admin wiring for usage statistics: the dashboard, shown to whoever has a scope."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import dashboard
from .selectors import scopes_for_user


@hooks.register("register_admin_urls")
def register_usage_admin_urls():
    return [path("statistik/", dashboard, name="usage_dashboard")]


class UsageMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(scopes_for_user(request.user))


@hooks.register("register_admin_menu_item")
def register_usage_menu():
    return UsageMenuItem(_("Statistik"), reverse_lazy("usage_dashboard"), icon_name="doc-full", order=270)
