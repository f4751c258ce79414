"""Writes for shared lists."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from offers.models import OfferPage

from .models import OfferList, OfferListItem

MAX_ITEMS = 200


def create_list(*, title: str, offers: list[OfferPage]) -> OfferList:
    with transaction.atomic():
        offer_list = OfferList.objects.create(title=title)
        OfferListItem.objects.bulk_create(
            OfferListItem(offer_list=offer_list, offer=offer, offer_title=offer.title, sort_order=position)
            for position, offer in enumerate(offers[:MAX_ITEMS])
        )
    return offer_list


def add_offer(*, offer_list: OfferList, offer: OfferPage) -> bool:
    """Add an offer at the end; False when it is already on the list."""
    with transaction.atomic():
        offer_list = OfferList.objects.select_for_update().get(pk=offer_list.pk)
        if offer_list.items.filter(offer=offer).exists():
            return False
        last = offer_list.items.aggregate(last=Max("sort_order"))["last"]
        OfferListItem.objects.create(
            offer_list=offer_list, offer=offer, offer_title=offer.title, sort_order=(last or 0) + 1
        )
        offer_list.save(update_fields=["updated_at"])
    return True


def update_list(*, offer_list: OfferList, title: str, notes: dict[int, str], remove: set[int]) -> OfferList:
    """Change the title and the notes, and remove items, in one go."""
    with transaction.atomic():
        offer_list = OfferList.objects.select_for_update().get(pk=offer_list.pk)
        offer_list.title = title
        offer_list.save()
        offer_list.items.filter(pk__in=remove).delete()
        for item in offer_list.items.filter(pk__in=notes.keys()):
            if item.note != notes[item.pk]:
                item.note = notes[item.pk]
                item.save(update_fields=["note"])
    return offer_list
