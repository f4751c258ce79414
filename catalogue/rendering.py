"""HTML → PDF for the catalogue: chunks of entries, front matter, indexes, folios and the merge.

The body is rendered in chunks (each its own WeasyPrint document, in parallel worker processes);
where each entry landed is read from the rendered pages' anchors. Front matter and indexes are
rendered afterwards with the page numbers known, and page numbers (folios) are stamped onto every
page when the parts are merged, so no part needs to know its place in advance.
"""

from __future__ import annotations

import base64
import gc
import importlib
import io
import logging
import mimetypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import qrcode
import weasyprint  # imported at module load so forked worker children share it
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)
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


def render_folios(*, page_format: str, numbers: list[int], target: Path) -> None:
    """One page per number, blank but for the folio, in the exact place of the page footer."""
    html = render_to_string("catalogue/pdf/folios.html", {**page_context(page_format), "numbers": numbers})
    with fewer_collections():
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
    # The folio is pagination, not content: an artifact, so the tagged PDF stays complete (PDF/UA).
    after.set_data(f"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q {name} Do Q EMC\n".encode("ascii"))
    contents = page.get("/Contents")
    existing = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *existing, writer._add_object(after)])


@dataclass
class Outline:
    title: str
    page_index: int
    children: list[Outline]


class _TagMerger:
    """Join the parts' structure trees (WeasyPrint's tagged PDF) into one, as pages are appended.

    Each part's tree is copied element by element under one /Document element, with its page and
    annotation references pointing at the appended copies and its parent-tree keys (the pages'
    /StructParents, the annotations' /StructParent) shifted past the previous parts' keys.
    """

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.document = DictionaryObject(
            {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document")}
        )
        self.document[NameObject("/K")] = ArrayObject()
        self.document_ref = writer._add_object(self.document)
        self.nums: list[tuple[int, object]] = []
        self.next_key = 0

    def add(self, reader: PdfReader, first_page: int) -> None:
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            return
        tree = tree.get_object()
        writer = self.writer
        pages = {}
        annotations = {}
        for index, page in enumerate(reader.pages):
            copy = writer.pages[first_page + index]
            pages[page.indirect_reference.idnum] = copy.indirect_reference
            for old, new in zip(page.get("/Annots") or [], copy.get("/Annots") or [], strict=False):
                if isinstance(old, IndirectObject) and isinstance(new, IndirectObject):
                    annotations[old.idnum] = new
        offset = self.next_key
        elements: dict[int, IndirectObject] = {}

        def copy_kids(kids, parent_ref):
            single = not isinstance(kids, ArrayObject)
            result = ArrayObject()
            for kid in [kids] if single else kids:
                if isinstance(kid, int):  # a marked-content id
                    result.append(NumberObject(kid))
                    continue
                kid_object = kid.get_object()
                kind = kid_object.get("/Type")
                if kind in ("/OBJR", "/MCR"):
                    reference = DictionaryObject({NameObject("/Type"): NameObject(kind)})
                    for key, value in kid_object.items():
                        if key == "/Pg":
                            reference[NameObject(key)] = pages[value.idnum]
                        elif key == "/Obj":
                            reference[NameObject(key)] = annotations.get(value.idnum, value)
                        elif key != "/Type":
                            reference[NameObject(key)] = value
                    result.append(reference)
                else:
                    result.append(copy_element(kid, parent_ref))
            return result[0] if single and len(result) == 1 else result

        def copy_element(reference, parent_ref):
            element = reference.get_object()
            copy = DictionaryObject()
            copy_ref = writer._add_object(copy)
            elements[reference.idnum] = copy_ref
            for key, value in element.items():
                if key == "/P":
                    copy[NameObject(key)] = parent_ref
                elif key == "/Pg":
                    copy[NameObject(key)] = pages[value.idnum]
                elif key == "/K":
                    copy[NameObject(key)] = copy_kids(value, copy_ref)
                else:
                    copy[NameObject(key)] = value.clone(writer) if hasattr(value, "clone") else value
            return copy_ref

        for document in tree["/K"] if isinstance(tree["/K"], ArrayObject) else [tree["/K"]]:
            for kid in copy_kids(document.get_object().get("/K", ArrayObject()), self.document_ref):
                self.document["/K"].append(kid)

        numbers = tree["/ParentTree"].get_object().get("/Nums", ArrayObject())
        highest = -1
        for key, value in zip(numbers[::2], numbers[1::2], strict=True):
            if isinstance(value, IndirectObject) and isinstance(value.get_object(), ArrayObject):
                value = value.get_object()
            if isinstance(value, ArrayObject):  # a page: its marked-content ids' elements
                mapped = ArrayObject(elements.get(item.idnum, NullObject()) for item in value)
            else:  # an annotation's element
                mapped = elements.get(value.idnum, NullObject())
            self.nums.append((int(key) + offset, mapped))
            highest = max(highest, int(key))
        # pypdf leaves out the pages' and annotations' keys into the parent tree: set them, shifted.
        for index, page in enumerate(reader.pages):
            copy = writer.pages[first_page + index]
            if "/StructParents" in page:
                copy[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + offset)
            for old, new in zip(page.get("/Annots") or [], copy.get("/Annots") or [], strict=False):
                if "/StructParent" in old.get_object():
                    new.get_object()[NameObject("/StructParent")] = NumberObject(
                        int(old.get_object()["/StructParent"]) + offset
                    )
        self.next_key = offset + highest + 1

    def finish(self, *, title: str, language: str, metadata) -> None:
        writer = self.writer
        numbers = ArrayObject()
        for key, value in sorted(self.nums, key=lambda item: item[0]):
            numbers.append(NumberObject(key))
            numbers.append(value)
        parent_tree = writer._add_object(DictionaryObject({NameObject("/Nums"): numbers}))
        root = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructTreeRoot"),
                NameObject("/K"): ArrayObject([self.document_ref]),
                NameObject("/ParentTree"): parent_tree,
                NameObject("/ParentTreeNextKey"): NumberObject(self.next_key),
            }
        )
        root_ref = writer._add_object(root)
        self.document[NameObject("/P")] = root_ref
        catalog = writer._root_object
        catalog[NameObject("/StructTreeRoot")] = root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        catalog[NameObject("/Lang")] = TextStringObject(language)
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )
        if metadata is not None:
            catalog[NameObject("/Metadata")] = metadata.clone(writer)


