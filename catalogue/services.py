"""The catalogue export job: select, plan, render chunks, assemble, publish.

The same functions run from Celery (``catalogue.tasks``: the chunks in parallel, one worker
process each) and from ``manage.py build_catalogue`` (in order, in one process). Every step is
idempotent: a step's output is published atomically (temp file, fsync, rename) and a step whose
output exists is skipped, so a retried or redelivered task resumes where the killed one stopped.
Each run writes into its own versioned folder, so two runs of one edition never share a file.
"""

from __future__ import annotations

import csv
import datetime
import functools
import hashlib
import json
import math
import multiprocessing
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction
from django.db.models import F, Max
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from openpyxl import Workbook
from wagtail.models import Site

from geography.models import Municipality
from offers.models import OfferPage
from operations.spreadsheets import safe_cell

from .design import design_context, nbsp_phone, section_colour
from .models import (
    CatalogueEdition,
    CatalogueExport,
    CatalogueFile,
    ExportStatus,
    FileKind,
    school_year_label,
)
from .selectors import danish_sort_key, offers_for_edition, section_scheme


class CatalogueError(Exception):
    """A reason the export cannot be built, shown to staff as it is."""


# --- editions and starting a run ------------------------------------------------------------


def default_title(*, school_year: int, municipality: Municipality | None) -> str:
    label = school_year_label(school_year)
    if municipality:
        return _("Skoletjenestens katalog %(year)s – %(kommune)s") % {"year": label, "kommune": municipality.name}
    return _("Skoletjenestens katalog %(year)s") % {"year": label}


def ensure_edition(*, school_year: int, municipality: Municipality | None = None) -> CatalogueEdition:
    """The edition for the year and scope, created with default settings when missing."""
    edition, _created = CatalogueEdition.objects.get_or_create(
        school_year=school_year,
        municipality=municipality,
        defaults={"title": default_title(school_year=school_year, municipality=municipality)},
    )
    return edition


class ExportAlreadyRunning(CatalogueError):
    """The edition already has a queued or running build: one at a time."""

    def __init__(self, export: CatalogueExport):
        self.export = export
        super().__init__(
            _("Der er allerede en kørsel af dette katalog i gang (version %(version)s). Vent, til den er færdig.")
            % {"version": export.version}
        )


def start_export(*, edition: CatalogueEdition, requested_by=None, enqueue: bool = True) -> CatalogueExport:
    """Create the next versioned run of the edition and queue the job once the transaction commits.

    One build per edition at a time (raises ExportAlreadyRunning). If the broker cannot take the job,
    the run is marked failed at once with the reason (catalogue.queueing), never left queued.
    """
    with transaction.atomic():
        # Lock the edition so two simultaneous starts get different versions (and see each other's run).
        CatalogueEdition.objects.select_for_update().get(pk=edition.pk)
        active = edition.exports.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]).first()
        if active is not None:
            raise ExportAlreadyRunning(active)
        version = (edition.exports.aggregate(latest=Max("version"))["latest"] or 0) + 1
        export = CatalogueExport.objects.create(
            edition=edition,
            version=version,
            requested_by=requested_by,
            stage=_("Venter på en ledig proces"),
            heartbeat_at=timezone.now(),
        )
        if enqueue:
            from .queueing import enqueue_export

            transaction.on_commit(lambda: enqueue_export(export_id=export.pk))
    export.refresh_from_db()
    return export


def next_school_year(today: datetime.date | None = None) -> int:
    """The school year that starts next 1 August (or this one, before August)."""
    today = today or timezone.localdate()
    return today.year if today.month < 8 else today.year + 1


def build_next_national_catalogue() -> CatalogueExport:
    """The yearly job: start a run of next school year's national edition."""
    edition = ensure_edition(school_year=next_school_year())
    return start_export(edition=edition)


# --- files ----------------------------------------------------------------------------------


def run_dir(export: CatalogueExport) -> Path:
    return Path(default_storage.path(export.folder))


def work_dir(export: CatalogueExport) -> Path:
    return run_dir(export) / ".work"


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temp path beside ``target``; on success fsync it and rename it into place.

    A process killed before the rename leaves only a ``.tmp-`` file, never a half ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".tmp-{uuid.uuid4().hex}-{target.name}")
    try:
        yield temp
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        if temp.exists():
            temp.unlink()


