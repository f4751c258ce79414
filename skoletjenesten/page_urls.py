"""Wagtail page URLs from a page's ``url_path``, without building the page: for lists of hundreds of pages.

``Page.get_url()`` needs a page instance (a Wagtail page costs ~0.1 ms to build, its URL as much again through
``reverse()``); ``PageUrls`` reads the site root paths once and gives the same URLs from ``url_path`` alone,
falling back to Wagtail's ``reverse()`` for any path that is not plain ASCII. Used by the open dataset (full
URLs for every offer) and the search's map (the page's own URLs: relative on the current site).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail.models import Site

# A url_path tail that Wagtail's serve pattern accepts and reverse() returns unchanged (no quoting).
_PLAIN_TAIL = re.compile(r"(?:[A-Za-z0-9_\-]+/)*")


class PageUrls:
    """``Page.get_full_url(request)`` and ``Page.get_url(request)`` from a page's ``url_path``, with the site
    root paths read once."""

    def __init__(self, request) -> None:
        self.roots = Site.get_site_root_paths()
        site = Site.find_for_request(request) if request is not None else None
        self.current_site_id = site.pk if site else None
        self.single_site = len({root.site_id for root in self.roots}) == 1
        self.serve_prefix = reverse("wagtail_serve", args=("",))
        self.append_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):  # pragma: no cover (not used by this project)
            raise NotImplementedError("PageUrls does not handle translated site roots")

    def _parts(self, url_path: str) -> tuple[int, str, str] | None:
        """(site id, site root URL, page path), as ``Page.get_url_parts(request)``; None when not routable."""
        possible = [root for root in self.roots if url_path.startswith(root.root_path)]
        if not possible:
            return None
        chosen = possible[0]
        if self.current_site_id is not None and len({root.site_id for root in possible}) > 1:
            chosen = next((root for root in possible if root.site_id == self.current_site_id), chosen)
        tail = url_path[len(chosen.root_path) :]
        if _PLAIN_TAIL.fullmatch(tail):
            page_path = self.serve_prefix + tail
        else:
            try:
                page_path = reverse("wagtail_serve", args=(tail,))
            except NoReverseMatch:
                return None
        if not self.append_slash and page_path != "/":
            page_path = page_path.rstrip("/")
        return chosen.site_id, chosen.root_url, page_path

    def full_url(self, url_path: str) -> str | None:
        parts = self._parts(url_path)
        return None if parts is None else parts[1] + parts[2]

    def url(self, url_path: str) -> str | None:
        """Relative on the current site (or when there is one site), else the full URL: ``Page.get_url(request)``."""
        parts = self._parts(url_path)
        if parts is None:
            return None
        site_id, root_url, page_path = parts
        if site_id == self.current_site_id or self.single_site:
            return page_path
        return root_url + page_path
