"""One pagination component (templates/components/pagination.html) for the offer search and the list of
learning environments: the same links, labels and current-page marking on both."""

from __future__ import annotations

import re

import pytest

from demo.factories import make_environment, make_offer

pytestmark = pytest.mark.django_db


def pagination_of(html: str) -> str:
    match = re.search(r'<nav class="pagination".*?</nav>', html, re.S)
    assert match, "no pagination"
    return match.group(0)


def test_environment_list_pages_keep_the_filters_and_mark_the_current_page(client, environment_index, monkeypatch):
    monkeypatch.setattr("offers.environment_list.PAGE_SIZE", 2)  # imported here: its filters read the database
    for letter in "ABCDE":
        make_environment(environment_index, title=f"Naturcenter {letter}")
    first = pagination_of(client.get("/laeringsmiljoer/?q=naturcenter").content.decode())
    assert 'aria-label="Sider"' in first
    assert 'rel="prev"' not in first
    assert '<a class="pagination__link" rel="next" href="?q=naturcenter&amp;side=2"' in first
    assert (
        '<span class="pagination__current" aria-current="page"><span class="visually-hidden">Side </span>1</span>'
        in first
    )

    last = client.get("/laeringsmiljoer/?q=naturcenter&side=3").content.decode()
    assert "Naturcenter E" in last and "Naturcenter A" not in last
    nav = pagination_of(last)
    assert 'rel="next"' not in nav
    assert 'rel="prev" href="?q=naturcenter&amp;side=2"' in nav
    assert 'href="?q=naturcenter"><span class="visually-hidden">Side </span>1</a>' in nav  # page 1 without side=


def test_search_results_use_the_same_component_with_the_scripts_hooks(client, environment):
    for number in range(12):
        make_offer(environment, title=f"Tilbud {number:02d}")
    nav = pagination_of(client.get("/tilbud/?antal=10&sortering=titel").content.decode())
    assert 'aria-label="Sider med resultater"' in nav
    assert (
        '<span class="pagination__current" aria-current="page"><span class="visually-hidden">Side </span>1</span>'
        in nav
    )
    assert re.search(r'rel="next" href="\?[^"]*side=2[^"]*" data-search-link data-page-link>Næste', nav)
