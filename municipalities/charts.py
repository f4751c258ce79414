"""Server-rendered SVG charts for the local-supply overview: no JavaScript, nothing from a CDN."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import SupplyOverview

CELL_WIDTH = 64
CELL_HEIGHT = 34
LABEL_WIDTH = 170
HEADER_HEIGHT = 215
# Room on the right for the last column's slanted label.
RIGHT_PADDING = 190
# Light to dark blue; text switches to white on the two darkest steps (contrast >= 4.5:1 either way).
SCALE = ["#ffffff", "#dbe8f5", "#a9c8e8", "#4f86c6", "#1d5a9e", "#0b3a6e"]
GAP_COLOUR = "#fde2e1"


def _shade(count: int, maximum: int) -> tuple[str, str]:
    if count == 0:
        return GAP_COLOUR, "#6b0f0a"
    step = 1 + min(len(SCALE) - 2, int((count / max(maximum, 1)) * (len(SCALE) - 2)))
    fill = SCALE[step]
    return fill, "#ffffff" if step >= 4 else "#1a1a1a"


def supply_heatmap_svg(overview: SupplyOverview) -> SafeString:
    """Grade bands (rows) × subject areas (columns), coloured by the number of offers; gaps in red.

    The table beside it carries the same numbers for screen readers, so the SVG is one labelled image.
    """
    columns, rows = len(overview.areas), len(overview.rows)
    width = LABEL_WIDTH + columns * CELL_WIDTH + RIGHT_PADDING
    height = HEADER_HEIGHT + rows * CELL_HEIGHT + 10
    maximum = overview.max_cell
    headers = format_html_join(
        "",
        '<text x="{}" y="{}" transform="rotate(-45 {} {})" class="supply-chart__label">{}</text>',
        (
            (x, HEADER_HEIGHT - 8, x, HEADER_HEIGHT - 8, area.name)
            for x, area in ((LABEL_WIDTH + index * CELL_WIDTH + 20, area) for index, area in enumerate(overview.areas))
        ),
    )
    cells = []
    for row_index, row in enumerate(overview.rows):
        y = HEADER_HEIGHT + row_index * CELL_HEIGHT
        cells.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="supply-chart__label">{}</text>',
                LABEL_WIDTH - 8,
                y + CELL_HEIGHT / 2 + 5,
                row.band.label,
            )
        )
        for column_index, count in enumerate(row.cells):
            x = LABEL_WIDTH + column_index * CELL_WIDTH
            fill, ink = _shade(count, maximum)
            cells.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#8a8a8a"/>'
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}" class="supply-chart__value">{}</text>',
                    x,
                    y,
                    CELL_WIDTH,
                    CELL_HEIGHT,
                    fill,
                    x + CELL_WIDTH / 2,
                    y + CELL_HEIGHT / 2 + 5,
                    ink,
                    count,
                )
            )
    title = _("Tilbud til skolerne i %(name)s fordelt på klassetrin og fagområde") % {
        "name": overview.municipality.name
    }
    description = _("%(total)d tilbud i alt. Røde felter er huller uden lokale tilbud. Tallene står i tabellen.") % {
        "total": overview.total
    }
    return format_html(
        '<svg class="supply-chart" role="img" aria-labelledby="supply-chart-title supply-chart-desc" '
        'viewBox="0 0 {} {}" width="{}" height="{}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="supply-chart-title">{}</title><desc id="supply-chart-desc">{}</desc>{}{}</svg>',
        width,
        height,
        width,
        height,
        title,
        description,
        headers,
        mark_safe("".join(cells)),  # each piece built with format_html above
    )
