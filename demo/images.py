"""Demo images drawn on the machine with Pillow (no photos can be downloaded): one scene per kind of learning
environment and subject area, and a shield logo per kommune site. Each is drawn once and reused, so the
demo data stays fast: at most one Wagtail image per type × area, assigned with one UPDATE per image.

A ``seed_demo`` extension: ``seed_demo_data(seed=..., stdout=...)`` gives every offer and environment
without an image its scene (the image's description is its alt text, with a credit on the page) and every
kommune site without a logo its shield. Idempotent.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from collections import defaultdict
from typing import TextIO

from django.apps import apps
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import Min
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from curriculum.models import SubjectArea
from offers.models import LearningEnvironmentPage, OfferPage

CREDIT = "Illustration: Skoletjenesten (demodata)"
COLLECTION_NAME = "Demobilleder"

WIDTH, HEIGHT = 1200, 675

# Sky and ground colours per subject area (slug prefix); anything else falls back to the last pair.
AREA_PALETTES: dict[str, tuple[str, str, str]] = {
    "kunst": ("#f3d9e6", "#b03a6e", "#6d1f45"),
    "kulturhistoriske-museer": ("#efe3cf", "#a86b2d", "#5e3a12"),
    "kulturhistoriske-miljoer": ("#e8e0d0", "#8a7a4e", "#4f4425"),
    "scenekunst": ("#e4dcf5", "#6a4bb0", "#35206b"),
    "naturfag": ("#d8ecf7", "#3d8b4f", "#1f5230"),
    "lokalhistoriske": ("#f1e6d6", "#9b5b3a", "#553021"),
    "kultur-udvikling": ("#fbe8c8", "#c7792a", "#6e3d0b"),
    "teknologi": ("#d9e8f5", "#2f6fa8", "#173d63"),
    "erhverv": ("#e3e9ee", "#51697d", "#26394a"),
}
DEFAULT_PALETTE = ("#e6eef6", "#00529b", "#002a50")


def palette(area_slug: str) -> tuple[str, str, str]:
    for prefix, colours in AREA_PALETTES.items():
        if area_slug.startswith(prefix):
            return colours
    return DEFAULT_PALETTE


def _rng(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha256("|".join(parts).encode()).hexdigest()[:12], 16))


def _hills(draw: ImageDraw.ImageDraw, rng: random.Random, colour: str, base: int) -> None:
    points = [(0, HEIGHT)]
    phase = rng.random() * math.tau
    for x in range(0, WIDTH + 40, 40):
        points.append((x, base + 28 * math.sin(x / 170 + phase) + 14 * math.sin(x / 61)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def _museum(d, rng, fg, dark):
    x0, y0 = 390, 250
    d.polygon([(x0 - 30, y0), (x0 + 210, y0 - 110), (x0 + 450, y0)], fill=dark)
    d.rectangle([x0 - 20, y0, x0 + 440, y0 + 30], fill=dark)
    for i in range(6):
        x = x0 + 10 + i * 78
        d.rectangle([x, y0 + 30, x + 34, y0 + 250], fill="#ffffff")
    d.rectangle([x0 - 40, y0 + 250, x0 + 460, y0 + 285], fill=dark)


def _kunsthal(d, rng, fg, dark):
    for i, (w, h) in enumerate([(230, 300), (180, 220), (260, 180)]):
        x = 150 + i * 330
        y = 180 + rng.randint(0, 60)
        d.rectangle([x - 14, y - 14, x + w + 14, y + h + 14], fill=dark)
        d.rectangle([x, y, x + w, y + h], fill="#ffffff")
        d.ellipse([x + w * 0.2, y + h * 0.2, x + w * 0.7, y + h * 0.7], fill=fg)


def _nature(d, rng, fg, dark):
    for i in range(9):
        x = 80 + i * 130 + rng.randint(-30, 30)
        h = rng.randint(170, 300)
        base = 470
        d.rectangle([x - 10, base - 60, x + 10, base + 10], fill=dark)
        d.polygon([(x - 70, base - 50), (x, base - 50 - h), (x + 70, base - 50)], fill=fg if i % 2 else dark)


def _zoo(d, rng, fg, dark):
    # an elephant-like animal and a fish
    d.ellipse([300, 260, 640, 470], fill=dark)
    d.ellipse([560, 220, 720, 360], fill=dark)
    d.rectangle([690, 300, 720, 470], fill=dark)
    for x in (330, 420, 520, 590):
        d.rectangle([x, 420, x + 40, 540], fill=dark)
    d.ellipse([800, 330, 1000, 430], fill=fg)
    d.polygon([(1000, 380), (1060, 330), (1060, 430)], fill=fg)
    d.ellipse([830, 360, 850, 380], fill="#ffffff")


def _science(d, rng, fg, dark):
    cx, cy = 600, 330
    for angle in (0, 60, 120):
        box = Image.new("RGBA", (WIDTH, HEIGHT))
        bd = ImageDraw.Draw(box)
        bd.ellipse([cx - 260, cy - 90, cx + 260, cy + 90], outline=dark, width=14)
        box = box.rotate(angle, center=(cx, cy))
        d._image.paste(box, (0, 0), box)
    d.ellipse([cx - 45, cy - 45, cx + 45, cy + 45], fill=fg)


def _books(d, rng, fg, dark):
    x = 200
    while x < 1000:
        w = rng.randint(40, 80)
        h = rng.randint(220, 330)
        d.rectangle([x, 520 - h, x + w, 520], fill=dark if rng.random() < 0.5 else fg)
        d.rectangle([x + 8, 540 - h, x + w - 8, 548 - h], fill="#ffffff")
        x += w + 8
    d.rectangle([170, 520, 1030, 545], fill=dark)


def _stage(d, rng, fg, dark):
    d.rectangle([150, 120, 1050, 540], fill=dark)
    d.rectangle([220, 170, 980, 500], fill="#fff6dc")
    d.polygon([(150, 120), (420, 120), (300, 540), (150, 540)], fill=fg)
    d.polygon([(1050, 120), (780, 120), (900, 540), (1050, 540)], fill=fg)
    d.ellipse([540, 260, 660, 380], fill=dark)
    d.rectangle([560, 370, 640, 500], fill=dark)


def _music(d, rng, fg, dark):
    for i in range(5):
        y = 200 + i * 40
        d.line([(150, y), (1050, y)], fill=dark, width=5)
    for i, x in enumerate(range(250, 1000, 150)):
        y = 230 + rng.randint(0, 5) * 20
        d.ellipse([x, y, x + 60, y + 44], fill=fg if i % 2 else dark)
        d.rectangle([x + 52, y - 120, x + 60, y + 20], fill=dark)


def _film(d, rng, fg, dark):
    d.rectangle([120, 200, 1080, 470], fill=dark)
    for x in range(140, 1070, 60):
        d.rectangle([x, 215, x + 30, 240], fill="#ffffff")
        d.rectangle([x, 430, x + 30, 455], fill="#ffffff")
    for i in range(4):
        d.rectangle([160 + i * 230, 260, 360 + i * 230, 410], fill=fg if i % 2 else "#ffffff")


def _association(d, rng, fg, dark):
    for i in range(6):
        x = 180 + i * 160
        colour = dark if i % 2 else fg
        d.ellipse([x, 230, x + 80, 310], fill=colour)
        d.rounded_rectangle([x - 20, 320, x + 100, 520], radius=40, fill=colour)


def _company(d, rng, fg, dark):
    d.rectangle([200, 300, 1000, 540], fill=dark)
    for i in range(4):
        x = 200 + i * 200
        d.polygon([(x, 300), (x + 200, 300), (x + 200, 220)], fill=dark)
    d.rectangle([880, 120, 940, 300], fill=dark)
    for i in range(5):
        d.rectangle([250 + i * 150, 380, 330 + i * 150, 450], fill="#fff6dc")
    d.ellipse([860, 60, 960, 120], fill="#ffffff")


def _school(d, rng, fg, dark):
    d.rectangle([300, 260, 900, 520], fill=dark)
    d.polygon([(270, 260), (600, 120), (930, 260)], fill=fg)
    for i in range(4):
        d.rectangle([350 + i * 140, 320, 430 + i * 140, 400], fill="#ffffff")
    d.rectangle([560, 430, 640, 520], fill="#ffffff")


MOTIFS = {
    "museum": ("et museum med søjler", _museum),
    "kunsthal": ("malerier i en udstillingssal", _kunsthal),
    "naturcenter": ("træer i et skovbryn", _nature),
    "zoo-akvarium": ("en elefant og en fisk", _zoo),
    "science-center": ("et atom med elektronbaner", _science),
    "arkiv": ("en reol med arkivæsker", _books),
    "bibliotek": ("en reol med bøger", _books),
    "teater": ("en scene med tæppe og en skuespiller", _stage),
    "musik": ("noder på et nodesystem", _music),
    "film": ("en filmstrimmel", _film),
    "forening": ("en gruppe mennesker", _association),
    "virksomhed": ("en fabrik med skorsten", _company),
    "uddannelsesinstitution": ("en skolebygning", _school),
}


def scene_alt_text(type_slug: str, area_name: str) -> str:
    motif = MOTIFS.get(type_slug, ("et landskab", None))[0]
    return f"Tegning af {motif} i farverne for fagområdet {area_name}."


def draw_scene(type_slug: str, area_slug: str) -> bytes:
    """A 1200×675 JPEG: sky and hills in the subject area's colours, the environment type's motif on top."""
    sky, fg, dark = palette(area_slug)
    rng = _rng(type_slug, area_slug)
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse([980, 50, 1100, 170], fill="#ffffff")
    _hills(draw, rng, fg, 470)
    _hills(draw, rng, dark, 560)
    motif = MOTIFS.get(type_slug, (None, None))[1]
    if motif:
        draw._image = image
        motif(draw, rng, fg, dark)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def draw_logo(name: str, colour: str) -> bytes:
    """A 256×256 PNG shield in the kommune's colour with its initial and three waves."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(28, 20), (228, 20), (228, 130), (128, 236), (28, 130)], fill=colour)
    draw.polygon([(44, 36), (212, 36), (212, 124), (128, 212), (44, 124)], outline="#ffffff", width=6)
    shape = ("crown", "tower", "wave")[int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3]
    if shape == "crown":
        draw.polygon([(78, 130), (78, 80), (103, 105), (128, 70), (153, 105), (178, 80), (178, 130)], fill="#ffffff")
    elif shape == "tower":
        draw.rectangle([98, 70, 158, 150], fill="#ffffff")
        for x in (98, 118, 138):
            draw.rectangle([x, 58, x + 14, 72], fill="#ffffff")
        draw.rectangle([118, 120, 138, 150], fill=colour)
    else:
        for i in range(3):
            y = 80 + i * 28
            draw.arc([70, y, 128, y + 40], 180, 360, fill="#ffffff", width=8)
            draw.arc([128, y, 186, y + 40], 180, 360, fill="#ffffff", width=8)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def _image(title: str, filename: str, data: bytes, description: str, collection: Collection):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing is not None:
        return existing
    image = image_model(title=title, description=description, collection=collection)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


