import logging

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Forside og indholdssider")

    def ready(self) -> None:
        post_migrate.connect(_sync_national_site, sender=self, dispatch_uid="home.sync_national_site")
        checks.register(_check_public_base_url, checks.Tags.security, deploy=True)


logger = logging.getLogger(__name__)


def _sync_national_site(*, stdout=None, **kwargs) -> None:
    # Imported here: the app registry is ready only once ready() runs.
    from .site_address import address_missing, missing_address_message, sync_national_site

    if address_missing():
        message = missing_address_message()
        logger.warning(message)
        if stdout is not None:
            stdout.write(f"Warning: {message}\n")
        return
    sync_national_site()


def _check_public_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """``manage.py check --deploy``: production without the public address."""
    if settings.PUBLIC_BASE_URL_REQUIRED and not settings.PUBLIC_BASE_URL_CONFIGURED:
        return [
            checks.Warning(
                "PUBLIC_BASE_URL is not set: the national site keeps its address and links made outside a "
                f"request (catalogue QR codes, e-mails, open data files) start with {settings.PUBLIC_BASE_URL}.",
                hint="Set PUBLIC_BASE_URL to the public address, e.g. https://skoletjenesten.dk.",
                id="home.W001",
            )
        ]
    return []
