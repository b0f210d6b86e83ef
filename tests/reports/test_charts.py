"""The region chart of the governor's dashboard (reports/charts.py): every month caption shows
whole inside the chart, the last one included (it was cut at the right edge)."""

import datetime
from decimal import Decimal

import pytest

from reports import charts
from reports.periods import month_short


def _labels(count):
    return [month_short(datetime.date(2025 + (m // 12), m % 12 + 1, 1)) for m in range(count)]


@pytest.mark.parametrize("count", [2, 6, 12])
def test_the_last_month_caption_fits_inside_the_region_chart(count):
    labels = _labels(count)
    chart = charts.line_chart([Decimal("3.5")] * count, labels, width=900, height=220)
    x, label = chart.ticks[-1]
    assert label == labels[-1]
    assert x + charts.tick_half_width(label) <= chart.width
    first_x, first = chart.ticks[0]
    assert first_x - charts.tick_half_width(first) >= 0


def test_a_long_english_caption_still_fits():
    labels = ["Sept 2025", "December 2025"]
    chart = charts.line_chart([Decimal("2"), Decimal("4")], labels, width=600, height=180)
    x, label = chart.ticks[-1]
    assert x + charts.tick_half_width(label) <= chart.width
