"""Reading a built catalogue back: text per page, the table of contents, the printed folios."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from django.core.files.storage import storages
from pypdf import PdfReader

from catalogue.models import CatalogueExport


def file_path(export: CatalogueExport, kind: str) -> Path:
    """The published file on the local catalogue storage (the tests' default)."""
    return Path(storages["catalogue"].path(export.files.get(kind=kind).name))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def toc_entries(texts: list[str]) -> list[tuple[str, int]]:
    """(label, page) pairs from the table of contents: after the line "Indhold" (on the welcome page),
    continuing on the following pages until the first section opens."""
    entries = []
    in_toc = False
    for text in texts:
        lines = [line.strip() for line in text.splitlines()]
        if not in_toc:
            if "Indhold" not in lines:
                continue
            in_toc = True
            lines = lines[lines.index("Indhold") + 1 :]
        elif "fagområde" in text.lower():
            break
        for line in lines:
            match = re.match(r"^(.*\S)\s+(\d+)$", line)
            if match and not match.group(1).isdigit():
                entries.append((match.group(1), int(match.group(2))))
    return entries


def folios(path: Path) -> list[str]:
    """The text printed in each page's bottom margin (the page number, or nothing)."""
    result = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            bottom = page.crop((0, page.height - 45, page.width, page.height))
            result.append((bottom.extract_text() or "").strip())
    return result
