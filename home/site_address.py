"""The public site's address (``settings.PUBLIC_BASE_URL``) and the national Wagtail Site that follows it.

Links made outside a request (the catalogue, exports, e-mails, open data files) are built by Wagtail
from the national Site's ``root_url`` (``Page.get_full_url()``) or with ``public_url()`` here; both give
the configured address, never ``http://localhost``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def national_address() -> tuple[str, int]:
    """(hostname, port) of ``PUBLIC_BASE_URL``: a Wagtail Site's two fields."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def public_url(path: str = "/") -> str:
    """An absolute public URL for a site path (``/tilbud/``): the configured address + the path."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def address_missing() -> bool:
    """Production settings without ``PUBLIC_BASE_URL`` (nor ``WAGTAILADMIN_BASE_URL``): the address is unknown.

    The local default (``http://127.0.0.1:8000``) is right for development only; a live site pointed at it
    would write that address into every catalogue QR code, e-mail and open data file.
    """
    return settings.PUBLIC_BASE_URL_REQUIRED and not settings.PUBLIC_BASE_URL_CONFIGURED


def missing_address_message() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    kept = f"keeps its address {site.root_url}" if site else "is not changed"
    return (
        f"PUBLIC_BASE_URL is not set: the national site {kept}. Set PUBLIC_BASE_URL to the public address "
        "(e.g. https://skoletjenesten.dk) and run migrate again; until then links made outside a request "
        f"(catalogue QR codes, e-mails, open data files) start with {settings.PUBLIC_BASE_URL}."
    )


def sync_national_site() -> bool:
    """Point the default (national) Site at ``PUBLIC_BASE_URL``. True when it changed.

    Another site already holding that hostname and port (a kommunesite) is left alone: the national
    site keeps its address rather than break the unique (hostname, port) pair. Under the production
    settings without a configured address (``address_missing()``) nothing is changed.
    """
    if address_missing():
        return False
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = national_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
