"""Who may build and download which catalogue editions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from municipalities.access import acts_for_any_municipality, municipalities_for_user

from .models import CatalogueEdition

BUILD_PERMISSION = "catalogue.build_catalogue"


def has_catalogue_permission(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(BUILD_PERMISSION))


def buildable_editions(user) -> QuerySet[CatalogueEdition]:
    """Staff with the catalogue permission: every edition. A kommune's consultant: that kommune's."""
    editions = CatalogueEdition.objects.select_related("municipality")
    if not (user.is_authenticated and user.is_active):
        return editions.none()
    if has_catalogue_permission(user):
        return editions.all()
    return editions.filter(Q(municipality__in=municipalities_for_user(user)))


def can_build(user, edition: CatalogueEdition) -> bool:
    return buildable_editions(user).filter(pk=edition.pk).exists()


def can_use_catalogue(user) -> bool:
    return has_catalogue_permission(user) or acts_for_any_municipality(user)
