from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Forside og indholdssider")

    def ready(self) -> None:
        post_migrate.connect(_sync_national_site, sender=self, dispatch_uid="home.sync_national_site")


def _sync_national_site(**kwargs) -> None:
    # Imported here: the app registry is ready only once ready() runs.
    from .site_address import sync_national_site

    sync_national_site()
