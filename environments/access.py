"""Which environments a user edits, and what an environment editor may see in the admin."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from offers.models import LearningEnvironmentPage


def environments_for_user(user: AbstractBaseUser | AnonymousUser):
    """The environments whose editors' group the user is in (superusers: none of their own)."""
    if not user.is_authenticated:
        return LearningEnvironmentPage.objects.none()
    return LearningEnvironmentPage.objects.filter(editors_group__user=user)


def is_environment_editor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """A user whose only page rights come from environments' editors' groups (not staff, not a consultant)."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cache_name = "_is_environment_editor"
    if not hasattr(user, cache_name):
        rows = GroupPagePermission.objects.filter(group__user=user)
        in_environment_group = rows.filter(group__learning_environment__isnull=False).exists()
        setattr(
            user,
            cache_name,
            in_environment_group and not rows.filter(group__learning_environment__isnull=True).exists(),
        )
    return getattr(user, cache_name)


def visible_pages_condition(user: AbstractBaseUser) -> Q:
    """For an environment editor: their environments' subtrees and the ancestors leading to them."""
    paths = list(environments_for_user(user).values_list("path", flat=True))
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    ancestor_paths: set[str] = set()
    for path in paths:
        condition |= Q(path__startswith=path)
        ancestor_paths.update(path[:end] for end in range(Page.steplen, len(path), Page.steplen))
    return condition | Q(path__in=sorted(ancestor_paths))
