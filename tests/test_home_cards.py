"""The national front page shows new offers as the search's own cards."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_front_page_lists_a_new_offer_as_a_card_linking_to_it(client, offer):
    page = client.get("/").content.decode()
    newest = re.search(r'aria-labelledby="newest-title".*?</section>', page, re.S).group(0)
    assert offer.title in newest
    assert f'href="{offer.get_url()}"' in newest
