"""Server-rendered SVG charts of the overall score (1–5) over months: a sparkline per agency
and a larger region chart. Geometry only; templates draw it with SVG presentation attributes
(no scripts, no inline styles, nothing fetched from outside)."""

import math
from dataclasses import dataclass, field

SCORE_LOW, SCORE_HIGH = 1, 5
# The month captions under the region chart (templates/reports/pages/_line_chart.html): 10px
# text centred on its column. A glyph of DejaVu Sans / the browsers' sans-serif at 10px is at
# most about 6.2px wide on average for Cyrillic lower case and digits, so a caption is
# estimated at TICK_CHAR_WIDTH per character; the last column leaves room for half of it.
TICK_FONT_SIZE = 10
TICK_CHAR_WIDTH = 6.2
TICK_MARGIN = 2


@dataclass
class LineChart:
    width: int
    height: int
    points: str = ""
    dots: list = field(default_factory=list)  # (x, y, label)
    grid: list = field(default_factory=list)  # (y, label)
    ticks: list = field(default_factory=list)  # (x, label)
    left: int = 0

    @property
    def is_empty(self):
        return not self.dots


def _y(value, top, height):
    return round(top + (SCORE_HIGH - float(value)) / (SCORE_HIGH - SCORE_LOW) * height, 1)


def tick_half_width(label: str) -> float:
    """Half the estimated width of a caption centred under its column."""
    return len(label) * TICK_CHAR_WIDTH / 2


def line_chart(values, labels=None, *, width=600, height=180, left=34, bottom=22, top=8):
    """`values` are Decimals or None per column (month); `labels` the columns' captions. The
    last column stands far enough from the right edge for its caption to show whole (a caption
    is centred on its column: the last month's was cut at the edge)."""
    chart = LineChart(width=width, height=height, left=left)
    plot_height = height - top - bottom
    count = max(len(values), 1)
    right = 4
    if labels:
        right = max(18, math.ceil(tick_half_width(str(labels[-1])) + TICK_MARGIN))
    step = (width - left - right) / max(count - 1, 1)
    xs = [round(left + index * step, 1) for index in range(count)]
    for score in range(SCORE_LOW, SCORE_HIGH + 1):
        chart.grid.append((_y(score, top, plot_height), str(score)))
    if labels:
        every = max(1, len(labels) // 12)
        chart.ticks = [(xs[i], label) for i, label in enumerate(labels) if i % every == 0]
    coordinates = []
    for x, value in zip(xs, values, strict=False):
        if value is None:
            continue
        y = _y(value, top, plot_height)
        coordinates.append(f"{x},{y}")
        chart.dots.append((x, y, str(value)))
    chart.points = " ".join(coordinates)
    return chart


def sparkline(values, *, width=120, height=28):
    return line_chart(values, None, width=width, height=height, left=3, bottom=3, top=3)


def sparkline_svg(values, *, width=120, height=28):
    """The sparkline as ready SVG markup (a thousand rows render much faster than through a
    template include); numbers only, so nothing needs escaping."""
    from django.utils.safestring import mark_safe

    chart = sparkline(values, width=width, height=height)
    line = (
        f'<polyline points="{chart.points}" fill="none" stroke="#c0392b" stroke-width="1.5"/>'
        if chart.points
        else ""
    )
    last = ""
    if chart.dots:
        x, y, _value = chart.dots[-1]
        last = f'<circle cx="{x}" cy="{y}" r="2" fill="#c0392b"/>'
    base = height - 3
    # Built here from numbers only: nothing to escape.
    return mark_safe(
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-hidden="true"><line x1="0" x2="{width}" y1="{base}" y2="{base}" '
        f'stroke="#e1e4e8" stroke-width="1"/>{line}{last}</svg>'
    )
