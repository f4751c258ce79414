from django.urls import path, reverse
from wagtail import hooks

from . import two_factor


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
