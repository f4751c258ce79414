"""The search follows publishing: Wagtail's signals after the whole page (with its relations) is saved.

A page's ``save()`` does no work on other tables (a ``post_save`` signal would come before modelcluster
writes the page's many-to-many values). Publishing and unpublishing an offer or a learning environment
refresh the offers' search rows here; the admin's create/edit hooks (``offers.wagtail_hooks``) cover a
saved draft, and code that saves pages itself (demo data, factories) calls ``refresh_page_search``.
An offer moved to another environment (Wagtail's move, which saves it as a plain ``Page``) takes its
environment, and the kommune and place that come with it, along here (``follow_offer_move``).
Connected in ``OffersConfig.ready()``.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import OfferPage
from .search.index import refresh_page_search
from .services import follow_offer_move


@receiver(page_published, dispatch_uid="offers.search_after_publish")
@receiver(page_unpublished, dispatch_uid="offers.search_after_unpublish")
def refresh_search_after_publishing(sender, instance, **kwargs) -> None:
    refresh_page_search(instance)


@receiver(post_page_move, dispatch_uid="offers.offer_follows_its_move")
def follow_a_moved_offer(sender, instance, parent_page_before, parent_page_after, **kwargs) -> None:
    # Sent for a reorder among siblings too; only a new parent changes what an offer takes from it.
    if issubclass(sender, OfferPage) and parent_page_before.pk != parent_page_after.pk:
        follow_offer_move(offer_id=instance.pk)
