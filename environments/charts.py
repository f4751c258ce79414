"""A server-rendered SVG bar chart of confirmation progress: no JavaScript, nothing from a CDN."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .confirmation import ProgressRow

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 170
BAR_WIDTH = 360
COLOURS = {"confirmed": "#1d6b35", "pending": "#b7c9d9", "overdue": "#a4161a"}


def progress_chart_svg(rows: list[ProgressRow], *, limit: int = 40) -> SafeString:
    """One stacked bar per row (confirmed, pending, overdue), the rows with the most offers first.

    The table beside it carries the same numbers for screen readers, so the SVG is one labelled image.
    """
    rows = sorted(rows, key=lambda row: -row.total)[:limit]
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    bars = []
    for index, row in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        x = LABEL_WIDTH
        parts = []
        for key in ("confirmed", "pending", "overdue"):
            value = getattr(row, key)
            width = BAR_WIDTH * value / row.total if row.total else 0
            if width:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        f"{x:.1f}",
                        y,
                        f"{width:.1f}",
                        BAR_HEIGHT,
                        COLOURS[key],
                    )
                )
            x += width
        label = format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>', LABEL_WIDTH - 6, y + 13, row.label[:28]
        )
        numbers = format_html(
            '<text x="{}" y="{}" font-size="12">{} / {}</text>',
            LABEL_WIDTH + BAR_WIDTH + 6,
            y + 13,
            row.confirmed,
            row.total,
        )
        bars.append(label + SafeString("".join(parts)) + numbers)
    return format_html(
        '<svg class="progress-chart" role="img" aria-label="Bekræftede, afventende og overskredne tilbud pr. kommune" '
        'width="{}" height="{}" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        LABEL_WIDTH + BAR_WIDTH + 80,
        height,
        LABEL_WIDTH + BAR_WIDTH + 80,
        height,
        format_html_join("", "{}", ((bar,) for bar in bars)),
    )
