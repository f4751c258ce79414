"""Catalogue fixtures: a small but varied set of published offers (all sections, target groups)."""

from __future__ import annotations

import datetime
import shutil

import pytest

from catalogue.models import CatalogueEdition
from curriculum.models import SubjectArea
from demo.factories import make_environment, make_offer

GRADE_SPANS = [("boernehave", "boernehave"), ("0-klasse", "3-klasse"), ("4-klasse", "9-klasse"), ("stx", "hf")]
SUBJECTS = [["dansk"], ["natur-teknologi", "matematik"], ["historie"], ["billedkunst", "musik"], []]
POSTCODES = ["8000", "2300", "5000", "9000"]


def build_offers(index, count: int, *, prefix: str = "Tilbud") -> list:
    """``count`` offers spread over every subject area, target group and four kommuner."""
    areas = list(SubjectArea.objects.order_by("catalogue_position").values_list("slug", flat=True))
    environments = [
        make_environment(index, title=f"Læringsmiljø {letter}", postcode=postcode)
        for letter, postcode in zip("ABCD", POSTCODES, strict=True)
    ]
    offers = []
    for number in range(count):
        offers.append(
            make_offer(
                environments[number % len(environments)],
                title=f"{prefix} {number:03d} {areas[number % len(areas)][:12]}",
                grades=GRADE_SPANS[number % len(GRADE_SPANS)],
                subjects=SUBJECTS[number % len(SUBJECTS)],
                subject_areas=[areas[number % len(areas)]],
                months=[9, 10] if number % 3 else [],
                is_free=number % 2 == 0,
                price_amount=None if number % 2 == 0 else 450,
                price_note="" if number % 2 == 0 else "pr. klasse",
                duration="2 timer" if number % 5 else "",
                booking_email="booking@example.dk" if number % 4 else "",
            )
        )
    return offers


@pytest.fixture(autouse=True)
def catalogue_media(tmp_path, settings):
    """Each test writes its catalogue files under its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def small_chunks(settings):
    settings.CATALOGUE_CHUNK_SIZE = 8


@pytest.fixture
def offers(environment_index):
    return build_offers(environment_index, 36)


@pytest.fixture
def edition(db) -> CatalogueEdition:
    return CatalogueEdition.objects.create(
        school_year=2027,
        title="Skoletjenestens katalog",
        introduction="<p>Velkommen til <b>årets</b> katalog.</p>",
        deadline=datetime.date(2027, 3, 1),
    )
