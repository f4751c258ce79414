"""'Mente du …?' never suggests a word found only in an offer behind a login (issue 11)."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from offers.search.spelling import suggest_spelling
from tests.conftest import make_environment, make_offer

pytestmark = pytest.mark.django_db


def test_words_of_login_restricted_offers_are_not_suggested(environment_index):
    public = make_environment(environment_index, title="Åbent naturcenter", postcode="2300")
    make_offer(public, title="Regnormesafari i skoven")
    closed = make_environment(environment_index, title="Lukket klub", postcode="8000")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    make_offer(closed, title="Xylofonvandring for medlemmer")
    assert suggest_spelling("regnormesafarri") == "regnormesafari"
    assert suggest_spelling("xylofonvandrin") in (None, "xylofonvandrin")
