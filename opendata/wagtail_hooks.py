"""Admin wiring for open data: the widget builder (kommune consultants, environment editors, staff)."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls_admin
from .widgets import can_make_widgets


@hooks.register("register_admin_urls")
def register_opendata_admin_urls():
    return [path("indlejring/", include(urls_admin, namespace="opendata_admin"))]


class WidgetMenuItem(MenuItem):
    def is_shown(self, request):
        return can_make_widgets(request.user)


@hooks.register("register_admin_menu_item")
def register_widget_menu():
    return WidgetMenuItem(
        _("Vis tilbud på jeres side"), reverse_lazy("opendata_admin:widget-index"), icon_name="code", order=260
    )
