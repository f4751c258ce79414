"""The portfolio overview: spread by model, institution type, subject area and region; dates coming up."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.models import SubjectArea
from geography.models import Municipality
from partnerships.models import Partnership
from partnerships.selectors import portfolio_overview

from .conftest import make_consultant, make_municipal_site, make_organisation, make_partnership

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def portfolio(db):
    art = SubjectArea.objects.filter(slug="kunst-design-og-arkitektur")
    nature = SubjectArea.objects.filter(slug="naturfag-og-naturvidenskab")
    make_partnership(
        title="Aarhus",
        slug="aarhus",
        subject_areas=nature,
        renegotiation_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2027, 7, 31),
    )
    make_partnership(
        title="Bornholm",
        slug="bornholm",
        partner_municipality=Municipality.objects.get(name="Bornholm"),
        model="intern",
        subject_areas=art | nature,
        end_date=datetime.date(2026, 8, 31),  # within six months
    )
    make_partnership(
        title="Malmö",
        slug="malmo",
        partner_organisation=make_organisation(),
        model="ekstern",
        subject_areas=art,
        end_date=datetime.date(2026, 12, 31),  # beyond six months
    )
    make_partnership(title="Ophørt", slug="ophoert", partner_organisation=make_organisation("Gammel"), status="ophoert")
    make_partnership(
        title="Glemt",
        slug="glemt",
        partner_organisation=make_organisation("Glemt museum", kind="kultur", country="Danmark"),
        model="projekt",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 1, 31),  # passed, still marked active
    )


@pytest.mark.django_db
def test_portfolio_counts_the_current_partnerships(portfolio):
    overview = portfolio_overview(today=TODAY)
    assert overview.total == 4
    assert overview.by_model.rows == [("Intern", 1), ("Ekstern", 2), ("Projekt", 1)]
    assert overview.missing_models == []
    assert dict(overview.by_institution_type.rows) == {
        "Kommune": 2,
        "Udenlandsk by eller kommune": 1,
        "Kulturinstitution": 1,
    }
    assert [p.title for p in overview.overdue] == ["Glemt"]
    Partnership.objects.filter(slug="glemt").update(status="ophoert")
    assert portfolio_overview(today=TODAY).missing_models == ["Projekt"]
    assert dict(overview.by_broad_area.rows)["Kunst"] == 2
    assert dict(overview.by_broad_area.rows)["Natur"] == 2
    assert dict(overview.by_region.rows) == {
        "Region Midtjylland": 1,
        "Region Hovedstaden": 1,
        "Uden for Danmark": 1,
        "Ingen region": 1,
    }
    assert [(item.partnership.title, item.kind.value, item.date) for item in overview.upcoming] == [
        ("Aarhus", "genforhandling", datetime.date(2026, 5, 1)),
        ("Bornholm", "udloeb", datetime.date(2026, 8, 31)),
    ]


@pytest.mark.django_db
def test_portfolio_page_has_svg_charts_with_tables_and_the_upcoming_list(staff_client, portfolio):
    response = staff_client.get(reverse("partnership_portfolio:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<svg class="st-chart__svg"') == 6
    assert page.count('<table class="st-chart__table"') == 6
    assert re.search(r"<th scope=\"row\">Ekstern</th><td>2</td>", page)
    assert "Slutdatoen er passeret" in page and "Glemt" in page
    # Nothing loaded from another host (scripts, styles).
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", page)


@pytest.mark.django_db
def test_staff_see_the_partnerships_menu_group_and_consultants_only_their_agreements(staff_client, client):
    portfolio_link = f'"url": "{reverse("partnership_portfolio:index")}"'
    agreements_link = f'"url": "{reverse("agreement_overview:index")}"'
    page = staff_client.get("/admin/").content.decode()
    assert '"label": "Partnerskaber"' in page and portfolio_link in page

    consultant = make_consultant(make_municipal_site(Municipality.objects.get(name="Vejle")), "konsulent")
    client.force_login(consultant)
    page = client.get("/admin/").content.decode()
    assert agreements_link in page
    assert portfolio_link not in page


@pytest.mark.django_db
def test_portfolio_and_listing_queries_do_not_grow_with_the_portfolio(staff_client):
    def add(count, offset):
        for number in range(offset, offset + count):
            make_partnership(
                title=f"Partnerskab {number}",
                slug=f"p-{number}",
                partner_organisation=make_organisation(f"Organisation {number}", kind="kultur", country="Danmark"),
                subject_areas=SubjectArea.objects.filter(slug="naturfag-og-naturvidenskab"),
                renegotiation_date=TODAY + datetime.timedelta(days=number),
            )

    def count_queries(url):
        # The fewer of two requests: a per-process or cache entry that expires meanwhile (site root paths, menus)
        # refills with one query, which says nothing about the portfolio's size.
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert staff_client.get(url).status_code == 200
            counts.append(len(captured))
        return min(counts)

    urls = [reverse("partnership_portfolio:index"), reverse("wagtailsnippets_partnerships_partnership:list")]
    add(3, 0)
    small = [count_queries(url) for url in urls]
    add(20, 3)
    large = [count_queries(url) for url in urls]
    assert large == small
