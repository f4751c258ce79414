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
from django.http import HttpRequest
from django.template import Context
from django.template.backends.django import Template as BackendTemplate
from django.template.loader import get_template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from skoletjenesten.cache_versions import cached_fragments

from .rows import PageOffers

CARD_TEMPLATE = "components/offer_card.html"
HEADING_LEVEL = 3


def render_cards(page: PageOffers, request: HttpRequest | None) -> list[SafeString]:
    """The page's cards in order: from the cache, the others rendered (their offers loaded in one query)."""
    # A card shows its distance, so the distance is part of its key.
    keys = {pk: f"{pk}:{'' if distance is None else f'{distance:.1f}'}" for pk, distance in page.rows}
    pks = {key: pk for pk, key in keys.items()}

    def render(missing: list[str]) -> dict[str, str]:
        offers = page.load([pks[key] for key in missing])
        # The engine's template: no context processors per card.
        template = cast(BackendTemplate, get_template(CARD_TEMPLATE)).template
        context = Context({"request": request, "heading_level": HEADING_LEVEL}, autoescape=True)
        rendered: dict[str, str] = {}
        for key in missing:
            if pks[key] in offers:
                with context.push(offer=offers[pks[key]]):
                    rendered[key] = template.render(context)
        return rendered

    host = request.get_host() if request is not None else ""
    seconds = getattr(settings, "OFFER_SEARCH_CACHE_SECONDS", 300)
    cards = cached_fragments("offers:card", list(keys.values()), render, host, get_language(), seconds=seconds)
    return [cards[keys[pk]] for pk in page.ids if keys[pk] in cards]
