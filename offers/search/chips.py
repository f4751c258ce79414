"""The chips of the active filters, each with the link that removes it."""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _

from .reference import SearchReference
from .result import OfferSearchResult


def active_filters(result: OfferSearchResult, reference: SearchReference, cleaned: dict) -> list[tuple[str, str]]:
    """Chips for the active filters: (label, url without that value)."""
    chips: list[tuple[str, str]] = []
    if result.text:
        chips.append((_("Søgning: %(text)s") % {"text": result.text}, result.url(drop=["q", "sortering"])))
    for facet in result.facets:
        selected = [option for option in facet.options if option.selected]
        for option in selected:
            remaining = [other.value for other in selected if other.value != option.value]
            label = facet.definition.chip_label(option.label) if facet.definition else option.label
            overrides: dict[str, Any] = {facet.name: remaining or None}
            chips.append((label, result.url(**overrides)))
    if cleaned.get("maks_pris") is not None:
        chips.append(
            (_("Højst %(price)s kr.") % {"price": format_number(cleaned["maks_pris"])}, result.url(drop=["maks_pris"]))
        )
    if result.origin is not None and cleaned.get("afstand"):
        chips.append(
            (
                _("Inden for %(km)s km fra %(place)s") % {"km": cleaned["afstand"], "place": result.origin.label},
                result.url(drop=["afstand"]),
            )
        )
    return chips


def format_number(value) -> str:
    number = float(value)
    return str(int(number)) if math.isfinite(number) and number == int(number) else f"{number:.2f}"
