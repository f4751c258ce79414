"""The facet options' HTML (offers.templatetags.search_facets): escaped, checked and counted per request."""

from __future__ import annotations

from django.utils import translation

from offers.search.result import Facet, FacetOption
from offers.templatetags.search_facets import facet_options


def test_options_are_escaped_checked_and_counted():
    facet = Facet(
        name="miljoe",
        label="Læringsmiljø",
        options=[
            FacetOption(value="a&b", label='Børn & "unge" <x>', count=1234, selected=True, html_id="f-miljoe-1"),
            FacetOption(value="museum", label="Museum", count=7, selected=False, html_id="f-miljoe-2"),
        ],
    )
    with translation.override("da"):
        html = facet_options(facet)
        again = facet_options(facet)  # the options' markup from the per-process cache
    assert html == again
    assert html.split("\n") == [
        '<div class="facet__option"><input type="checkbox" id="f-miljoe-1" name="miljoe" value="a&amp;b" checked>'
        '<label for="f-miljoe-1">Børn &amp; &quot;unge&quot; &lt;x&gt; <span class="facet__count">(1.234'
        '<span class="visually-hidden"> tilbud</span>)</span></label></div>',
        '<div class="facet__option"><input type="checkbox" id="f-miljoe-2" name="miljoe" value="museum">'
        '<label for="f-miljoe-2">Museum <span class="facet__count">(7'
        '<span class="visually-hidden"> tilbud</span>)</span></label></div>',
    ]
    facet.options[0].selected, facet.options[1].selected = False, True
    with translation.override("da"):
        html = facet_options(facet)
    assert 'value="a&amp;b">' in html and 'value="museum" checked>' in html


def test_a_facet_without_options_says_so():
    with translation.override("da"):
        html = facet_options(Facet(name="kommune", label="Kommune", options=[]))
    assert html == '<p class="facet__empty">Ingen muligheder med de valgte filtre.</p>'
