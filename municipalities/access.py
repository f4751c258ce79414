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


def acts_for_any_municipality(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user acts for at least one kommune; asked by several admin menu items on every admin
    page, so remembered on the user object (one query per request)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_acts_for_any_municipality", None)
    if cached is None:
        cached = municipalities_for_user(user).exists()
        user._acts_for_any_municipality = cached  # type: ignore[union-attr]
    return cached


def can_manage_municipal_sites(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Skoletjenesten staff who may create kommunesites."""
    return user.is_authenticated and user.has_perm("municipalities.add_municipalsite")


def can_view_any_supply(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff may read any kommune's local-supply overview; consultants only their own."""
    return user.is_authenticated and user.has_perm("municipalities.view_municipalsite")
