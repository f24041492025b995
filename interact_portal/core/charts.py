"""Horizontal bar charts as plain numbers for an inline SVG template: no JavaScript, readable without colour."""

from dataclasses import dataclass

LABEL_WIDTH = 220
BAR_SPACE = 300
ROW = 26


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    width: int
    y: int

    @property
    def text_y(self) -> int:
        return self.y + 17

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW

    label_width = LABEL_WIDTH
    width = LABEL_WIDTH + BAR_SPACE + 110


def bar_chart(title: str, rows: list[tuple[str, float, str]]) -> BarChart:
    """rows: (label, value, value as shown); bars are scaled to the largest value, in the order given."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    bars = [
        Bar(label, value, display, max(round(value / largest * BAR_SPACE), 1 if value else 0), i * ROW)
        for i, (label, value, display) in enumerate(rows)
    ]
    return BarChart(title, bars)