def write_json(target: Path, data) -> None:
    with atomic_file(target) as temp:
        temp.write_text(json.dumps(data), encoding="utf-8")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def publish(export: CatalogueExport, kind: str, write: Callable[[Path], None]) -> CatalogueFile:
    """Write one final file of the run (once) and record its size and checksum."""
    existing = CatalogueFile.objects.filter(export=export, kind=kind).first()
    if existing and default_storage.exists(existing.name):
        return existing
    name = f"{export.folder}/skoletjenesten-katalog-{export.edition.slug}-v{export.version}.{kind}"
    target = Path(default_storage.path(name))
    if not target.exists():  # a killed run may have published the file but not its row
        with atomic_file(target) as temp:
            write(temp)
    record, _created = CatalogueFile.objects.update_or_create(
        export=export, kind=kind, defaults={"name": name, "size": target.stat().st_size, "sha256": sha256_of(target)}
    )
    return record


@contextmanager
def export_lock(export_id: int) -> Iterator[None]:
    """Serialise the whole-run steps of one export across processes (released if the process dies)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [7316, export_id])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [7316, export_id])


# --- progress -------------------------------------------------------------------------------


def set_progress(export_id: int, *, progress: int, stage: str) -> None:
    CatalogueExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(
        progress=Greatest(F("progress"), progress), stage=stage, heartbeat_at=timezone.now()
    )


def fail_export(*, export_id: int, reason: str) -> None:
    CatalogueExport.objects.filter(pk=export_id).exclude(status=ExportStatus.DONE).update(
        status=ExportStatus.FAILED, error=reason, stage=_("Fejlet"), finished_at=timezone.now()
    )


# --- step 1: select and plan ----------------------------------------------------------------


def plan_chunks(sections, chunk_size: int) -> list[dict]:
    """Split each section into near-equal chunks of at most ``chunk_size`` offers.

    A chunk never spans two sections (each section starts on a new page anyway).
    """
    chunks: list[dict] = []
    for section_index, section in enumerate(sections):
        count = section.offer_count
        parts = max(1, math.ceil(count / chunk_size))
        per_chunk = math.ceil(count / parts)
        current: dict | None = None
        filled = 0
        for group_index, group in enumerate(section.groups):
            for position, offer_id in enumerate(group.offer_ids):
                if current is None or filled >= per_chunk:
                    current = {
                        "section": section_index,
                        "starts_section": not chunks_started(chunks, section_index),
                        "groups": [],
                    }
                    chunks.append(current)
                    filled = 0
                if not current["groups"] or current["groups"][-1]["group"] != group_index:
                    current["groups"].append({"group": group_index, "starts_group": position == 0, "offer_ids": []})
                current["groups"][-1]["offer_ids"].append(offer_id)
                filled += 1
    return chunks


def chunks_started(chunks: list[dict], section_index: int) -> bool:
    return any(chunk["section"] == section_index for chunk in chunks)


def prepare_export(*, export_id: int) -> int:
    """Mark the run started and freeze its selection and plan; return how many chunks to render.

    Returns 0 when there is nothing to do (the run is finished, or it failed here).
    """
    with export_lock(export_id):
        export = CatalogueExport.objects.select_related("edition").get(pk=export_id)
        if export.is_finished:
            return 0
        if export.plan.get("chunks"):  # a redelivered task: keep the frozen plan
            return len(export.plan["chunks"])
        CatalogueExport.objects.filter(pk=export_id).update(
            status=ExportStatus.RUNNING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            progress=2,
            stage=_("Udvælger tilbud"),
        )
        offer_ids = list(offers_for_edition(export.edition).values_list("pk", flat=True))
        if not offer_ids:
            fail_export(
                export_id=export_id,
                reason=_(
                    "Udgaven udvælger ingen tilbud: ingen publicerede tilbud kører i skoleåret %(year)s og "
                    "passer til udgavens regler. Ret udvælgelsen (målgrupper, fagområder, regioner, kommune "
                    "eller “tag altid med”) og byg igen."
                )
                % {"year": export.edition.school_year_label},
            )
            return 0
        sections = section_scheme(offer_ids)
        chunks = plan_chunks(sections, settings.CATALOGUE_CHUNK_SIZE)
        ordered_ids = [pk for s in sections for g in s.groups for pk in g.offer_ids]  # in catalogue order
        plan = {
            "sections": [
                {
                    "key": s.key,
                    "title": str(s.title),
                    "groups": [{"key": g.key, "title": str(g.title)} for g in s.groups],
                }
                for s in sections
            ],
            "chunks": chunks,
            "offer_ids": ordered_ids,
        }
        CatalogueExport.objects.filter(pk=export_id).update(
            plan=plan,
            offer_count=len(ordered_ids),
            chunks_total=len(chunks),
            progress=5,
            stage=_("Sætter tilbud op"),
        )
        return len(chunks)


# --- step 2: one chunk of entries -----------------------------------------------------------


def _offers(offer_ids: list[int]) -> dict[int, OfferPage]:
    offers = (
        OfferPage.objects.filter(pk__in=offer_ids)
        .select_related("environment", "municipality", "municipality__region", "grade_from", "grade_to")
        .prefetch_related("subjects", "subject_areas", "environment__contacts")
    )
    return {offer.pk: offer for offer in offers}


def public_url(offer: OfferPage) -> str:
    """The offer's full public URL, as Page.get_full_url() gives it, without a cache lookup per offer."""
    for root in _site_root_paths():
        if offer.url_path.startswith(root.root_path):
            return iri_to_uri(root.root_url.rstrip("/") + "/" + offer.url_path[len(root.root_path) :])
    return ""


