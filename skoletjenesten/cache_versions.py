"""The two tokens that cached HTML is keyed by: the content token, replaced on commit of any write that pages
show (operations.pagecache connects the signals), and the search version, bumped when any offer's search data
changes (offers.search.index). Both the whole-page cache and the search's result cards read them here, so a
cached card is never fresher or staler than a cached page; ``cached_fragments`` keeps other cards under them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TypeVar

from django.core.cache import cache, caches
from django.utils.safestring import SafeString, mark_safe

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


K = TypeVar("K", bound=Hashable)


def cached_fragments(
    prefix: str, keys: Sequence[K], render: Callable[[list[K]], Mapping[K, str]], *parts: object, seconds: int
) -> dict[K, SafeString]:
    """HTML fragments (cards) per key, kept for ``seconds`` under the content token and the search version, so
    none is fresher or staler than a cached page; those not kept are rendered by one ``render(missing)`` call.
    ``parts`` must name everything else a fragment depends on (host, language). 0 seconds, or Redis down: all
    rendered. A key ``render`` leaves out is left out."""
    versions = current_versions() if seconds else None
    if versions is None:
        return {key: mark_safe(html) for key, html in render(list(keys)).items()}  # noqa: S308 (our templates)
    names = {key: ":".join([prefix, versions, *map(str, parts), str(key)]) for key in keys}
    kept = cache.get_many(list(names.values()))
    missing = [key for key in keys if names[key] not in kept]
    rendered = render(missing) if missing else {}
    if rendered:
        cache.set_many({names[key]: str(html) for key, html in rendered.items()}, seconds)
    found = {key: rendered[key] if key in rendered else kept.get(names[key]) for key in keys}
    return {key: mark_safe(html) for key, html in found.items() if html is not None}  # noqa: S308 (our templates)
