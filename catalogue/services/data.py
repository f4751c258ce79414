"""The catalogue's data files: one row per offer as CSV and XLSX (the wording from offers.presenters)."""

from __future__ import annotations

import csv
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from offers.models import OfferPage
from operations.spreadsheets import safe_cell

from ..models import (
    CatalogueExport,
)
from .entries import public_url

# --- data files -----------------------------------------------------------------------------

DATA_COLUMNS = [
    ("id", _("ID")),
    ("title", _("Titel")),
    ("section", _("Sektion")),
    ("target_group", _("Målgruppe")),
    ("environment", _("Læringsmiljø")),
    ("municipality", _("Kommune")),
    ("region", _("Region")),
    ("grades", _("Klassetrin")),
    ("subjects", _("Fag")),
    ("subject_areas", _("Fagområder")),
    ("formats", _("Form")),
    ("duration", _("Varighed")),
    ("price", _("Pris")),
    ("booking_email", _("Booking e-mail")),
    ("booking_phone", _("Booking telefon")),
    ("booking_url", _("Bookingside")),
    ("teaser", _("Kort beskrivelse")),
    ("url", _("Webadresse")),
    ("page", _("Side i kataloget")),
]


def data_rows(plan: dict, offers: dict[int, OfferPage], pages: dict[int, int]) -> list[dict]:
    """One row per offer in the catalogue, in catalogue order."""
    rows = []
    placement: dict[int, tuple[str, str]] = {}
    for chunk in plan["chunks"]:
        section = plan["sections"][chunk["section"]]
        for group in chunk["groups"]:
            for pk in group["offer_ids"]:
                placement[pk] = (section["title"], section["groups"][group["group"]]["title"])
    for pk in plan["offer_ids"]:
        offer = offers.get(pk)
        if offer is None or pk not in pages:
            continue
        section_title, group_title = placement[pk]
        rows.append(
            {
                "id": offer.pk,
                "title": offer.title,
                "section": section_title,
                "target_group": group_title,
                "environment": offer.environment.title if offer.environment else "",
                "municipality": offer.municipality.name if offer.municipality else "",
                "region": offer.municipality.region.name if offer.municipality else "",
                "grades": offer.facts.grades,
                "subjects": ", ".join(subject.name for subject in offer.subjects.all()),
                "subject_areas": ", ".join(area.name for area in offer.subject_areas.all()),
                "formats": offer.facts.formats_text,
                "duration": offer.duration,
                "price": offer.facts.price_text,
                "booking_email": offer.booking_email,
                "booking_phone": offer.booking_phone,
                "booking_url": offer.booking_url,
                "teaser": offer.teaser,
                "url": public_url(offer),
                "page": pages[pk],
            }
        )
    return rows


def _safe_cell(value):
    """Keep spreadsheet programs from running text as a formula (CSV/formula injection); phone numbers
    such as "+45 12 34 56 78" stay as they are (operations.spreadsheets)."""
    return safe_cell(value)


def write_csv(rows: list[dict], target: Path) -> None:
    # UTF-8 with BOM and semicolons: what Danish Excel opens correctly.
    with open(target, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([str(label) for _key, label in DATA_COLUMNS])
        for row in rows:
            writer.writerow([_safe_cell(row[key]) for key, _label in DATA_COLUMNS])


def write_xlsx(rows: list[dict], target: Path, export: CatalogueExport) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Tilbud"))
    sheet.append([str(label) for _key, label in DATA_COLUMNS])
    for row in rows:
        sheet.append([_text_cell(sheet, row[key]) for key, _label in DATA_COLUMNS])
    workbook.save(target)


def _text_cell(sheet, value):
    """In XLSX a text is stored as text, so nothing runs as a formula and no apostrophe is needed."""
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell
