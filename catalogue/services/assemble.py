"""Step 3: page numbers, front matter, indexes, merge, and the data files."""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from offers.models import OfferPage

from ..design import section_colour
from ..models import (
    CatalogueExport,
    CatalogueFile,
    ExportStatus,
    FileKind,
)
from ..selectors import danish_sort_key
from .data import data_rows, write_csv, write_xlsx
from .editions import CatalogueError
from .entries import _offers, _site_root_paths, base_context, chunk_meta, chunk_pdf, cover_context, pdf_title
from .files import (
    delete_work,
    download_to,
    export_lock,
    local_work_dir,
    publish,
    read_json,
    set_progress,
    touch,
    work_files,
)
from .forking import in_child

# Folio pages laid out beyond the body's pages, for the front matter, indexes, notes and back cover.
FOLIO_MARGIN = 48

# --- step 3: page numbers, front matter, indexes, merge, data files --------------------------


@dataclass
class Layout:
    front_pages: int
    chunk_starts: list[int]  # 0-based physical page index of each chunk
    body_pages: int

    def page_of(self, chunk_index: int, page_in_chunk: int) -> int:
        """Printed page number (= physical page, the cover being page 1)."""
        return self.chunk_starts[chunk_index] + page_in_chunk + 1


def page_ranges(pages: list[int]) -> str:
    """[3, 4, 5, 9] → '3–5, 9'."""
    pages = sorted(set(pages))
    ranges: list[str] = []
    start = previous = None
    for page in [*pages, None]:
        if page is not None and previous is not None and page == previous + 1:
            previous = page
            continue
        if start is not None:
            ranges.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = page
    return ", ".join(ranges)


def finish_export(*, export_id: int) -> list[CatalogueFile]:
    """Resolve page numbers, render front matter and indexes, merge, publish the PDF and data files."""
    with export_lock(export_id):
        export = CatalogueExport.objects.select_related("edition", "edition__municipality").get(pk=export_id)
        if export.status == ExportStatus.DONE:
            return list(export.files.all())
        if export.status == ExportStatus.FAILED:
            return []
        touch(export_id)
        _site_root_paths.cache_clear()
        plan = export.plan
        present = work_files(export)
        for index in range(len(plan["chunks"])):
            if chunk_meta(export, index).rsplit("/", 1)[-1] not in present:
                raise CatalogueError(_("Del %(index)s af kataloget mangler.") % {"index": index + 1})
        with local_work_dir(export) as work:
            files = _assemble(export, work)
        CatalogueExport.objects.filter(pk=export_id).update(
            status=ExportStatus.DONE,
            progress=100,
            stage=_("Færdig"),
            page_count=files.page_count,
            finished_at=timezone.now(),
            error="",
        )
        delete_work(export)
        return files.files


@dataclass
class _Assembled:
    files: list[CatalogueFile]
    page_count: int


