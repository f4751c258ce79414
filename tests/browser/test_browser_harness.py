"""The browser harness itself: starting Chromium must not cut the tests off from Django's test database state."""

from __future__ import annotations

import pytest
from django.db import connections
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_after_the_browser_starts_tests_keep_the_serialized_database(django_db_setup, browser):
    # The database was set up (and serialized) before Chromium started: the connection the tests use from now
    # on must still carry that snapshot, or serialized_rollback restores nothing after a flush.
    assert hasattr(connections["default"], "_test_serialized_contents")
    assert Page.get_first_root_node() is not None
