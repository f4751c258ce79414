"""The offer search (``/tilbud/`` and the kommune sites' search).

- ``facets``: the facet registry: each facet (URL name, label, options, filter, counting, chip) once.
- ``reference``: the reference data behind choices and labels, loaded once per search.
- ``text``: query parsing (words, stop words, synonyms, the Danish tsquery).
- ``filters``: the FilterSet that validates the query string and filters the search rows.
- ``counting``: every facet's counts and the totals in one statement, cached per search version.
- ``ranking``: the result orders.
- ``spelling``: "Mente du …?".
- ``params``: cleaning the query string and building links.
- ``selector``: ``search_offers()``, the one entry point.
- ``result``: its result (facets, options, "loosen" hints); ``rows``: the rows searched, the lazy page of
  offers and the map's points; ``chips``: the active filters' chips.
- ``index``: the search rows and tsvectors, refreshed with set-based SQL.
"""

from .selector import (
    DEFAULT_PAGE_SIZE,
    Facet,
    FacetOption,
    Loosen,
    OfferSearchResult,
    search_offers,
)

__all__ = ["DEFAULT_PAGE_SIZE", "Facet", "FacetOption", "Loosen", "OfferSearchResult", "search_offers"]
