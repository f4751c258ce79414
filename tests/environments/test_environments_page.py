"""The public "For læringsmiljøer" page: created with the site skeleton, it explains how an environment joins
and keeps its offers current, links to the sign-up form below it, and every public page's footer links to both."""

from __future__ import annotations

import re

import pytest

from demo.site import ensure_national_site
from home.models import StandardPage

pytestmark = pytest.mark.django_db

PAGE = "/for-laeringsmiljoeer/"
SIGNUP = "/for-laeringsmiljoeer/tilmeld/"


def footer(html: str) -> str:
    return re.search(r"<footer class=\"site-footer\">.*?</footer>", html, re.S).group(0)


def test_the_site_skeleton_creates_the_page_once_and_it_explains_joining_and_confirming(client, national_site):
    ensure_national_site(hostname="testserver")  # twice: still one page
    assert StandardPage.objects.filter(slug="for-laeringsmiljoeer", live=True).count() == 1

    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "For læringsmiljøer" in html
    assert "Sådan kommer I med" in html
    assert "bekræfter I én gang om året" in html
    assert "Ikke bekræftet" in html
    assert f'href="{SIGNUP}"' in html.split("<footer")[0], "the page's own text links to the sign-up"


def test_the_sign_up_form_keeps_its_url_below_the_page_and_links_back(client, national_site):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="organisation_name"' in html
    assert f'href="{PAGE}"' in html.split("<footer")[0]


@pytest.mark.parametrize("url", ["/", "/tilbud/", "/laeringsmiljoer/", PAGE, SIGNUP, "/tilgaengelighedserklaering/"])
def test_every_public_page_links_to_the_page_and_the_sign_up_in_its_footer(client, national_site, url):
    response = client.get(url)

    assert response.status_code == 200
    links = footer(response.content.decode())
    assert f'<a href="{PAGE}">For læringsmiljøer</a>' in links
    assert f'<a href="{SIGNUP}">Tilmeld jeres læringsmiljø</a>' in links