@functools.cache
def _site_root_paths():
    # Longest root path first, as Wagtail orders them; a process builds one run, so caching is safe.
    return tuple(Site.get_site_root_paths())


def entry_context(offer: OfferPage) -> dict:
    from .rendering import qr_data_uri

    url = public_url(offer)
    facts = offer.facts
    return {
        "id": offer.pk,
        "title": offer.title,
        "environment": offer.environment.title if offer.environment else "",
        "municipality": offer.municipality.name if offer.municipality else "",
        # Few elements per entry: WeasyPrint's time grows with the number of styled boxes.
        "facts": [
            (label, value)
            for label, value in (
                (_("Klassetrin:"), facts.grades),
                (_("Fag:"), ", ".join(subject.name for subject in offer.subjects.all())),
                (_("Form:"), facts.formats_text),
                (_("Varighed:"), facts.duration),
                (_("Pris:"), facts.price_text),
                (_("Booking:"), facts.booking_text(phone=nbsp_phone)),
            )
            if value
        ],
        "teaser": offer.teaser,
        "url": url,
        "url_label": url.split("://", 1)[-1].rstrip("/"),
        "qr": qr_data_uri(url) if url else "",
    }


def base_context(export: CatalogueExport) -> dict:
    from .rendering import page_context

    edition = export.edition
    return {
        **page_context(edition.page_format),
        **design_context(),
        "edition": edition,
        "edition_title": edition.title,
        "running_title": edition.title,
    }


def pdf_title(edition: CatalogueEdition) -> str:
    """The edition's title, with the school year only if the title does not already name it."""
    label = edition.school_year_label
    return (
        edition.title
        if label in edition.title or str(edition.school_year) in edition.title
        else f"{edition.title} {label}"
    )


def cover_context(edition: CatalogueEdition, offers: dict[int, OfferPage]) -> dict:
    """The cover and welcome page: image, figures and, for a kommune's edition, its logo and colour."""
    from municipalities.models import MunicipalSite, MunicipalSiteSettings

    context = {
        "cover_url": "",
        "cover_alt": "",
        "show_year": edition.school_year_label not in edition.title,
        "offer_count": len(offers),
        "environment_count": len({offer.environment_id for offer in offers.values() if offer.environment_id}),
        "municipality_count": len({offer.municipality_id for offer in offers.values() if offer.municipality_id}),
        "kommune_logo_url": "",
        "kommune_accent": "",
        "site_address": public_site_address(),
    }
    cover = edition.cover_image if edition.cover_image_id else None
    if cover is not None:
        context["cover_url"] = cover.get_rendition("fill-1600x1300").url
        context["cover_alt"] = getattr(cover, "default_alt_text", "") or cover.title
    if edition.municipality_id:
        municipal_site = MunicipalSite.objects.filter(municipality=edition.municipality).select_related("site").first()
        if municipal_site is not None:
            site_settings = MunicipalSiteSettings.for_site(municipal_site.site)
            if site_settings.logo_id:
                context["kommune_logo_url"] = site_settings.logo.get_rendition("max-600x300").url
            context["kommune_accent"] = site_settings.safe_accent_colour
    return context


