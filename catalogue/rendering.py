"""HTML → PDF for the catalogue: chunks of entries, front matter, indexes, folios and the merge.

The body is rendered in chunks (each its own WeasyPrint document, in parallel worker processes);
where each entry landed is read from the rendered pages' anchors. Front matter and indexes are
rendered afterwards with the page numbers known, and page numbers (folios) are stamped onto every
page when the parts are merged, so no part needs to know its place in advance.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import qrcode
import weasyprint  # imported at module load so forked worker children share it
from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from weasyprint.urls import URLFetcher, URLFetcherResponse

# WeasyPrint logs every page it lays out at INFO level.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

PAGE_GEOMETRY = {
    # size, margins (top right bottom left), base font size
    "A4": {"size": "A4", "margin": "20mm 16mm 20mm 16mm", "font_size": "9.5pt", "qr": "22mm"},
    "A5": {"size": "A5", "margin": "15mm 12mm 17mm 12mm", "font_size": "8pt", "qr": "18mm"},
}


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
                from django.contrib.staticfiles import finders

                found = finders.find(local[len(settings.STATIC_URL) :])
                path = Path(found) if found else None
        if path is None or not path.is_file():
            raise ValueError(f"Not fetched while building the catalogue: {url}")
        mime_type, _encoding = mimetypes.guess_type(str(path))
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type or "application/octet-stream"})


def _html(html: str) -> weasyprint.HTML:
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=LocalURLFetcher())


def qr_data_uri(url: str) -> str:
    """A vector QR code as a data URI: one SVG path of horizontal runs, sharp at any print resolution."""
    # A fixed mask pattern skips trying all eight, which is most of the time spent per code.
    code = qrcode.QRCode(border=1, mask_pattern=4)
    code.add_data(url)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")


def page_context(page_format: str) -> dict:
    return {"page": PAGE_GEOMETRY.get(page_format, PAGE_GEOMETRY["A4"])}


@dataclass
class RenderedPart:
    page_count: int
    anchors: dict[str, int]  # element id → 0-based page index within the part


def render_html(html: str, target: Path | None) -> RenderedPart:
    """Lay out (and write, given a target) one PDF; report its page count and where each anchor is."""
    document = _html(html).render()
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    if target is not None:
        document.write_pdf(target)
    return RenderedPart(page_count=len(document.pages), anchors=anchors)


def render_folios(*, page_format: str, numbers: list[int | None], target: Path) -> None:
    """One page per number, blank but for the folio, in the exact place of the page footer."""
    html = render_to_string("catalogue/pdf/folios.html", {**page_context(page_format), "numbers": numbers})
    _html(html).write_pdf(target)


def _stamp(writer: PdfWriter, page, folio_page, name: str) -> None:
    """Draw ``folio_page`` over ``page`` as a form XObject: no parsing of the page's own content."""
    form = DecodedStreamObject()
    form.set_data(folio_page.get_contents().get_data())
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(folio_page.mediabox)
    form[NameObject("/Resources")] = folio_page["/Resources"].clone(writer)
    form_ref = writer._add_object(form)

    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    # Pages may share one resource dictionary, so give this page's own copy its XObject.
    resources = DictionaryObject(dict(resources.items()))
    xobjects = resources.get("/XObject")
    xobjects = DictionaryObject(dict(xobjects.get_object().items())) if xobjects is not None else DictionaryObject()
    xobjects[NameObject(name)] = form_ref
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources

    before = DecodedStreamObject()
    before.set_data(b"q\n")
    after = DecodedStreamObject()
    after.set_data(f"\nQ\nq {name} Do Q\n".encode("ascii"))
    contents = page.get("/Contents")
    existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *existing, writer._add_object(after)])


@dataclass
class Outline:
    title: str
    page_index: int
    children: list[Outline]


def merge(
    *,
    parts: list[Path],
    folios: Path,
    first_numbered_index: int,
    outline: list[Outline],
    title: str,
    target: Path,
) -> int:
    """Concatenate the parts, stamp folios from ``first_numbered_index`` on, add bookmarks; return page count."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(part))
    folio_reader = PdfReader(folios)
    for offset, folio_page in enumerate(folio_reader.pages):
        index = first_numbered_index + offset
        if index >= len(writer.pages):
            break
        _stamp(writer, writer.pages[index], folio_page, f"/StFolio{index}")
    for item in outline:
        parent = writer.add_outline_item(title=item.title, page_number=item.page_index)
        for child in item.children:
            writer.add_outline_item(title=child.title, page_number=child.page_index, parent=parent)
    writer.add_metadata({"/Title": title, "/Creator": "Skoletjenesten"})
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as handle:
        writer.write(handle)
    return len(writer.pages)