def _assemble(export: CatalogueExport, work: Path) -> _Assembled:
    """Step 3 on this worker's own disk: the parts downloaded into ``work``, the final files uploaded.

    ``work`` is private to this run and removed afterwards, so its files are written straight (no temp
    file, fsync and rename): only the upload publishes, and it stores each file whole.
    """
    # WeasyPrint loads only in the processes that render, not in every web process
    from ..pdfmerge import Outline, merge
    from ..rendering import render_folios, render_html

    export_id, plan = export.pk, export.plan
    metas = [read_json(chunk_meta(export, index)) for index in range(len(plan["chunks"]))]
    parts = [download_to(chunk_pdf(export, index), work / f"chunk-{index:04d}.pdf") for index in range(len(metas))]
    set_progress(export_id, progress=87, stage=_("Indholdsfortegnelse og registre"))

    anchor_pages: dict[str, tuple[int, int]] = {}
    for index, meta in enumerate(metas):
        for name, page in meta["anchors"].items():
            anchor_pages.setdefault(name, (index, page))

    def layout_for(front_pages: int) -> Layout:
        starts, position = [], front_pages
        for meta in metas:
            starts.append(position)
            position += meta["page_count"]
        return Layout(front_pages=front_pages, chunk_starts=starts, body_pages=position - front_pages)

    # The cover's figures need only each offer's environment and kommune: one narrow query, so the front
    # matter's first layout (below) starts in a child while this process loads the offers for the indexes.
    places = list(OfferPage.objects.filter(pk__in=plan["offer_ids"]).values_list("environment_id", "municipality_id"))
    context = {**base_context(export), **cover_context(export.edition, places)}

    def front_html(layout: Layout, back_anchors: dict[str, int] | None) -> str:
        toc = []
        for section in plan["sections"]:
            groups = [
                {"title": group["title"], "page": layout.page_of(*anchor_pages[group["key"]])}
                for group in section["groups"]
                if group["key"] in anchor_pages
            ]
            toc.append(
                {
                    "title": section["title"],
                    "colour": section_colour(section["key"]),
                    "page": groups[0]["page"] if groups else "",
                    "groups": groups,
                }
            )
        back_start = layout.front_pages + layout.body_pages + 1
        toc_back = [
            {
                "title": _("Register over læringsmiljøer"),
                "page": back_start + (back_anchors or {}).get("index-environments", 0),
            },
            {"title": _("Register over fag"), "page": back_start + (back_anchors or {}).get("index-subjects", 0)},
        ]
        return render_to_string(
            "catalogue/pdf/front.html",
            {**context, "toc": toc, "toc_back": toc_back},
        )

    def back_html(layout: Layout) -> str:
        environments: dict[int, dict] = {}
        subjects: dict[int, dict] = {}
        for pk, offer in offers.items():
            if f"o-{pk}" not in anchor_pages:
                continue
            page = layout.page_of(*anchor_pages[f"o-{pk}"])
            if offer.environment is not None:
                item = environments.setdefault(
                    offer.environment.pk,
                    {
                        "name": offer.environment.title,
                        "detail": offer.municipality.name if offer.municipality else "",
                        "pages": [],
                    },
                )
                item["pages"].append(page)
            for subject in offer.subjects.all():
                subjects.setdefault(subject.pk, {"name": subject.name, "pages": []})["pages"].append(page)
        environment_index = sorted(environments.values(), key=lambda item: danish_sort_key(item["name"]))
        subject_list = sorted(subjects.values(), key=lambda item: danish_sort_key(item["name"]))
        for item in [*environment_index, *subject_list]:
            item["pages"] = page_ranges(item["pages"])
        return render_to_string(
            "catalogue/pdf/back.html",
            {**context, "environment_index": environment_index, "subject_index": subject_list},
        )

    # The front matter's length fixes every later number; its own length barely depends on them,
    # so guess with wide numbers and settle in a pass or two. Each pass lays out the indexes once.
    # The guess is laid out by a child (WeasyPrint only; the HTML is made here) while this process loads
    # every offer for the indexes.
    front_path, back_path, closing_path = work / "front.pdf", work / "back.pdf", work / "closing.pdf"
    estimate_path, folios_path = work / "front-estimate.txt", work / "folios.pdf"
    estimate_html = front_html(layout_for(999), None)

    def estimate() -> None:
        estimate_path.write_text(str(render_html(estimate_html, None).page_count))

    estimating = in_child(estimate, name=_("Indholdsfortegnelse"))
    # The folio pages (a page number each, the same whatever the total) are laid out at once by another
    # child, for more pages than the catalogue will have; the merge stamps as many as it needs.
    folio_numbers = list(range(2, 2 + layout_for(0).body_pages + FOLIO_MARGIN))
    folio_format = export.edition.page_format
    folios = in_child(
        lambda: render_folios(page_format=folio_format, numbers=folio_numbers, target=folios_path),
        name=_("Sidetal"),
    )
    offers = _offers(plan["offer_ids"])
    estimating.wait()
    front_pages = int(estimate_path.read_text())
    for _attempt in range(4):
        layout = layout_for(front_pages)
        back = render_html(back_html(layout), back_path)
        front = render_html(front_html(layout, back.anchors), front_path)
        if front.page_count == front_pages:
            break
        front_pages = front.page_count
    else:
        raise CatalogueError(_("Indholdsfortegnelsens sidetal kunne ikke fastlægges."))

    # Then "Noter" pages up to a whole number of sheets (4 pages) and the back cover: a small part of
    # their own, so the indexes are not laid out again to add them.
    notes = -(front_pages + layout.body_pages + back.page_count + 1) % 4
    closing = render_to_string(
        "catalogue/pdf/closing.html",
        {**context, "notes_pages": range(notes), "note_lines": range(context["page"]["note_lines"])},
    )
    closing_pages = render_html(closing, closing_path).page_count

    set_progress(export_id, progress=92, stage=_("Samler PDF"))
    total = front_pages + layout.body_pages + back.page_count + closing_pages
    csv_path, xlsx_path = work / "data.csv", work / "data.xlsx"
    rows = data_rows(
        plan, offers, {pk: layout.page_of(*anchor_pages[f"o-{pk}"]) for pk in offers if f"o-{pk}" in anchor_pages}
    )

    def data_files() -> None:
        write_csv(rows, csv_path)
        write_xlsx(rows, xlsx_path, export)

    # The data files are written by a child on the other core while this process merges the PDF.
    helper = in_child(data_files, name=_("Datafiler"))

    def folios_ready() -> None:
        folios.wait()
        if total - 1 > folio_numbers[-1]:  # more pages than foreseen (a long front matter or indexes)
            render_folios(page_format=folio_format, numbers=list(range(2, total)), target=folios_path)

    outline = []
    for section in plan["sections"]:
        children = [
            Outline(group["title"], layout.page_of(*anchor_pages[group["key"]]) - 1, [])
            for group in section["groups"]
            if group["key"] in anchor_pages
        ]
        if children:
            outline.append(Outline(section["title"], children[0].page_index, children))
    for key, title in (
        ("index-environments", _("Register over læringsmiljøer")),
        ("index-subjects", _("Register over fag")),
    ):
        outline.append(Outline(title, front_pages + layout.body_pages + back.anchors.get(key, 0), []))

    page_count = 0

    def write_pdf(target: Path) -> None:
        nonlocal page_count
        page_count = merge(
            parts=[front_path, *parts, back_path, closing_path],
            folios=folios_path,
            folios_ready=folios_ready,
            # Every page but the covers carries its number.
            first_numbered_index=1,
            last_numbered_index=total - 2,
            outline=outline,
            title=pdf_title(export.edition),
            target=target,
        )

    try:
        files = [publish(export, FileKind.PDF, write_pdf)]
    finally:
        for child in (estimating, folios, helper):
            child.wait()
    set_progress(export_id, progress=96, stage=_("Skriver CSV og XLSX"))
    for kind, written in ((FileKind.CSV, csv_path), (FileKind.XLSX, xlsx_path)):
        files.append(publish(export, kind, functools.partial(shutil.copyfile, written)))
    return _Assembled(files=files, page_count=page_count or total)