def public_site_address() -> str:
    """The national site's address as printed ("skoletjenesten.dk"), from the configured site."""
    roots = _site_root_paths()
    default = next((root for root in roots if root.root_path.count("/") <= 2), roots[0] if roots else None)
    if default is None:
        return "skoletjenesten.dk"
    return default.root_url.split("://", 1)[-1].rstrip("/")


# Parts with at most this many offers (a kommune's section, a few A4 pages) get balanced columns; see print.css.
BALANCED_PART_OFFERS = 40


def chunk_pdf(export: CatalogueExport, index: int) -> Path:
    return work_dir(export) / f"chunk-{index:04d}.pdf"


def chunk_meta(export: CatalogueExport, index: int) -> Path:
    return work_dir(export) / f"chunk-{index:04d}.json"


def render_chunk(*, export_id: int, chunk_index: int) -> None:
    """Render one chunk to its own PDF and record its page count and where each entry landed."""
    from .rendering import render_html

    export = CatalogueExport.objects.select_related("edition", "edition__municipality").get(pk=export_id)
    if export.is_finished or chunk_meta(export, chunk_index).exists():
        return
    _site_root_paths.cache_clear()  # the site's address as it is now (a worker child may be reused)
    plan = export.plan
    chunk = plan["chunks"][chunk_index]
    section = plan["sections"][chunk["section"]]
    offers = _offers([pk for group in chunk["groups"] for pk in group["offer_ids"]])
    section_count = sum(
        len(group["offer_ids"])
        for other in plan["chunks"]
        if other["section"] == chunk["section"]
        for group in other["groups"]
    )
    blocks = [
        {
            "section_key": section["key"],
            "section_title": section["title"],
            "section_colour": section_colour(section["key"]),
            "section_count": section_count,
            "section_groups": [group["title"] for group in section["groups"]],
            "starts_section": chunk["starts_section"],
            "groups": [
                {
                    "key": section["groups"][group["group"]]["key"],
                    "title": section["groups"][group["group"]]["title"],
                    "starts_group": group["starts_group"],
                    # An offer unpublished since the plan was frozen is left out of this run.
                    "entries": [entry_context(offers[pk]) for pk in group["offer_ids"] if pk in offers],
                }
                for group in chunk["groups"]
            ],
        }
    ]
    html = render_to_string(
        "catalogue/pdf/chunk.html",
        {
            **base_context(export),
            "blocks": blocks,
            "chunk_index": chunk_index,
            "section_colour": section_colour(section["key"]),
            "column_fill": "balance" if len(offers) <= BALANCED_PART_OFFERS else "auto",
        },
    )
    target = chunk_pdf(export, chunk_index)
    with atomic_file(target) as temp:
        part = render_html(html, temp)
    write_json(chunk_meta(export, chunk_index), {"page_count": part.page_count, "anchors": part.anchors})

    done = sum(1 for index in range(export.chunks_total) if chunk_meta(export, index).exists())
    set_progress(
        export_id,
        progress=5 + int(80 * done / max(export.chunks_total, 1)),
        stage=_("Sætter tilbud op (%(done)s af %(total)s dele)") % {"done": done, "total": export.chunks_total},
    )


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
    from .rendering import Outline, merge, render_folios, render_html

    with export_lock(export_id):
        export = CatalogueExport.objects.select_related("edition", "edition__municipality").get(pk=export_id)
        if export.status == ExportStatus.DONE:
            return list(export.files.all())
        if export.status == ExportStatus.FAILED:
            return []
        _site_root_paths.cache_clear()
        plan = export.plan
        metas = []
        for index in range(len(plan["chunks"])):
            path = chunk_meta(export, index)
            if not path.exists():
                raise CatalogueError(_("Del %(index)s af kataloget mangler.") % {"index": index + 1})
            metas.append(json.loads(path.read_text(encoding="utf-8")))
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

        offers = _offers(plan["offer_ids"])
        context = {**base_context(export), **cover_context(export.edition, offers)}

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

        def back_html(layout: Layout, notes_pages: int = 0) -> str:
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
                {
                    **context,
                    "environment_index": environment_index,
                    "subject_index": subject_list,
                    "notes_pages": range(notes_pages),
                    "note_lines": range(context["page"]["note_lines"]),
                },
            )

        # The front matter's length fixes every later number; its own length barely depends on them,
        # so guess with wide numbers and settle in a pass or two.
        front_pages = render_html(front_html(layout_for(999), None), None).page_count
        work = work_dir(export)
        front_path, back_path = work / "front.pdf", work / "back.pdf"
        for _attempt in range(4):
            layout = layout_for(front_pages)
            # Indexes, then "Noter" pages up to a whole number of sheets (4 pages), then the back cover.
            back = render_html(back_html(layout), None)
            notes = -(front_pages + layout.body_pages + back.page_count) % 4
            with atomic_file(back_path) as temp:
                back = render_html(back_html(layout, notes), temp)
            with atomic_file(front_path) as temp:
                front = render_html(front_html(layout, back.anchors), temp)
            if front.page_count == front_pages:
                break
            front_pages = front.page_count
        else:
            raise CatalogueError(_("Indholdsfortegnelsens sidetal kunne ikke fastlægges."))

        set_progress(export_id, progress=92, stage=_("Samler PDF"))
        total = front_pages + layout.body_pages + back.page_count
        folios_path = work / "folios.pdf"
        with atomic_file(folios_path) as temp:
            # Every page but the covers carries its number.
            render_folios(page_format=export.edition.page_format, numbers=list(range(2, total)), target=temp)

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
            parts = [front_path, *(chunk_pdf(export, index) for index in range(len(metas))), back_path]
            page_count = merge(
                parts=parts,
                folios=folios_path,
                first_numbered_index=1,
                outline=outline,
                title=pdf_title(export.edition),
                target=target,
            )

        files = [publish(export, FileKind.PDF, write_pdf)]
        set_progress(export_id, progress=96, stage=_("Skriver CSV og XLSX"))
        rows = data_rows(
            plan, offers, {pk: layout.page_of(*anchor_pages[f"o-{pk}"]) for pk in offers if f"o-{pk}" in anchor_pages}
        )
        files.append(publish(export, FileKind.CSV, lambda target: write_csv(rows, target)))
        files.append(publish(export, FileKind.XLSX, lambda target: write_xlsx(rows, target, export)))

        CatalogueExport.objects.filter(pk=export_id).update(
            status=ExportStatus.DONE,
            progress=100,
            stage=_("Færdig"),
            page_count=page_count or total,
            finished_at=timezone.now(),
            error="",
        )
        shutil.rmtree(work, ignore_errors=True)
        return files


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
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


