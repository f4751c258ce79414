"""The printed catalogue's design constants: the house colours and one colour per section.

Each section (a subject area, in the catalogue's order) opens in its own colour and keeps it in its
running head, so a reader finds a section by the colour on the page's edge. Every colour carries
white text at WCAG AA contrast (≥ 4.5:1), checked by the tests.
"""

from __future__ import annotations

BRAND = "#0b5a68"  # Skoletjenesten's dark teal (the admin mark's circle)
BRAND_DARK = "#083f49"
ACCENT = "#f2b705"  # the open book's yellow

# By SubjectArea.catalogue_position: the 7 sections of Skoletjenesten's catalogue, then STEM and business.
SECTION_COLOURS = {
    1: "#9b2d5e",  # Kunst, design og arkitektur
    2: "#8a4b14",  # Kulturhistoriske museer
    3: "#5f4b8b",  # Kulturhistoriske miljøer
    4: "#b0312b",  # Scenekunst, musik, film og bevægelse
    5: "#2e6b30",  # Naturfag og naturvidenskab
    6: "#6b5a10",  # Lokalhistoriske museer
    7: "#1f5f8b",  # Kultur, udvikling og samfund
    8: "#0b6e78",  # STEM
    9: "#3d4f5c",  # Erhverv og virksomheder
}
OTHER_SECTION_COLOUR = "#4d4d4d"


def section_colour(section_key: str) -> str:
    """The colour of a planned section ("s<catalogue position>", as ``selectors.section_scheme`` names it)."""
    try:
        position = int(section_key.lstrip("s").split("-", 1)[0])
    except ValueError:
        return OTHER_SECTION_COLOUR
    return SECTION_COLOURS.get(position, OTHER_SECTION_COLOUR)


def nbsp_phone(phone: str) -> str:
    """A phone number that never breaks across lines ("12 34 56 78" → no-break spaces)."""
    return " ".join(phone.split()).replace(" ", "\u00a0")


def design_context() -> dict:
    """The house colours for the print templates."""
    return {"brand": BRAND, "brand_dark": BRAND_DARK, "accent": ACCENT}
