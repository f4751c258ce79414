"""The two tokens that cached HTML is keyed by: the content token, replaced on commit of any write that pages
show (operations.pagecache connects the signals), and the search version, bumped when any offer's search data
changes (offers.search.index). Both the whole-page cache and the search's result cards read them here, so a
cached card is never fresher or staler than a cached page."""

from __future__ import annotations

import uuid

from django.core.cache import cache, caches

CONTENT_VERSION_KEY = "pagecache:content-version"
SEARCH_VERSION_KEY = "offers:search-version"

_bump_lost = False  # a bump this process could not write (Redis down): written again when Redis answers


def bump_content_version() -> None:
    """A new random token: everything cached under the old one is out of date (and expires on its own)."""
    global _bump_lost
    written = cache.set(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)
    _bump_lost = written is False or (written is None and _cache_ignores_errors())


def _cache_ignores_errors() -> bool:
    """django-redis answers None from set() only when it swallowed an error; Django's own backends always None."""
    return type(caches["default"]).__module__.startswith("django_redis")


def current_versions() -> str | None:
    """Content token and search version in one round trip; None when the cache does not answer."""
    if _bump_lost:
        bump_content_version()
        if _bump_lost:
            return None
    values = cache.get_many([CONTENT_VERSION_KEY, SEARCH_VERSION_KEY])
    token = values.get(CONTENT_VERSION_KEY)
    if token is None:
        # First use, evicted, or Redis down: try to set a fresh token; if Redis is down this reads None again.
        cache.add(CONTENT_VERSION_KEY, uuid.uuid4().hex, None)
        token = cache.get(CONTENT_VERSION_KEY)
        if token is None:
            return None
    return f"{token}:{values.get(SEARCH_VERSION_KEY) or 0}"
