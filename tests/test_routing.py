"""Routing below a page whose children are of one type: one query per level, and nothing lost by it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_an_offer_is_found_below_its_environment_in_one_query_a_level(environment_index, environment, offer):
    request = RequestFactory().get(offer.url)
    with CaptureQueriesContext(connection) as captured:
        result = environment_index.route(request, [environment.slug, offer.slug])
    assert result.page == offer and type(result.page) is type(offer)  # the specific page, ready to serve
    assert len(captured) == 2


def test_a_child_of_another_type_is_still_found(environment):
    # Pages made under older rules (or by code that skips them) keep their addresses.
    older = environment.add_child(instance=Page(title="Gammel side", slug="gammel-side", live=True))
    result = environment.route(RequestFactory().get("/"), ["gammel-side"])
    assert result.page.pk == older.pk


def test_an_unknown_slug_is_a_404(environment):
    with pytest.raises(Http404):
        environment.route(RequestFactory().get("/"), ["findes-ikke"])


def test_an_offer_page_is_served_through_the_shorter_route(client, offer):
    response = client.get(offer.url)
    assert response.status_code == 200
    assert offer.title in response.content.decode()
