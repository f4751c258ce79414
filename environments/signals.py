"""A new kommunesite gets its review workflow: its consultants review the kommune's own organisers."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from municipalities.models import MunicipalSite
from offers.models import OfferPage

from .confirmation import mark_published_offer_current
from .services import ensure_municipal_review_workflow


@receiver(post_save, sender=MunicipalSite, dispatch_uid="environments.municipal_review_workflow")
def create_municipal_review_workflow(sender, instance: MunicipalSite, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        ensure_municipal_review_workflow(municipal_site=instance)


@receiver(page_published, dispatch_uid="environments.published_offer_is_current")
def published_offer_is_current(sender, instance, **kwargs):
    """Publishing an offer (directly, or when a reviewer approves it) confirms it current."""
    if isinstance(instance, OfferPage):
        mark_published_offer_current(offer_id=instance.pk)