def merge(
    *,
    parts: list[Path],
    folios: Path,
    folios_ready: Callable[[], None] | None = None,
    first_numbered_index: int,
    outline: list[Outline],
    title: str,
    target: Path,
    language: str = "da",
) -> int:
    """Concatenate the parts with their structure trees, stamp folios from ``first_numbered_index`` on,
    add bookmarks and the document's title and language; return the page count. ``folios_ready`` is called
    before the folio pages are read (they may still be written by another process while the parts are joined).

    The XMP metadata (PDF/UA identification, title, language) is the first part's, whose HTML title
    is the edition's title.
    """
    writer = PdfWriter()
    tags = _TagMerger(writer)
    metadata = None
    for part in parts:
        reader = PdfReader(part)
        if metadata is None and "/Metadata" in reader.trailer["/Root"]:
            metadata = reader.trailer["/Root"].raw_get("/Metadata").clone(writer)
        first_page = len(writer.pages)
        writer.append(reader, import_outline=False)
        tags.add(reader, first_page)
        # pypdf keeps every appended reader alive, with every object it parsed (about 8 MB a part); the
        # part's objects are copied by now, so its reader lets them go.
        reader.close()
    if folios_ready is not None:
        folios_ready()
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
    tags.finish(title=title, language=language, metadata=metadata)
    writer.add_metadata(
        {"/Title": title, "/Creator": "Skoletjenesten", "/Producer": "Skoletjenesten (WeasyPrint, pypdf)"}
    )
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as handle:
        writer.write(handle)
    return len(writer.pages)


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