@transaction.atomic
def seed_demo_data(*, seed: int = 0, stdout: TextIO | None = None) -> None:
    collection = _collection()
    areas = {area.catalogue_position: area for area in SubjectArea.objects.all()}
    # Each offer: its environment's type and its first subject area in the catalogue's order.
    offers = (
        OfferPage.objects.filter(image__isnull=True, environment__isnull=False)
        .values_list(
            "pk", "environment_id", "environment__environment_type__slug", "environment__environment_type__name"
        )
        .annotate(position=Min("subject_areas__catalogue_position"))
    )
    by_scene: dict[tuple[str, str, int | None], list[int]] = defaultdict(list)
    environment_scene: dict[int, tuple[str, str, int | None]] = {}
    for pk, environment_id, type_slug, type_name, position in offers:
        key = (type_slug, type_name, position)
        by_scene[key].append(pk)
        environment_scene.setdefault(environment_id, key)
    environments_by_scene: dict[tuple[str, str, int | None], list[int]] = defaultdict(list)
    bare = LearningEnvironmentPage.objects.filter(image__isnull=True, pk__in=list(environment_scene))
    for environment_id in bare.values_list("pk", flat=True):
        environments_by_scene[environment_scene[environment_id]].append(environment_id)

    images = 0
    for key in set(by_scene) | set(environments_by_scene):
        type_slug, type_name, position = key
        area = areas.get(position)
        area_slug, area_name = (area.slug, area.name) if area else ("", "alle fag")
        image = _image(
            f"Demo: {type_name} – {area_name}",
            f"demo-{type_slug}-{area_slug or 'alle'}.jpg",
            draw_scene(type_slug, area_slug),
            scene_alt_text(type_slug, area_name),
            collection,
        )
        images += 1
        OfferPage.objects.filter(pk__in=by_scene.get(key, [])).update(image=image, image_credit=CREDIT)
        LearningEnvironmentPage.objects.filter(pk__in=environments_by_scene.get(key, [])).update(
            image=image, image_credit=CREDIT
        )
    logos = _seed_logos(collection)
    if stdout is not None:
        stdout.write(
            f"Demo images: {images} scenes for {sum(map(len, by_scene.values()))} offers and "
            f"{sum(map(len, environments_by_scene.values()))} environments, {logos} kommune logos.\n"
        )


def _seed_logos(collection: Collection) -> int:
    # The kommune sites' app sits above this one: reached by name, not imported.
    site_settings = apps.get_model("municipalities", "MunicipalSiteSettings")
    count = 0
    for settings in site_settings.objects.filter(logo__isnull=True).select_related("site"):
        name = settings.display_name or settings.site.site_name
        settings.logo = _image(
            f"Logo: {name} (demo)",
            f"demo-logo-{hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]}.png",
            draw_logo(name, settings.safe_accent_colour),
            f"{name}s logo",
            collection,
        )
        settings.save(update_fields=["logo"])
        count += 1
    return count
