"""Joining the catalogue's parts into one tagged PDF with pikepdf (qpdf, C++).

Each part is a complete tagged PDF from WeasyPrint (PDF/UA-1). The merge appends the parts' pages, joins
their structure trees under one /Document element (parent-tree keys shifted part by part), keeps their
named destinations (``#o-<offer>``), stamps the folios as artifacts, adds the bookmarks, title, language
and XMP metadata, and writes with object streams (the structure tree is most of the objects).

qpdf copies a part's objects once per part: the pages first, then the structure tree and destinations,
whose page references land on the copied pages. A copied stream keeps its own handle on the part's file
(qpdf reads the data when the result is written), so each part is closed once copied and its parsed
objects go: about half the merge's memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem

FOLIO = Name("/StFolio")


@dataclass
class Outline:
    title: str
    page_index: int
    children: list[Outline]


def _tree_pairs(node: Dictionary, entries: str) -> Iterator[tuple[object, object]]:
    """The (key, value) pairs of a PDF number tree (entries "/Nums") or name tree ("/Names"), flat or with /Kids."""
    pairs = node.get(entries)
    if pairs is not None:
        for index in range(0, len(pairs), 2):
            yield pairs[index], pairs[index + 1]
    for kid in node.get("/Kids", ()):
        yield from _tree_pairs(kid, entries)


def _number_tree(node: Dictionary) -> Iterator[tuple[int, object]]:
    """The parent tree's (key, value) pairs."""
    return ((int(key), value) for key, value in _tree_pairs(node, "/Nums"))


def _name_tree(node: Dictionary) -> Iterator[tuple[str, object]]:
    """The named destinations' (name, value) pairs."""
    return ((str(key), value) for key, value in _tree_pairs(node, "/Names"))


