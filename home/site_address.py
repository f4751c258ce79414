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


def sync_national_site() -> bool:
    """Point the default (national) Site at ``PUBLIC_BASE_URL``. True when it changed.

    Another site already holding that hostname and port (a kommunesite) is left alone: the national
    site keeps its address rather than break the unique (hostname, port) pair.
    """
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = national_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
