"""django-axes's lockout check, for sign-ins that come through a request."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out user name and address before any password is checked.

    A call to authenticate() without a request (a management command, a script) is no web sign-in and
    cannot be tracked by address, so it passes to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
