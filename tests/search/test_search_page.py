from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [offer.title for offer in response.context["search"].page_obj.object_list]


def test_search_page_lists_all_live_offers_without_parameters(client, catalogue):
    response = client.get("/tilbud/")
    assert response.status_code == 200
    assert response.context["search"].total == len(catalogue)
    assert "6 tilbud" in response.content.decode()
