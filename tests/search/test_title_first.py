"""Relevance puts title matches first; while they fill the page, it is read from them alone (issue 12).

At 100,034 offers "museer" matches 33,000 offers and 3,000 titles: ranking every match for a page of 20 took
most of the request. The pages must be exactly those of the full order, across the page where the titles
run out too.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict

from offers.search.filters import OfferFilterSet
from offers.search.reference import SearchReference
from offers.search.rows import search_rows
from offers.search.selector import search_offers
from tests.conftest import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def fossil_offers(environment):
    in_title = [
        make_offer(environment, title=f"Fossiler fra kridttiden {n}", teaser="Vi leder ved stranden.")
        for n in range(12)
    ]
    in_text = [
        make_offer(environment, title=f"Stranddag {n}", teaser="Eleverne finder fossiler og sten ved kysten.")
        for n in range(14)
    ]
    return in_title, in_text


def page_ids(number: int) -> list[int]:
    result = search_offers(QueryDict(f"q=fossiler&antal=10&side={number}"))
    return [offer.pk for offer in result.page_obj.object_list]


def test_the_pages_are_those_of_the_full_order_with_every_title_match_first(fossil_offers):
    in_title, in_text = fossil_offers
    pages = [page_ids(number) for number in (1, 2, 3)]

    assert set(pages[0]) <= {offer.pk for offer in in_title}  # read from the title matches alone
    assert set(pages[1][:2]) <= {offer.pk for offer in in_title}  # the titles run out on page 2
    assert set(pages[1][2:]) | set(pages[2]) == {offer.pk for offer in in_text}
    everything = search_offers(QueryDict("q=fossiler&antal=50"))
    assert [offer.pk for offer in everything.page_obj.object_list] == pages[0] + pages[1] + pages[2]


def test_the_title_matches_are_found_through_their_own_index(fossil_offers):
    reference = SearchReference.load()
    filterset = OfferFilterSet(QueryDict("q=fossiler"), queryset=search_rows(), reference=reference)
    assert filterset.is_valid()
    sql, params = filterset.title_rows().values_list("pk", flat=True).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "offer_row_title_words_gin" in plan, plan
    assert "offer_row_search_vector_gin" not in plan, plan  # the title's words are in the vector already
