"""Server-rendered horizontal bar charts (SVG), drawn from (label, value) rows.

The chart is decorative for screen readers (the template puts a table with the same numbers
next to it), so it needs no JavaScript and nothing from a CDN.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 220
PLOT_WIDTH = 300
VALUE_WIDTH = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    rows: list[tuple[str, int]]
    bars: list[Bar] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(value for _, value in self.rows)

    @property
    def width(self) -> int:
        return LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + BAR_GAP)

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8

    @property
    def plot_x(self) -> int:
        return LABEL_WIDTH


def bar_chart(title: str, rows: list[tuple[str, int]]) -> BarChart:
    """Bars scaled to the largest value; a zero value gets no bar but keeps its row."""
    largest = max((value for _, value in rows), default=0)
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + BAR_GAP),
            width=round(PLOT_WIDTH * value / largest) if largest else 0,
        )
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(title=title, rows=rows, bars=bars)
