"""A–Z is Danish; "Nyeste" is by first publication with offers never published last."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Collate

from offers.models import OfferPage, OfferSearchRow
from offers.search.ranking import SORT_NEWEST, order_rows
from offers.search.rows import search_rows
from skoletjenesten import collation
from skoletjenesten.collation import danish, danish_key
from tests.conftest import make_offer

pytestmark = pytest.mark.django_db

DANISH_ORDER = ["Arkiv", "Børns leg", "Bålmad", "Zoo", "Æbler", "Ørnen", "Åen", "Aalborg"]


def titles(response) -> list[str]:
    return [offer.title for offer in response.context["search"].page_obj.object_list]


@pytest.fixture
def danish_titles(environment):
    return [make_offer(environment, title=title) for title in ["Mælk", "Mål", "mad", "Åen", "Bålmad", "Børns leg"]]


@pytest.mark.parametrize("icu", [True, False], ids=["ICU da-DK", "embedded PostgreSQL without ICU"])
def test_title_order_is_danish(client, danish_titles, monkeypatch, icu):
    if not icu:  # the embedded PostgreSQL of `make run` has no ICU: the fallback key must sort the same
        monkeypatch.setattr(collation, "has_icu_danish", lambda: False)
    response = client.get("/tilbud/", {"sortering": "titel"})
    assert titles(response) == ["Børns leg", "Bålmad", "mad", "Mælk", "Mål", "Åen"]


def test_python_key_sorts_like_the_database():
    assert sorted(DANISH_ORDER, key=danish_key) == DANISH_ORDER
    rows = OfferSearchRow.objects.none()
    assert rows.order_by(danish("title")).query is not None
    assert isinstance(danish(Value("x")), Collate)


def test_newest_puts_offers_never_published_last(client, environment):
    older = make_offer(environment, title="Udgivet i 2025")
    published = make_offer(environment, title="Udgivet i 2026")
    never = make_offer(environment, title="Aldrig udgivet")  # the newest page, but never published
    for offer, when in [(older, "2025-09-01T10:00Z"), (published, "2026-09-01T10:00Z"), (never, None)]:
        OfferPage.objects.filter(pk=offer.pk).update(first_published_at=when)
        OfferSearchRow.objects.filter(pk=offer.pk).update(first_published_at=when)
    response = client.get("/tilbud/")
    assert response.context["search"].sort == "nyeste"
    assert titles(response) == [published.title, older.title, never.title]


def test_an_index_gives_the_newest_order_without_sorting(environment):
    # "Nyeste" is the landing page's order: at 100,000 offers sorting every live row took ~50 ms a request.
    make_offer(environment, title="Et tilbud")
    rows = order_rows(search_rows(), SORT_NEWEST, None).values_list("pk", flat=True)[:20]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "offer_row_live_newest" in plan and "Sort" not in plan, plan
