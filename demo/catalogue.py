"""Demo data for the catalogue: next year's editions, ready to build (not built)."""

from __future__ import annotations

import datetime

from catalogue.models import CatalogueEdition, PageFormat
from catalogue.services import default_title
from geography.models import Municipality

DEMO_YEAR = 2027
INTRODUCTION = (
    "<p>Skoletjenesten samler undervisningstilbud fra museer, naturcentre, kunsthaller, foreninger og "
    "virksomheder i hele landet. Kataloget giver et overblik over skoleårets tilbud – find flere detaljer "
    "og book via QR-koden ved hvert tilbud.</p>"
)


def seed_demo_data(*, seed: int, stdout) -> None:
    """A national edition for 2027/28 and one for Aarhus Kommune (A5). Idempotent."""
    national, created = CatalogueEdition.objects.get_or_create(
        school_year=DEMO_YEAR,
        municipality=None,
        defaults={
            "title": default_title(school_year=DEMO_YEAR, municipality=None),
            "introduction": INTRODUCTION,
            "deadline": datetime.date(DEMO_YEAR, 3, 1),
        },
    )
    made = int(created)
    aarhus = Municipality.objects.filter(code="0751").first()
    if aarhus is not None:
        _edition, created = CatalogueEdition.objects.get_or_create(
            school_year=DEMO_YEAR,
            municipality=aarhus,
            defaults={
                "title": default_title(school_year=DEMO_YEAR, municipality=aarhus),
                "introduction": INTRODUCTION,
                "page_format": PageFormat.A5,
            },
        )
        made += int(created)
    stdout.write(f"Catalogue: {made} demo editions created ({national.school_year_label}).")
