"""Spreadsheet exports: no formula runs, and phone numbers are written as they are."""

from __future__ import annotations

import csv

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from catalogue.models import CatalogueEdition, CatalogueExport
from catalogue.services import DATA_COLUMNS, write_csv, write_xlsx
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example","klik")'


def row(**values) -> dict:
    return {key: values.get(key, "") for key, _label in DATA_COLUMNS}


def test_catalogue_csv_keeps_phone_numbers_and_defuses_formulas(tmp_path):
    target = tmp_path / "katalog.csv"
    write_csv([row(title=EVIL, booking_phone="+45 12 34 56 78")], target)
    with open(target, encoding="utf-8-sig", newline="") as handle:
        cells = list(csv.reader(handle, delimiter=";"))[1]
    assert "+45 12 34 56 78" in cells  # no apostrophe in front
    assert "'" + EVIL in cells


def test_catalogue_xlsx_stores_text_as_text(tmp_path):
    edition = CatalogueEdition.objects.create(school_year=2027, title="Katalog")
    export = CatalogueExport.objects.create(edition=edition, version=1)
    target = tmp_path / "katalog.xlsx"
    write_xlsx([row(title=EVIL, booking_phone="+45 12 34 56 78")], target, export)
    values = [cell.value for cell in next(iter(load_workbook(target).active.iter_rows(min_row=2, max_row=2)))]
    assert "+45 12 34 56 78" in values and EVIL in values  # plain text cells, not formulas
    types = {cell.data_type for cell in next(iter(load_workbook(target).active.iter_rows(min_row=2, max_row=2)))}
    assert "f" not in types


def test_wagtail_report_csv_defuses_formulas(client, national_site):
    page = HomePage.objects.get().add_child(instance=StandardPage(title=EVIL, slug="ond"))
    page.save_revision().publish()
    user = get_user_model().objects.create_superuser("redaktor", "r@x.dk", "hemmelig-kode-1")
    client.force_login(user)
    response = client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'" + EVIL.replace('"', '""') in body or "'=HYPERLINK" in body
