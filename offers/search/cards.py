"""The result cards' HTML, kept in the cache per offer under the whole-page cache's content version.

A card (``components/offer_card.html``) costs about a millisecond to render and its offer page about as
much to load, twenty times per search page. Each card is kept under the content version that the
whole-page cache (operations.pagecache) replaces after any write that can show on a public page, and the
search version (any refresh of the offers' search data), so a cached card is exactly as fresh as a cached
page. A page whose cards are all cached never builds its offer pages (offers.search.rows.PageOffers).

The key also carries the host (a card links to its offer relative to the current site, absolutely to
another), the language and the distance shown. ``OFFER_SEARCH_CACHE_SECONDS`` = 0 turns it off, as it does
the facet counts; with Redis down nothing is cached.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.template import Context
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from skoletjenesten.cache_versions import current_versions

from .rows import PageOffers

CARD_TEMPLATE = "components/offer_card.html"
HEADING_LEVEL = 3


def _key(versions: str, host: str, pk: int, distance: float | None) -> str:
    shown = "" if distance is None else f"{distance:.1f}"
    return f"offers:card:{versions}:{host}:{get_language()}:{pk}:{shown}"


def render_cards(page: PageOffers, request: HttpRequest | None) -> list[SafeString]:
    """The page's cards in order: from the cache, the others rendered (their offers loaded in one query)."""
    seconds = getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300)
    versions = current_versions() if seconds else None
    host = request.get_host() if request is not None else ""
    keys = {pk: _key(versions, host, pk, distance) for pk, distance in page.rows} if versions else {}
    cached = cache.get_many(list(keys.values())) if keys else {}
    missing = [pk for pk in page.ids if keys.get(pk) not in cached]
    offers = page.load(missing) if missing else {}
    # The engine's template: no context processors per card.
    template = cast(BackendTemplate, get_template(CARD_TEMPLATE)).template
    context = Context({"request": request, "heading_level": HEADING_LEVEL}, autoescape=True)
    rendered: dict[int, SafeString] = {}
    for pk in missing:
        if pk in offers:
            with context.push(offer=offers[pk]):
                rendered[pk] = template.render(context)
    if keys and rendered:
        cache.set_many({keys[pk]: str(html) for pk, html in rendered.items()}, seconds)
    cards = []
    for pk in page.ids:
        if pk in rendered:
            cards.append(rendered[pk])
        elif keys.get(pk) in cached:
            cards.append(mark_safe(cached[keys[pk]]))  # noqa: S308 (our own rendered, escaped template)
    return cards
