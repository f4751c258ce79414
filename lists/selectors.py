"""Reads for lists: the offers behind a list or the browser's favourites, with their current facts."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import Http404, HttpRequest
from wagtail.models import Site

from offers.models import OfferPage

from .models import OfferList, OfferListItem

MAX_FAVOURITES = 200


def list_items(offer_list: OfferList) -> list[OfferListItem]:
    return list(
        offer_list.items.select_related(
            "offer", "offer__environment", "offer__municipality", "offer__grade_from", "offer__grade_to"
        )
    )


def favourite_offers(ids: list[str]) -> list[OfferPage]:
    """Live offers for the ids kept in the browser, in the browser's order; unknown ids are skipped."""
    wanted = []
    for raw in ids[:MAX_FAVOURITES]:
        if raw.isdigit() and int(raw) not in wanted:
            wanted.append(int(raw))
    offers = (
        OfferPage.objects.live()
        .filter(pk__in=wanted)
        .select_related("environment", "municipality", "grade_from", "grade_to")
    )
    by_id = {offer.pk: offer for offer in offers}
    return [by_id[pk] for pk in wanted if pk in by_id]


def offer_from_address(request: HttpRequest, address: str) -> OfferPage | None:
    """The live offer at an address pasted by the user (a full URL or a path), or by its number."""
    address = address.strip()
    if address.isdigit():
        return OfferPage.objects.live().filter(pk=int(address)).first()
    path = urlsplit(address).path if "://" in address else address
    site = Site.find_for_request(request)
    if site is None or not path:
        return None
    components = [component for component in path.split("/") if component]
    try:
        page = site.root_page.specific.route(request, components).page.specific
    except Http404:
        return None
    return page if isinstance(page, OfferPage) and page.live else None
