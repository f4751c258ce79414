"""The search costs a fixed number of SQL queries, whatever the page size or the number of results."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories import make_offer

pytestmark = pytest.mark.django_db

MAX_QUERIES = 19  # the map view adds two (its ids and pages); the header and footer's section pages one


@pytest.fixture
def many_offers(catalogue):
    environment = catalogue["pond"].get_parent().specific
    return [make_offer(environment, title=f"Naturtur nummer {n}", subjects=["biologi"]) for n in range(12)]


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/tilbud/", params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "natur"},
        {"fag": "biologi", "klassetrin": "4-klasse", "postnummer": "2300", "afstand": "100", "sortering": "afstand"},
        {"visning": "kort"},
    ],
)
def test_queries_do_not_grow_with_page_size_or_result_count(client, many_offers, django_assert_max_num_queries, params):
    client.get("/tilbud/", params)  # warm Wagtail's per-process caches (site root paths)
    small = count_queries(client, {**params, "antal": "10", "fag": "historie"})  # one result
    with django_assert_max_num_queries(small):
        response = client.get("/tilbud/", {**params, "antal": "100"})  # every result on one page
    assert len(response.context["search"].page_obj.object_list) > 10
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/tilbud/", {**params, "antal": "100"})
