"""One exported catalogue read back: the PDF's contents, table of contents, indexes and folios; the CSV and XLSX.

The tests here only read the files of one build, so the module builds it once (its rows rolled back afterwards).
"""

from __future__ import annotations

import csv
import datetime
import hashlib

import pytest
from django.db import transaction
from django.test import override_settings
from openpyxl import load_workbook

from catalogue.models import CatalogueEdition, CatalogueExport, ExportStatus
from catalogue.selectors import offers_for_edition
from demo.site import ensure_national_site
from offers.models import LearningEnvironmentIndexPage, OfferPage

from .conftest import build_offers
from .pdfcheck import file_path, folios, page_texts, toc_entries
from .test_export import build


@pytest.fixture(scope="module")
def _module_build(django_db_setup, django_db_blocker, tmp_path_factory):
    """One catalogue of 18 offers (two in each of the nine sections) in nine parts, built once for the tests that
    only read its files; its rows are rolled back after the module, its files live in the module's own MEDIA_ROOT."""
    media = tmp_path_factory.mktemp("built-media")
    with override_settings(MEDIA_ROOT=media, CATALOGUE_CHUNK_SIZE=8), django_db_blocker.unblock(), transaction.atomic():
        ensure_national_site(hostname="testserver")
        offers = build_offers(LearningEnvironmentIndexPage.objects.get(), 18)
        edition = CatalogueEdition.objects.create(
            school_year=2027,
            title="Skoletjenestens katalog",
            introduction="<p>Velkommen til <b>årets</b> katalog.</p>",
            deadline=datetime.date(2027, 3, 1),
        )
        yield media, build(edition).pk, [offer.pk for offer in offers]
        transaction.set_rollback(True)


@pytest.fixture
def built(_module_build, db, settings, catalogue_media) -> CatalogueExport:
    settings.MEDIA_ROOT = _module_build[0]  # after catalogue_media: read the module's files
    return CatalogueExport.objects.get(pk=_module_build[1])


@pytest.fixture
def built_offers(_module_build, db) -> list[OfferPage]:
    return list(OfferPage.objects.filter(pk__in=_module_build[2]))


def parse_pages(text: str) -> list[int]:
    """'4–6, 9' → [4, 5, 6, 9]."""
    pages: list[int] = []
    for token in text.split(", "):
        low, _dash, high = token.partition("–")
        pages += range(int(low), int(high or low) + 1)
    return pages


def test_pdf_has_every_offer_and_page_numbers_that_point_at_the_right_pages(built, built_offers):
    assert built.status == ExportStatus.DONE, built.error
    assert built.progress == 100
    assert built.chunks_total > 3  # rendered in several parts, then merged
    path = file_path(built, "pdf")
    texts = page_texts(path)
    assert len(texts) == built.page_count

    flat = " ".join(text.replace("\n", " ") for text in texts)
    assert len(built_offers) == 18
    for offer in built_offers:
        assert offer.title in flat

    # Table of contents → the pages where the sections and indexes begin.
    entries = dict(toc_entries(texts))
    assert "Naturfag og naturvidenskab" in entries
    for label in ("Kunst, design og arkitektur", "Naturfag og naturvidenskab", "Erhverv og virksomheder"):
        assert label in texts[entries[label] - 1], (label, entries[label])
        if label != "Kunst, design og arkitektur":  # the first follows the table of contents
            assert label not in texts[entries[label] - 2]  # and not earlier: each section starts a page
    assert "Register over læringsmiljøer" in texts[entries["Register over læringsmiljøer"] - 1]
    assert "Register over fag" in texts[entries["Register over fag"] - 1]

    # Index of learning environments → pages with that environment's offers.
    index_page = entries["Register over læringsmiljøer"] - 1
    line = next(line for line in texts[index_page].splitlines() if line.startswith("Læringsmiljø A, Aarhus "))
    pages = parse_pages(line.removeprefix("Læringsmiljø A, Aarhus "))
    assert pages
    for page in pages:
        assert "Læringsmiljø A" in texts[page - 1]

    # The printed page numbers are the physical ones; the covers have none; whole sheets of 4 pages.
    printed = folios(path)
    assert printed[0] == ""
    assert printed[1:-1] == [str(number) for number in range(2, len(texts))]
    assert not printed[-1].endswith(str(len(texts))) and "Find alle tilbud" in texts[-1]
    assert len(texts) % 4 == 0

    # Files are recorded with size and checksum, in the run's own folder, with no work files left.
    for record in built.files.all():
        file = file_path(built, record.kind)
        assert record.size == file.stat().st_size
        assert record.sha256 == hashlib.sha256(file.read_bytes()).hexdigest()
        assert f"/v{built.version}/" in record.name
    assert not (path.parent / ".work").exists()


def test_csv_and_xlsx_rows_equal_the_selection(built):
    selected = set(offers_for_edition(built.edition).values_list("pk", flat=True))
    assert len(selected) == 18
    texts = page_texts(file_path(built, "pdf"))

    with open(file_path(built, "csv"), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {int(row["ID"]) for row in rows} == selected
    assert len(rows) == len(selected)
    for row in rows[:10]:
        assert row["Titel"] in texts[int(row["Side i kataloget"]) - 1].replace("\n", " ")

    sheet = load_workbook(file_path(built, "xlsx"), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "ID"
    assert [row[0] for row in values[1:]] == [int(row["ID"]) for row in rows]
    assert [row[1] for row in values[1:]] == [row["Titel"] for row in rows]
