"""HTML → PDF for the catalogue: chunks of entries, front matter, indexes and folios (the merge: pdfmerge).

The body is rendered in chunks (each its own WeasyPrint document, in parallel worker processes);
where each entry landed is read from the rendered pages' anchors. Front matter and indexes are
rendered afterwards with the page numbers known, and page numbers (folios) are stamped onto every
page when the parts are merged, so no part needs to know its place in advance.
"""

from __future__ import annotations

import base64
import functools
import gc
import importlib
import io
import logging
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import qrcode
import weasyprint  # imported at module load so forked worker children share it
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from PIL import Image
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint logs every page it lays out at INFO level.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PAGE_GEOMETRY = {
    # size, margins (top right bottom left), base font size, QR code size, text columns and the cover's measures
    "A4": {
        "size": "A4",
        "height": "297mm",
        "margin": "21mm 15mm 19mm 15mm",
        "font_size": "8.6pt",
        "qr": "15mm",
        "columns": 2,
        "gutter": "7mm",
        "index_columns": 3,
        "cover_padding": "12mm 16mm",
        "cover_inset": "14mm",
        "cover_title": "34pt",
        "note_lines": 26,
    },
    "A5": {
        "size": "A5",
        "height": "210mm",
        "margin": "17mm 12mm 16mm 12mm",
        "font_size": "8.4pt",
        "qr": "15mm",
        "columns": 1,
        "gutter": "6mm",
        "index_columns": 2,
        "cover_padding": "9mm 11mm",
        "cover_inset": "10mm",
        "cover_title": "24pt",
        "note_lines": 18,
    },
}
# What WeasyPrint writes for every part: PDF/UA-1, i.e. a tagged PDF (structure tree, alt texts,
# language, marked content) that the merge below keeps whole across the parts.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


# Relative and root-relative URLs in the templates (e.g. /media/images/…) resolve against this
# base; the fetcher maps it onto files on disk. Nothing is ever fetched from the network.
BASE_URL = "https://catalogue.invalid/"