# --- the whole job in one process -----------------------------------------------------------


def _render_chunk_in_child(arguments: tuple[int, int]) -> None:
    export_id, chunk_index = arguments
    render_chunk(export_id=export_id, chunk_index=chunk_index)


def render_chunks_in_parallel(*, export_id: int, chunks: int, processes: int) -> None:
    """The parts in ``processes`` forked children, one part per child (as the catalogue worker runs them:
    ``--concurrency`` processes, ``--max-tasks-per-child=1``, so WeasyPrint's memory goes back after each)."""
    connections.close_all()  # each child opens its own connection; none may share the parent's socket
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=processes, maxtasksperchild=1) as pool:
        pool.map(_render_chunk_in_child, [(export_id, index) for index in range(chunks)], chunksize=1)


def run_export_in_process(*, export_id: int, processes: int | None = None) -> list[CatalogueFile]:
    """The job from this process (the management command); raises CatalogueError on failure.

    The same path as the workers: the selection is frozen here, the parts are rendered in parallel by
    ``processes`` forked children (default: one per CPU core, the worker's default concurrency), then the
    assembly runs here. Inside a transaction (tests) children could not see the data, so the parts are
    rendered here, one after the other.
    """
    processes = processes or os.cpu_count() or 1
    try:
        chunks = prepare_export(export_id=export_id)
        if chunks > 1 and processes > 1 and not connection.in_atomic_block:
            render_chunks_in_parallel(export_id=export_id, chunks=chunks, processes=min(processes, chunks))
        else:
            for index in range(chunks):
                render_chunk(export_id=export_id, chunk_index=index)
        files = finish_export(export_id=export_id) if chunks else []
    except Exception as exc:
        fail_export(export_id=export_id, reason=str(exc) or exc.__class__.__name__)
        raise
    export = CatalogueExport.objects.get(pk=export_id)
    if export.status == ExportStatus.FAILED:
        raise CatalogueError(export.error)
    return files
