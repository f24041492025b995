"""The column chart of years: scaled to the largest value, every column drawn, labels thinned when many."""

from interact_portal.core.charts import COLUMNS_MIN_WIDTH, MAX_LABELS, PLOT_HEIGHT, column_chart


def test_columns_are_scaled_to_the_largest_value_and_a_small_one_stays_visible():
    chart = column_chart("Projects", [("2019", 10, "10"), ("2020", 0, "0"), ("2021", 1000, "1,000")])
    assert [c.height for c in chart.columns] == [2, 0, PLOT_HEIGHT]
    assert chart.columns[2].y == chart.baseline - PLOT_HEIGHT and chart.columns[1].y == chart.baseline
    assert chart.show_values and all(c.labelled for c in chart.columns)
    assert chart.width == COLUMNS_MIN_WIDTH  # a few columns are not magnified


def test_many_columns_label_every_nth_the_first_and_the_last():
    rows = [(str(1990 + i), i, str(i)) for i in range(30)]
    chart = column_chart("Projects", rows)
    labelled = [c.label for c in chart.columns if c.labelled]
    assert labelled[0] == "1990" and labelled[-1] == "2019"
    assert len(labelled) <= MAX_LABELS + 1 and not chart.show_values
    assert chart.width == 30 * 40 and len({c.x for c in chart.columns}) == 30


def test_no_rows_draw_an_empty_chart():
    chart = column_chart("Projects", [])
    assert chart.columns == [] and chart.width == COLUMNS_MIN_WIDTH