class LocalURLFetcher(URLFetcher):
    """Serve media and static files from disk and data: URIs; refuse everything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path: Path | None = None
        if url.startswith(BASE_URL):
            local = "/" + url[len(BASE_URL) :].split("?")[0]
            if local.startswith(settings.MEDIA_URL):
                candidate = (Path(settings.MEDIA_ROOT) / local[len(settings.MEDIA_URL) :]).resolve()
                if Path(settings.MEDIA_ROOT).resolve() in candidate.parents:
                    path = candidate
            elif local.startswith(settings.STATIC_URL):
                found = finders.find(local[len(settings.STATIC_URL) :])
                path = Path(found) if found else None
        if path is None or not path.is_file():
            raise ValueError(f"Not fetched while building the catalogue: {url}")
        mime_type, _encoding = mimetypes.guess_type(str(path))
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"})


def _html(html: str) -> weasyprint.HTML:
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=LocalURLFetcher())


def qr_data_uri(url: str) -> str:
    """A QR code as a 1-bit PNG of one pixel per module, drawn unsmoothed (``image-rendering: pixelated``).

    The PDF scales it without interpolation, so the modules print as sharp squares at any resolution;
    WeasyPrint embeds such a PNG in microseconds, where parsing an SVG path of the same code took
    most of a part's PDF writing time.
    """
    # A fixed mask pattern skips trying all eight, which is most of the time spent per code.
    code = qrcode.QRCode(border=1, mask_pattern=4)
    code.add_data(url)
    matrix = code.get_matrix()
    size = len(matrix)
    image = Image.new("1", (size, size), 1)
    image.putdata([0 if cell else 1 for row in matrix for cell in row])
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def page_context(page_format: str) -> dict:
    return {"page": PAGE_GEOMETRY.get(page_format, PAGE_GEOMETRY["A4"])}


@dataclass
class RenderedPart:
    page_count: int
    anchors: dict[str, int]  # element id → 0-based page index within the part


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the garbage collector rarely while WeasyPrint lays out and writes a document.

    A layout allocates millions of small objects (boxes, styles, PDF objects), so the default thresholds
    start a collection every 700 allocations, each scanning the young objects again and again: about a
    fifth of a part's CPU time. The objects alive before (Django, templates, WeasyPrint's modules) are
    frozen out of the scans, and collections run a thirtieth as often; the document's garbage goes with
    the process or at the next collection afterwards.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def render_html(html: str, target: Path | None) -> RenderedPart:
    """Lay out (and write, given a target) one PDF; report its page count and where each anchor is."""
    with fewer_collections():
        document = _html(html).render()
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, index)
        if target is not None:
            document.write_pdf(target, **PDF_OPTIONS)
    return RenderedPart(page_count=len(document.pages), anchors=anchors)


# The templates of every part and step: loaded (and, with the cached loader, compiled) once by warm_up.
TEMPLATES = ["chunk", "front", "back", "closing", "folios"]


@functools.cache  # once per process
def warm_up() -> None:
    """Load what every part needs once, in the process the rendering processes are forked from.

    The templates and the font set-up of a first layout (fontconfig's configuration and font list, Pango's
    font map, the catalogue's fonts) otherwise cost each new process ~0.1 s before its part's own work.
    """
    for name in TEMPLATES:
        get_template(f"catalogue/pdf/{name}.html")
    html = render_to_string("catalogue/pdf/folios.html", {**page_context("A4"), "numbers": [1]})
    render_html(html, None)


def render_folios(*, page_format: str, numbers: list[int], target: Path) -> None:
    """One page per number, blank but for the folio, in the exact place of the page footer."""
    html = render_to_string("catalogue/pdf/folios.html", {**page_context(page_format), "numbers": numbers})
    with fewer_collections():
        _html(html).write_pdf(target)


# --- one layout pass for columns that fill in turn ----------------------------------------------


def _columns_layout_fill_auto(context, box, *args, **kwargs):
    """WeasyPrint's multi-column layout, without its trial pass for ``column-fill: auto`` columns.

    For every page WeasyPrint 70 lays the columns out twice: a trial, to learn whether the content fits
    or the columns must be balanced, then the real layout. Columns that fill in turn (``column-fill:
    auto``, no set height, no spanning element) are never balanced, and the trial's only other outcome,
    "the content goes on past this page", leads to the same real layout; so the trial is answered at
    once (its column layouts return nothing: "does not fit") and each page is laid out once, which
    takes about a third off a long part's layout. Every other multi-column box is laid out as before.

    ``columns_layout`` imports ``block_box_layout`` when it starts; for that one import it finds a
    stand-in, which tells the trial's calls (fresh lists for the margins) from the real layout's
    (``None``) and puts the module's own function back at its first call, so the columns' content is
    laid out by WeasyPrint's code alone.
    """
    style = box.style
    if (
        style["column_fill"] != "auto"
        or style["height"] != "auto"
        or any(child.style["column_span"] == "all" for child in box.children)
    ):
        return _weasyprint_columns_layout(context, box, *args, **kwargs)
    real = _weasyprint_block.block_box_layout

    def stand_in(*arguments, **options):
        _weasyprint_block.block_box_layout = real
        if arguments[8] is not None:  # adjoining_margins: a list in the trial, None in the real layout
            return None, None, {"break": "any", "page": None}, [], False, None
        return real(*arguments, **options)

    _weasyprint_block.block_box_layout = stand_in
    try:
        return _weasyprint_columns_layout(context, box, *args, **kwargs)
    finally:
        _weasyprint_block.block_box_layout = real


_weasyprint_block = importlib.import_module("weasyprint.layout.block")
_weasyprint_columns_layout = importlib.import_module("weasyprint.layout.column").columns_layout
if weasyprint.__version__ == "70.0":  # checked against this version's columns_layout; others lay out as they do
    _weasyprint_block.columns_layout = _columns_layout_fill_auto
