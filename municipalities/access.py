"""Which kommuner a user works for: the kommuner whose editors' group the user is in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from geography.models import Municipality


def municipalities_for_user(user: AbstractBaseUser | AnonymousUser):
    """Kommuner the user may act for. Superusers act for all; anonymous users for none."""
    if not user.is_authenticated:
        return Municipality.objects.none()
    if user.is_superuser:
        return Municipality.objects.all()
    return Municipality.objects.filter(municipal_site__editors_group__user=user).distinct()


def can_manage_municipal_sites(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Skoletjenesten staff who may create kommunesites."""
    return user.is_authenticated and user.has_perm("municipalities.add_municipalsite")


def can_view_any_supply(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff may read any kommune's local-supply overview; consultants only their own."""
    return user.is_authenticated and user.has_perm("municipalities.view_municipalsite")
