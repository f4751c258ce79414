"""The merged catalogue PDF (pikepdf/qpdf): valid, one structure tree, bookmarks, destinations, folios, compact."""

from __future__ import annotations

import re

import pikepdf
import pytest

from catalogue import services
from catalogue.models import CatalogueExport, ExportStatus

from .conftest import build_offers
from .pdfcheck import file_path, folios, page_texts, toc_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers(environment_index):
    """Six offers in six sections: six parts to merge, "Naturfag og naturvidenskab" among them. The layout time
    goes with the parts and pages, so conftest's 36 (in nine parts) cost twice as much to prove no more."""
    return build_offers(environment_index, 6)


@pytest.fixture
def built(offers, edition, small_chunks) -> CatalogueExport:
    export = services.start_export(edition=edition, enqueue=False)
    services.run_export_in_process(export_id=export.pk)
    export = CatalogueExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.DONE, export.error
    assert export.chunks_total > 3  # several parts were merged
    return export


def elements(pdf: pikepdf.Pdf):
    """(element, page index or None) of the structure tree, depth first, with the page an element inherits."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    stack = [(pdf.Root.StructTreeRoot.K[0], None)]
    while stack:
        element, page = stack.pop()
        if "/Pg" in element:
            page = pages[element.Pg.objgen]
        yield element, page
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                stack.append((kid, page))


def test_merged_pdf_is_valid_tagged_and_navigable(built, offers):
    path = file_path(built, "pdf")
    texts = page_texts(path)
    with pikepdf.open(path) as pdf:
        # qpdf finds nothing wrong; the file is written with object streams (the structure tree is most objects).
        assert pdf.check_pdf_syntax() == []
        assert b"/ObjStm" in path.read_bytes()
        assert len(pdf.pages) == built.page_count == len(texts)

        # Title, language, PDF/UA identification, shown title, bookmarks open.
        assert str(pdf.docinfo["/Title"]) == "Skoletjenestens katalog 2027/28"
        assert str(pdf.Root.Lang) == "da"
        assert bool(pdf.Root.MarkInfo.Marked) and bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert pdf.Root.PageMode == "/UseOutlines"
        assert "pdfuaid:part" in pdf.Root.Metadata.read_bytes().decode()

        # One structure tree: one /Document whose elements all point back at their parents, every page with
        # its own parent-tree key, and each page's marked-content ids mapped to elements on that very page.
        tree = pdf.Root.StructTreeRoot
        document = tree.K[0]
        assert document.S == "/Document" and document.P.objgen == tree.objgen
        numbers = tree.ParentTree.Nums
        parent_tree = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
        keys = [int(page.obj.StructParents) for page in pdf.pages]
        assert len(set(keys)) == len(keys) and set(keys) <= set(parent_tree)
        assert int(tree.ParentTreeNextKey) > max(parent_tree)
        headings = 0
        in_tree = set()
        for element, _page in elements(pdf):
            headings += element.S == "/H4"
            in_tree.add(element.objgen)
        assert headings == len(offers)
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        linked = 0
        for index, page in enumerate(pdf.pages):
            for mcid, element in enumerate(parent_tree[int(page.obj.StructParents)]):
                if not isinstance(element, pikepdf.Dictionary):
                    continue
                # The element holds this marked-content id and belongs to this page (its own /Pg or its parent's).
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                assert mcid in [int(kid) for kid in kids if isinstance(kid, int)], (index, mcid)
                owner = element
                while "/Pg" not in owner:
                    owner = owner.P
                assert pages[owner.Pg.objgen] == index, (index, mcid)
                # WeasyPrint leaves the running heads' elements out of the tree (PDF/UA-1 has no place for
                # them); every other marked content is in the one tree.
                linked += element.objgen in in_tree
        assert linked > 0.9 * sum(len(parent_tree[key]) for key in keys)

        # Bookmarks: each section and group, and the indexes, at the page the table of contents names.
        toc = dict(toc_entries(texts))
        with pdf.open_outline() as outline:
            top = {item.title: pages[item.destination[0].objgen] + 1 for item in outline.root}
            groups = [child for item in outline.root for child in item.children]
        assert "Naturfag og naturvidenskab" in top and groups
        for title in ("Naturfag og naturvidenskab", "Register over læringsmiljøer", "Register over fag"):
            assert top[title] == toc[title], title
        assert "Naturfag og naturvidenskab" in texts[top["Naturfag og naturvidenskab"] - 1]

        # Named destinations from every part: "#o-<offer>" opens the page with that offer.
        names = pdf.Root.Names.Dests.Names
        destinations = {str(names[index]): names[index + 1] for index in range(0, len(names), 2)}
        assert list(destinations) == sorted(destinations)
        for offer in offers:
            page = pages[destinations[f"o-{offer.pk}"][0].objgen]
            assert offer.title in texts[page].replace("\n", " ")

        # Folios: an artifact (not tagged content) on every page but the covers.
        for index, page in enumerate(pdf.pages):
            content = (
                b"".join(part.read_bytes() for part in page.obj.Contents)
                if isinstance(page.obj.Contents, pikepdf.Array)
                else page.obj.Contents.read_bytes()
            )
            stamped = re.search(rb"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /StFolio Do Q EMC", content)
            assert bool(stamped) == (0 < index < len(pdf.pages) - 1), index
    assert folios(path)[1:-1] == [str(number) for number in range(2, len(texts))]


def test_folios_are_laid_out_again_when_the_catalogue_outgrows_the_ones_laid_out_in_advance(
    environment_index, edition, small_chunks, monkeypatch
):
    build_offers(environment_index, 2)  # two parts: any catalogue outgrows folios laid out with no margin
    # The folio pages are laid out early, for the body's pages plus a margin; with no margin the front matter,
    # indexes and back pages outgrow them, and the missing numbers must still be printed.
    monkeypatch.setattr("catalogue.services.assemble.FOLIO_MARGIN", 0)
    export = services.start_export(edition=edition, enqueue=False)
    services.run_export_in_process(export_id=export.pk)
    export = CatalogueExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.DONE, export.error
    printed = folios(file_path(export, "pdf"))
    assert len(printed) == export.page_count
    assert printed[0] == "" and not printed[-1].endswith(str(export.page_count))  # no folio on the covers
    assert printed[1:-1] == [str(number) for number in range(2, export.page_count)]
