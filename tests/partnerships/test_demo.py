"""Demo data: the 2018-19 portfolio (16 cultural, 8 municipal, Malmö, Bornholm), idempotent."""

from __future__ import annotations

import io

import pytest

from demo.partnerships import seed_demo_data
from geography.models import Municipality
from partnerships.models import CollaborationAgreement, Partnership, PartnershipIndexPage

from .conftest import make_municipal_site


@pytest.mark.django_db
def test_demo_data_is_the_annual_reports_portfolio_and_can_be_seeded_twice(national_site):
    make_municipal_site(Municipality.objects.get(name="Aarhus"))
    seed_demo_data(seed=7, stdout=io.StringIO())
    counts = (Partnership.objects.count(), CollaborationAgreement.objects.count())
    output = io.StringIO()
    seed_demo_data(seed=7, stdout=output)
    assert (Partnership.objects.count(), CollaborationAgreement.objects.count()) == counts
    assert "0 nye" in output.getvalue()

    assert (
        Partnership.objects.filter(partner_municipality__isnull=False)
        .exclude(partner_municipality__name="Bornholm")
        .count()
        == 8
    )
    assert Partnership.objects.filter(partner_municipality__name="Bornholm").exists()
    assert Partnership.objects.filter(partner_organisation__name="Malmö stad").exists()
    cultural = Partnership.objects.filter(partner_organisation__kind="kultur").count()
    cultural += Partnership.objects.filter(partner_environment__isnull=False).count()
    assert cultural == 16
    assert set(Partnership.objects.values_list("model", flat=True)) == {"intern", "ekstern", "projekt"}
    assert PartnershipIndexPage.objects.count() == 1

    agreements = CollaborationAgreement.objects.filter(municipality__name="Aarhus")
    assert agreements.count() == 4
    assert agreements.filter(written_agreement=False).exists()
    assert any(a.depends_on_one_person for a in agreements)


@pytest.mark.django_db
def test_demo_partnerships_are_shown_publicly(client, national_site):
    seed_demo_data(seed=7, stdout=io.StringIO())
    page = client.get("/partnerskaber/").content.decode()
    assert "Øresundssamarbejde med Malmö" in page
    assert "Partnerskab med Bornholm" in page
