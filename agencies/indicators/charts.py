"""The trend of one indicator as an inline SVG drawn on the server (L549 «анализа тенденции
(тренда)»; L551: the values and their change are shown on the information board): the average
as a line with its points and the band from the minimum to the maximum behind it; for a
material object, the quarter's costs. No script, no outside asset: the markup goes into the
page and into the PDF as it is."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
HEIGHT = 140
PAD_LEFT = 44
PAD_RIGHT = 12
PAD_TOP = 12
PAD_BOTTOM = 28


def _n(value: float) -> str:
    return f"{value:.1f}"


def _fmt(value: Decimal) -> str:
    return f"{value:f}".replace(".", ",")


def trend_svg(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    highs: Sequence[Decimal | None] = (),
    lows: Sequence[Decimal | None] = (),
) -> SafeString:
    """An SVG of `values` over `labels` (dates), with the band `lows`–`highs` when given."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    every = [v for v in [*values, *highs, *lows] if v is not None]
    if not points or not every:
        return mark_safe("")
    top = max(every)
    bottom = min(Decimal(0), min(every))
    span = (top - bottom) or Decimal(1)
    count = max(len(values), 1)
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(index: int) -> float:
        return PAD_LEFT + (plot_w * (index + 0.5) / count)

    def y(value: Decimal) -> float:
        return PAD_TOP + float((top - value) / span) * plot_h

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" viewBox="0 0 {} {}" '
            'width="{}" height="{}" role="img" aria-label="{}">',
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            title,
        ),
        format_html("<title>{}</title>", title),
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"/>',
            PAD_LEFT,
            HEIGHT - PAD_BOTTOM,
            WIDTH - PAD_RIGHT,
            HEIGHT - PAD_BOTTOM,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
            PAD_LEFT - 4,
            PAD_TOP + 8,
            _fmt(top),
        ),
        format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
            PAD_LEFT - 4,
            HEIGHT - PAD_BOTTOM,
            _fmt(bottom),
        ),
    ]
    band = [
        (i, hi, lo)
        for i, (hi, lo) in enumerate(zip(highs, lows, strict=False))
        if hi is not None and lo is not None
    ]
    if band:
        if len(band) == 1:
            i, hi, lo = band[0]
            parts.append(
                format_html(
                    '<rect class="band" x="{}" y="{}" width="8" height="{}" fill="#cfe3f7"/>',
                    _n(x(i) - 4),
                    _n(y(hi)),
                    _n(max(y(lo) - y(hi), 1)),
                )
            )
        else:
            outline = [f"{x(i):.1f},{y(hi):.1f}" for i, hi, _lo in band] + [
                f"{x(i):.1f},{y(lo):.1f}" for i, _hi, lo in reversed(band)
            ]
            parts.append(
                format_html(
                    '<polygon class="band" points="{}" fill="#cfe3f7" stroke="none"/>',
                    " ".join(outline),
                )
            )
    if len(points) > 1:
        parts.append(
            format_html(
                '<polyline class="average" points="{}" fill="none" stroke="#1f5fa8" '
                'stroke-width="2"/>',
                " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in points),
            )
        )
    for i, v in points:
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="3" fill="#1f5fa8"><title>{}: {}</title></circle>',
                _n(x(i)),
                _n(y(v)),
                labels[i],
                _fmt(v),
            )
        )
    for i, label in enumerate(labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>',
                _n(x(i)),
                HEIGHT - PAD_BOTTOM + 14,
                label,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))


def series_charts(trends) -> list[dict]:
    """A chart per indicator of `agency_trends(...)` over the sheets' dates: the average time
    with its max–min band, or the quarter's costs (the page, and the board's section)."""
    labels = [day.strftime("%d.%m.%y") for day in trends.dates]
    charts = []
    for series in trends.series:
        by_date = {point.date: point for point in series.points}
        points = [by_date.get(day) for day in trends.dates]
        if series.is_timed:
            svg = trend_svg(
                title=series.name,
                labels=labels,
                values=[p.avg if p else None for p in points],
                highs=[p.max if p else None for p in points],
                lows=[p.min if p else None for p in points],
            )
        else:
            svg = trend_svg(
                title=series.name, labels=labels, values=[p.quarter if p else None for p in points]
            )
        charts.append({"series": series, "svg": svg})
    return charts
