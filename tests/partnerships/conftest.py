"""Fixtures for the partnership tests: staff users, partnerships and kommune consultants."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from geography.models import Municipality
from municipalities.models import MunicipalSite
from municipalities.services import create_municipal_site
from partnerships.models import (
    CoFinancedStaff,
    PartnerOrganisation,
    Partnership,
    PartnershipModel,
    PartnershipStatus,
)


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_superuser(
        username="medarbejder", email="medarbejder@skoletjenesten.dk", password="pw", first_name="Mette"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def make_partnership(**kwargs) -> Partnership:
    """A valid partnership; defaults to an active ekstern partnership with Aarhus Kommune."""
    staff = kwargs.pop("staff", [])
    areas = kwargs.pop("subject_areas", None)
    if not any(key in kwargs for key in ("partner_environment", "partner_municipality", "partner_organisation")):
        kwargs["partner_municipality"] = Municipality.objects.get(name="Aarhus")
    values = {
        "title": "Partnerskab med Aarhus Kommune",
        "model": PartnershipModel.EXTERNAL,
        "status": PartnershipStatus.ACTIVE,
        "start_date": datetime.date(2024, 8, 1),
        **kwargs,
    }
    values.setdefault("slug", values["title"].lower().replace(" ", "-").replace("ø", "oe").replace("æ", "ae"))
    partnership = Partnership(**values)
    if areas is not None:
        partnership.subject_areas = list(areas)
    partnership.full_clean()
    partnership.save()
    for row in staff:
        CoFinancedStaff.objects.create(partnership=partnership, **row)
    return partnership


def make_organisation(name="Malmö stad", **kwargs) -> PartnerOrganisation:
    kwargs.setdefault("kind", "udland")
    kwargs.setdefault("country", "Sverige")
    return PartnerOrganisation.objects.create(name=name, **kwargs)


def make_municipal_site(municipality: Municipality) -> MunicipalSite:
    """A kommune's site and editors' group, made by the municipal-sites service."""
    return create_municipal_site(municipality=municipality, hostname=f"{municipality.slug}.example.test")


def make_consultant(municipal_site: MunicipalSite, username: str):
    user = get_user_model().objects.create_user(username=username, email=f"{username}@kommune.dk", password="pw")
    user.groups.add(municipal_site.editors_group)
    return user


@pytest.fixture
def staff_fte():
    return [{"role": "Formidler", "people": 2, "fte": Decimal("1.5"), "employed_by": "partner"}]
