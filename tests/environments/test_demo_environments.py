"""The environments' demo data: the README's demo editor and reviewer accounts sign in through the admin's
login form and land where the README says; offers in every moderation state, a round in progress, and last
school year's closed round whose unconfirmed offers show "Ikke bekræftet" on the public page."""

from __future__ import annotations

import pytest
from django.test import Client

from demo import environments as demo_environments
from demo.offers import seed_demo
from environments.models import ConfirmationRound
from offers.models import OfferPage

pytestmark = pytest.mark.django_db

README_ACCOUNTS = {
    "museum-redaktoer": "laeringsmiljoe",
    "natur-redaktoer": "laeringsmiljoe",
    "redaktion": "laeringsmiljoe",
}


@pytest.fixture
def demo(national_site):
    seed_demo(seed=7, offers=90, environments=30, extensions=False)
    demo_environments.seed_demo_data(seed=7)
    demo_environments.seed_demo_data(seed=7)  # idempotent
    return national_site


def log_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302, (username, response.content.decode()[-1500:])
    return client


def test_the_readme_accounts_sign_in_and_land_on_their_work(demo):
    museum = log_in("museum-redaktoer", README_ACCOUNTS["museum-redaktoer"]).get("/admin/").content.decode()
    for status in ("kladde", "til-godkendelse", "aendringer-oensket", "ikke-bekraeftet"):
        assert f'data-status="{status}"' in museum, status
    nature = log_in("natur-redaktoer", README_ACCOUNTS["natur-redaktoer"]).get("/admin/").content.decode()
    assert "Tilføj tilbud" in nature and 'data-status="offentlig"' in nature
    queue = log_in("redaktion", README_ACCOUNTS["redaktion"]).get("/admin/godkendelse/")
    assert queue.status_code == 200 and "moderation-item" in queue.content.decode()


def test_a_past_round_left_some_offers_not_confirmed_and_the_page_says_so(demo, client):
    rounds = list(ConfirmationRound.objects.order_by("school_year"))
    assert len(rounds) == 2
    past, current = rounds
    assert past.closed_at is not None and past.deadline < current.deadline
    assert current.closed_at is None and current.started_at is not None
    overdue = OfferPage.objects.live().filter(confirmation_overdue=True)
    assert 2 <= overdue.count() < OfferPage.objects.live().count() // 5
    for offer in overdue:
        assert offer.last_verified < past.confirmed_since
    html = client.get(overdue.first().url).content.decode()
    assert "Ikke bekræftet" in html
