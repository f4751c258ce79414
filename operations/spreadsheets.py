"""Spreadsheet cells that never run as formulas (CSV/formula injection), without spoiling plain data.

A text starting with = + - @ (or a tab/carriage return) is prefixed with an apostrophe, except plain
numbers and phone numbers such as "+45 12 34 56 78", which no spreadsheet runs as anything harmful.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s().,/]+$")


def safe_cell(value):
    if isinstance(value, str) and value[:1] in FORMULA_START and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def patch_wagtail_csv_exports() -> None:
    """Wagtail's report and listing CSV exports write cells raw: pass every value through safe_cell."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin  # called from ready(): admin views need loaded apps

    if getattr(SpreadsheetExportMixin.write_csv_row, "_formula_safe", False):
        return
    original = SpreadsheetExportMixin.write_csv_row

    def write_csv_row(self, writer, row_dict):
        return original(self, writer, {field: safe_cell(value) for field, value in row_dict.items()})

    write_csv_row._formula_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
