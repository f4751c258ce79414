"""Saving an offer keeps its search row in step; a partial save (Wagtail's bookkeeping) does no search work."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offers.models import OfferSearchRow

pytestmark = pytest.mark.django_db


def test_a_full_save_refreshes_the_search_row_and_a_partial_save_does_no_search_work(offer):
    offer.title = "Smådyr i vandhullet"
    offer.save()
    assert OfferSearchRow.objects.get(offer=offer).title == "Smådyr i vandhullet"

    offer.title = "Ikke gemt i søgningen"
    with CaptureQueriesContext(connection) as captured:
        offer.save(update_fields=["draft_title"])
    search_sql = [query["sql"] for query in captured.captured_queries if "offersearchrow" in query["sql"].lower()]
    assert search_sql == []
    assert OfferSearchRow.objects.get(offer=offer).title == "Smådyr i vandhullet"
