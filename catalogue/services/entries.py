"""Step 2: one chunk of catalogue entries, rendered to PDF."""

from __future__ import annotations

import functools

from django.template.loader import render_to_string
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from wagtail.models import Site

from municipalities.models import MunicipalSite, MunicipalSiteSettings
from offers.models import OfferPage

from ..design import design_context, nbsp_phone, section_colour
from ..models import (
    CatalogueEdition,
    CatalogueExport,
)
from .files import local_work_dir, set_progress, storage, touch, upload, work_files, work_name, write_json

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
    from ..rendering import qr_data_uri  # WeasyPrint loads only in the processes that render, not in every web process

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
    from ..rendering import page_context  # WeasyPrint loads only in the processes that render, not in every web process

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


def cover_context(edition: CatalogueEdition, places: list[tuple[int | None, int | None]]) -> dict:
    """The cover and welcome page: image, figures and, for a kommune's edition, its logo and colour.

    ``places``: each offer's (environment id, kommune id).
    """
    context = {
        "cover_url": "",
        "cover_alt": "",
        "show_year": edition.school_year_label not in edition.title,
        "offer_count": len(places),
        "environment_count": len({environment for environment, _kommune in places if environment}),
        "municipality_count": len({kommune for _environment, kommune in places if kommune}),
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


def chunk_pdf(export: CatalogueExport, index: int) -> str:
    """The part's PDF in the catalogue storage."""
    return work_name(export, f"chunk-{index:04d}.pdf")


def chunk_meta(export: CatalogueExport, index: int) -> str:
    """The part's page count and anchors in the catalogue storage: written after its PDF, so it marks it done."""
    return work_name(export, f"chunk-{index:04d}.json")


def render_chunk(*, export_id: int, chunk_index: int) -> None:
    """Render one chunk to its own PDF and record its page count and where each entry landed."""
    from ..rendering import render_html  # WeasyPrint loads only in the processes that render, not in every web process

    export = CatalogueExport.objects.select_related("edition", "edition__municipality").get(pk=export_id)
    if export.is_finished or storage().exists(chunk_meta(export, chunk_index)):
        return
    touch(export_id)
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
    with local_work_dir(export) as folder:
        local = folder / f"chunk-{chunk_index:04d}.pdf"
        part = render_html(html, local)
        upload(chunk_pdf(export, chunk_index), local)
    write_json(chunk_meta(export, chunk_index), {"page_count": part.page_count, "anchors": part.anchors})

    done = sum(1 for name in work_files(export) if name.endswith(".json"))
    set_progress(
        export_id,
        progress=5 + int(80 * done / max(export.chunks_total, 1)),
        stage=_("Sætter tilbud op (%(done)s af %(total)s dele)") % {"done": done, "total": export.chunks_total},
    )
