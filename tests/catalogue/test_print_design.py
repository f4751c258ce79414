"""The catalogue as a printed product: cover, typeface, colours, columns, phone numbers, metadata, tags."""

from __future__ import annotations

from io import BytesIO

import pdfplumber
import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images.models import Image

from catalogue import design, services
from catalogue.models import CatalogueEdition, CatalogueExport, ExportStatus
from demo.factories import make_offer
from geography.models import Municipality
from municipalities.models import MunicipalSiteSettings, contrast_with_white
from municipalities.services import create_municipal_site
from tests.catalogue.conftest import build_offers

from .pdfcheck import file_path, page_texts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def renditions_of_this_test(settings):
    """Wagtail caches a rendition (its file's name) in the default cache, Redis, for five minutes under the image's
    id and checksum; a test run again within them creates the same image with the same id, gets the earlier run's
    rendition, whose file is not in this test's MEDIA_ROOT, and the PDF is built without the cover or the logo.
    Here renditions are cached in this test's memory only."""
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "catalogue-tests"},
    }


def build(edition: CatalogueEdition) -> CatalogueExport:
    export = services.start_export(edition=edition, enqueue=False)
    services.run_export_in_process(export_id=export.pk)
    export = CatalogueExport.objects.get(pk=export.pk)
    assert export.status == ExportStatus.DONE, export.error
    return export


def png(colour: str, size=(400, 300)) -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(buffer, name="bild.png")


def struct_elements(reader: PdfReader):
    """Every structure element of the tagged PDF, depth first."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0]]
    while stack:
        element = stack.pop().get_object()
        yield element
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if not isinstance(kid, int) and kid.get_object().get("/Type") not in ("/MCR", "/OBJR"):
                stack.append(kid)


def test_every_section_colour_carries_white_text():
    for colour in [*design.SECTION_COLOURS.values(), design.OTHER_SECTION_COLOUR, design.BRAND, design.BRAND_DARK]:
        assert contrast_with_white(colour) >= 4.5, colour


def test_a4_catalogue_reads_like_print_and_is_a_tagged_pdf(environment_index, small_chunks):
    # Two offers in each of the nine sections: two columns on each section's page. (24 offers, three in some
    # sections, took twice the layout time for the same checks.)
    build_offers(environment_index, 18)
    environment = environment_index.get_children().specific().first()
    phone = make_offer(
        environment,
        title="Ring og book",
        booking_email="en-meget-lang-bookingadresse-til-skoleklasser@laeringsmiljoe-eksempel.dk",
        booking_phone="+45 12 34 56 78",
        subject_areas=["naturfag-og-naturvidenskab"],
    )
    cover = Image.objects.create(title="Elever ved stranden", file=png("#3366aa"))
    edition = CatalogueEdition.objects.create(
        school_year=2027, title="Skoletjenestens katalog 2027/28", page_format="A4", cover_image=cover
    )
    export = build(edition)
    path = file_path(export, "pdf")
    reader = PdfReader(path)
    texts = page_texts(path)

    # Metadata: the title once (it already names the school year), Danish, PDF/UA, a tagged PDF.
    assert reader.metadata.title == "Skoletjenestens katalog 2027/28"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "da"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp and "Skoletjenestens katalog 2027/28" in xmp

    # One structure tree over every part: each page has its own parent-tree key, headings and
    # figures are tagged, the QR codes have alt texts.
    keys = [page["/StructParents"] for page in reader.pages]
    assert len(set(keys)) == len(reader.pages)
    tree = catalog["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    assert set(keys) <= set(numbers[::2])
    kinds = [element["/S"] for element in struct_elements(reader)]
    assert kinds.count("/H4") == export.offer_count  # one heading per entry
    assert "/H1" in kinds and "/H2" in kinds and "/Figure" in kinds
    figures = [element for element in struct_elements(reader) if element["/S"] == "/Figure"]
    assert all(element.get("/Alt") for element in figures)
    assert any(str(element["/Alt"]).startswith("QR-kode til ") for element in figures)

    # The project's typeface, embedded; no fallback font.
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("IBM-Plex" in name for name in fonts), fonts

    # Cover: the edition's image and title; no folio on either cover; whole sheets.
    assert "Skoletjenestens katalog 2027/28" in texts[0] and "Skoleåret" not in texts[0]
    cover_objects = reader.pages[0]["/Resources"]["/XObject"].values()
    assert any(item.get_object()["/Subtype"] == "/Image" for item in cover_objects)  # the image, not only a form
    assert len(reader.pages) % 4 == 0

    with pdfplumber.open(path) as pdf:
        # Two columns on A4: entry titles start at two x positions, half a page apart, on the same pages.
        two_columns = 0
        for page in pdf.pages[2:]:
            starts = {round(word["x0"]) // 50 for word in page.extract_words() if word["text"] == "Tilbud"}
            two_columns += len(starts) == 2
        assert two_columns >= 3

        # Each section opens on a band in its own colour.
        opener = next(page for page in pdf.pages if "Naturfag og naturvidenskab" in (page.extract_text() or "")
                      and "FAGOMRÅDE" in (page.extract_text() or "").upper())  # fmt: skip
        green = tuple(int(design.SECTION_COLOURS[5][i : i + 2], 16) / 255 for i in (1, 3, 5))
        fills = [tuple(round(c, 2) for c in rect["non_stroking_color"] or ()) for rect in opener.rects]
        assert tuple(round(c, 2) for c in green) in fills

        # The phone number stays on one line, however narrow the column.
        lines = [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]
        phone_lines = [line.replace("\xa0", " ") for line in lines if "+45" in line]
        assert phone_lines and all("tlf. +45 12 34 56 78" in line for line in phone_lines), phone_lines
    assert phone.title in " ".join(texts)


def test_kommune_edition_carries_the_kommunes_logo(environment_index):
    build_offers(environment_index, 1)  # in Aarhus: the edition selects it
    aarhus = Municipality.objects.get(code="0751")
    municipal_site = create_municipal_site(municipality=aarhus)
    settings = MunicipalSiteSettings.for_site(municipal_site.site)
    settings.logo = Image.objects.create(title="Aarhus Kommunes logo", file=png("#00529b", (300, 120)))
    settings.save()
    edition = CatalogueEdition.objects.create(school_year=2027, title="Åben skole-katalog", municipality=aarhus)
    export = build(edition)
    path = file_path(export, "pdf")
    texts = page_texts(path)
    assert "Åben skole i Aarhus Kommune" in " ".join(texts[0].split())
    assert "Skoleåret 2027/28" in texts[0]  # the title does not name the year, so the cover does
    assert PdfReader(path).metadata.title == "Åben skole-katalog 2027/28"
    with pdfplumber.open(path) as pdf:
        images = pdf.pages[0].images
    assert any(abs(image["width"] / image["height"] - 2.5) < 0.1 for image in images)  # the 300×120 logo
