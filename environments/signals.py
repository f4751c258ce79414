"""A new kommunesite gets its review workflow: its consultants review the kommune's own organisers."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from municipalities.models import MunicipalSite

from .services import ensure_municipal_review_workflow


@receiver(post_save, sender=MunicipalSite, dispatch_uid="environments.municipal_review_workflow")
def create_municipal_review_workflow(sender, instance: MunicipalSite, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        ensure_municipal_review_workflow(municipal_site=instance)
