"""Who sees which requests in the inbox, and who sees the teachers' personal data.

- An environment's editors (its ``editors_group``) answer their own environment's requests.
- A kommune's consultants (its site's editors' group) answer requests for offers the kommune organises
  itself: environments under the kommune's home page.
- Staff with ``bookings.view_bookingrequest`` (reviewers) read every request, without personal data.
- Superusers answer everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from municipalities.models import MunicipalSite

from .models import BookingRequest, BookingRequestQuerySet


def kommune_paths(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    """Tree paths of the home pages of the kommunesites whose editors' group the user is in."""
    return list(MunicipalSite.objects.filter(editors_group__user=user).values_list("site__root_page__path", flat=True))


def answerable_requests(user: AbstractBaseUser | AnonymousUser) -> BookingRequestQuerySet:
    """Requests the user may answer and whose personal data the user may read."""
    requests = BookingRequest.objects.all()
    if not user.is_authenticated or not user.is_active:
        return requests.none()
    if user.is_superuser:
        return requests
    condition = Q(environment__editors_group__user=user)
    for path in kommune_paths(user):
        condition |= Q(environment__path__startswith=path)
    return requests.filter(pk__in=BookingRequest.objects.filter(condition).values("pk"))


def readable_requests(user: AbstractBaseUser | AnonymousUser) -> BookingRequestQuerySet:
    """Requests the user may see in the inbox at all (reviewers: all of them, without personal data)."""
    if user.is_authenticated and user.is_active and user.has_perm("bookings.view_bookingrequest"):
        return BookingRequest.objects.all()
    return answerable_requests(user)


def can_answer(user: AbstractBaseUser | AnonymousUser, booking: BookingRequest) -> bool:
    return answerable_requests(user).filter(pk=booking.pk).exists()


def has_inbox(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("bookings.view_bookingrequest"):
        return True
    if user.groups.filter(learning_environment__isnull=False).exists():
        return True
    return bool(kommune_paths(user))