def _kids(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _copied(pdf: pikepdf.Pdf, value):
    """``value`` from another PDF in ``pdf``: indirect objects through qpdf's copy (one copy per object),
    direct arrays and dictionaries (a destination ``[page /XYZ x y zoom]``) element by element."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copied(pdf, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copied(pdf, item) for key, item in value.items()})
    return value


class _Merger:
    def __init__(self) -> None:
        self.pdf = pikepdf.new()
        self.document = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        self.numbers: list[tuple[int, object]] = []
        self.next_key = 0
        self.destinations: dict[str, object] = {}
        self.metadata = None
        self.version = "1.7"

    def add(self, part: pikepdf.Pdf) -> None:
        pdf = self.pdf
        first = len(pdf.pages)
        pdf.pages.extend(part.pages)
        self.version = max(self.version, part.pdf_version)
        root = part.Root
        if self.metadata is None and "/Metadata" in root:
            self.metadata = pdf.copy_foreign(root.Metadata)
        offset = self.next_key
        tree = root.get("/StructTreeRoot")
        if tree is not None:
            self._add_tree(pdf.copy_foreign(tree), offset)
        for page in pdf.pages[first:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", ()):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        names = root.get("/Names")
        if names is not None and "/Dests" in names:
            for name, destination in _name_tree(names.Dests):
                if name not in self.destinations:
                    self.destinations[name] = _copied(pdf, destination)

    def _add_tree(self, tree: Dictionary, offset: int) -> None:
        """Hang the copied tree's top elements under the one /Document; shift its parent-tree keys."""
        documents = {}
        for top in _kids(tree.get("/K")):
            if top.get("/S") == Name.Document:
                documents[top.objgen] = top
                kids = _kids(top.get("/K"))
            else:
                kids = [top]
            for kid in kids:
                if isinstance(kid, Dictionary) and kid.get("/Type") not in (Name.MCR, Name.OBJR):
                    kid.P = self.document
                self.document.K.append(kid)

        def mapped(element):
            if isinstance(element, Dictionary) and element.is_indirect and element.objgen in documents:
                return self.document
            return element

        highest = -1
        for key, value in _number_tree(tree.ParentTree):
            # a page: the element of each of its marked-content ids; an annotation: its element
            mapped_value = Array([mapped(item) for item in value]) if isinstance(value, Array) else mapped(value)
            self.numbers.append((key + offset, mapped_value))
            highest = max(highest, key)
        self.next_key = max(offset + highest + 1, offset + int(tree.get("/ParentTreeNextKey", 0)))

    def stamp(self, folios: pikepdf.Pdf, first_numbered_index: int, last_numbered_index: int) -> None:
        """Draw each folio page over its page as a form XObject, marked as a pagination artifact (PDF/UA):
        the first folio page over page ``first_numbered_index`` and so on, up to ``last_numbered_index``."""
        pdf = self.pdf
        before = pdf.make_stream(b"q\n")
        # The folio is pagination, not content: an artifact, so the tagged PDF stays complete.
        after = pdf.make_stream(b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /StFolio Do Q EMC\n")
        for offset, folio_page in enumerate(folios.pages):
            index = first_numbered_index + offset
            if index > min(last_numbered_index, len(pdf.pages) - 1):
                break
            page = pdf.pages[index].obj
            form = pdf.copy_foreign(folio_page.as_form_xobject())
            # Pages may share one resource dictionary, so give this page its own copy with the folio.
            resources = Dictionary(dict(page.get("/Resources", Dictionary()).items()))
            xobjects = Dictionary(dict(resources.get("/XObject", Dictionary()).items()))
            xobjects[FOLIO] = form
            resources.XObject = xobjects
            page.Resources = resources
            page.Contents = Array([before, *_kids(page.get("/Contents")), after])

    def finish(self, *, outline: list[Outline], title: str, language: str, target: Path) -> None:
        pdf = self.pdf
        parent_tree = pdf.make_indirect(Dictionary(Nums=Array()))
        numbers = []
        for key, value in sorted(self.numbers, key=lambda item: item[0]):
            numbers.extend((key, value))
        parent_tree.Nums = Array(numbers)
        tree = pdf.make_indirect(
            Dictionary(
                Type=Name.StructTreeRoot,
                K=Array([self.document]),
                ParentTree=parent_tree,
                ParentTreeNextKey=self.next_key,
            )
        )
        self.document.P = tree
        catalog = pdf.Root
        catalog.StructTreeRoot = tree
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = pikepdf.String(language)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if self.metadata is not None:
            catalog.Metadata = self.metadata
        if self.destinations:
            # A name tree's keys in byte order.
            flat = []
            for name in sorted(self.destinations, key=lambda name: name.encode("utf-8")):
                flat.extend((pikepdf.String(name), self.destinations[name]))
            catalog.Names = Dictionary(Dests=pdf.make_indirect(Dictionary(Names=Array(flat))))
        with pdf.open_outline() as bookmarks:
            for item in outline:
                entry = OutlineItem(item.title, item.page_index)
                entry.children.extend(OutlineItem(child.title, child.page_index) for child in item.children)
                bookmarks.root.append(entry)
        catalog.PageMode = Name.UseOutlines
        pdf.docinfo = pdf.make_indirect(
            Dictionary(
                Title=pikepdf.String(title),
                Creator=pikepdf.String("Skoletjenesten"),
                Producer=pikepdf.String("Skoletjenesten (WeasyPrint, pikepdf)"),
            )
        )
        pdf.save(
            target,
            min_version=self.version,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            compress_streams=True,
            fix_metadata_version=False,
        )


def merge(
    *,
    parts: list[Path],
    folios: Path,
    folios_ready: Callable[[], None] | None = None,
    first_numbered_index: int,
    last_numbered_index: int | None = None,
    outline: list[Outline],
    title: str,
    target: Path,
    language: str = "da",
) -> int:
    """Concatenate the parts with their structure trees, stamp folios from ``first_numbered_index`` on (to
    ``last_numbered_index``, or as far as there are folio pages),
    add bookmarks and the document's title and language; return the page count. ``folios_ready`` is called
    before the folio pages are read (they may still be written by another process while the parts are joined).

    The XMP metadata (PDF/UA identification, title, language) is the first part's, whose HTML title
    is the edition's title.
    """
    merger = _Merger()
    for part in parts:
        with pikepdf.open(part) as source:
            merger.add(source)
    if folios_ready is not None:
        folios_ready()
    with pikepdf.open(folios) as source:
        last = len(merger.pdf.pages) - 1 if last_numbered_index is None else last_numbered_index
        merger.stamp(source, first_numbered_index, last)
    merger.finish(outline=outline, title=title, language=language, target=target)
    return len(merger.pdf.pages)
