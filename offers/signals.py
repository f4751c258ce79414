"""The search follows publishing: Wagtail's signals after the whole page (with its relations) is saved.

A page's ``save()`` does no work on other tables (a ``post_save`` signal would come before modelcluster
writes the page's many-to-many values). Publishing and unpublishing an offer or a learning environment
refresh the offers' search rows here; the admin's create/edit hooks (``offers.wagtail_hooks``) cover a
saved draft, and code that saves pages itself (demo data, factories) calls ``refresh_page_search``.
Connected in ``OffersConfig.ready()``.
"""

from __future__ import annotations

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .search.index import refresh_page_search


@receiver(page_published, dispatch_uid="offers.search_after_publish")
@receiver(page_unpublished, dispatch_uid="offers.search_after_unpublish")
def refresh_search_after_publishing(sender, instance, **kwargs) -> None:
    refresh_page_search(instance)
