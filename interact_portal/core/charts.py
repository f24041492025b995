"""Bar charts (horizontal) and column charts (vertical, for years) as plain numbers for an inline SVG template
(templates/partials/bar_chart*.html, column_chart*.html): no JavaScript, readable without colour."""

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


COLUMN_SLOT = 40  # the width of one column with its gap
COLUMN_WIDTH = 28
PLOT_HEIGHT = 160
PLOT_TOP = 20  # room for the values above the columns
AXIS_SPACE = 24  # the labels under the columns
COLUMNS_MIN_WIDTH = 480  # a few columns keep the scale of many: they stand at the left, not magnified
MAX_LABELS = 12  # more columns than this: every n-th is labelled (the table beside the chart names them all)


@dataclass(frozen=True)
class Column:
    label: str
    value: float
    display: str
    x: int
    height: int
    labelled: bool

    @property
    def y(self) -> int:
        return PLOT_TOP + PLOT_HEIGHT - self.height

    @property
    def middle(self) -> int:
        return self.x + COLUMN_WIDTH // 2

    @property
    def value_y(self) -> int:
        return self.y - 5


@dataclass(frozen=True)
class ColumnChart:
    """Vertical columns in the order given (years, months): the values above the columns while they fit."""

    title: str
    columns: list[Column]

    @property
    def width(self) -> int:
        return max(len(self.columns) * COLUMN_SLOT, COLUMNS_MIN_WIDTH)

    @property
    def show_values(self) -> bool:
        return len(self.columns) <= MAX_LABELS

    column_width = COLUMN_WIDTH
    height = PLOT_TOP + PLOT_HEIGHT + AXIS_SPACE
    baseline = PLOT_TOP + PLOT_HEIGHT
    label_y = PLOT_TOP + PLOT_HEIGHT + 17


def column_chart(title: str, rows: list[tuple[str, float, str]]) -> ColumnChart:
    """rows: (label, value, value as shown); columns are scaled to the largest value, in the order given."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    every = -(-len(rows) // MAX_LABELS) or 1  # label every n-th column, the first and the last always
    columns = [
        Column(
            label,
            value,
            display,
            i * COLUMN_SLOT + (COLUMN_SLOT - COLUMN_WIDTH) // 2,
            max(round(value / largest * PLOT_HEIGHT), 1 if value else 0),
            i % every == 0 or i == len(rows) - 1,
        )
        for i, (label, value, display) in enumerate(rows)
    ]
    return ColumnChart(title, columns)
