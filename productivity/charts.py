"""Server-rendered SVG charts (no scripts, no inline styles: the CSP allows neither).

A chart is plain geometry computed here and drawn by templates/productivity/_bar_chart.html
with SVG presentation attributes."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core.formatting import format_number

LABEL_WIDTH = 220
BAR_AREA = 420
VALUE_WIDTH = 70
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 12
TOP = 8
COLOURS = {"before": "#8c959f", "after": "#2da44e", "main": "#c0392b"}


@dataclass
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    text: str
    label: str = ""
    label_y: int = 0
    text_x: int = 0


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    label_x: int = LABEL_WIDTH - 8

    @property
    def is_empty(self):
        return not self.bars


def _grouped(title, groups, legend, scale_max=None):
    """groups: [(label, [(value or None, kind, text)])]."""
    values = [v for _label, bars in groups for v, _k, _t in bars if v is not None]
    top = Decimal(scale_max) if scale_max else max(values, default=Decimal(1)) or Decimal(1)
    chart = Chart(
        title=title, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=TOP, legend=legend
    )
    y = TOP
    for label, bars in groups:
        first = True
        for value, kind, text in bars:
            width = 0 if value is None else int(Decimal(value) / top * BAR_AREA)
            chart.bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y,
                    width=max(width, 1 if value else 0),
                    height=BAR_HEIGHT,
                    colour=COLOURS[kind],
                    text=text,
                    label=label if first else "",
                    label_y=y + BAR_HEIGHT - 5,
                    text_x=LABEL_WIDTH + max(width, 1) + 6,
                )
            )
            first = False
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    chart.height = y
    return chart


def _text(value, quantity="coefficient"):
    """The bar's label in the page's language (core.formatting: «0,7665» / «0.7665»)."""
    return format_number(value, quantity)


def growth_by_agency(rows):
    groups = [
        (
            row.agency.short_name,
            [(row.growth_avg, "main", _text(row.growth_avg, "growth"))],
        )
        for row in rows
        if row.growth_avg is not None and row.agency is not None
    ]
    return _grouped(_("Средний рост ПТ (11), раза"), groups, legend=[])


def kvc_by_agency(rows):
    groups = [
        (
            row.agency.short_name,
            [
                (row.kvc_before, "before", _text(row.kvc_before)),
                (row.kvc_after, "after", _text(row.kvc_after)),
            ],
        )
        for row in rows
        if row.agency is not None and (row.kvc_before is not None or row.kvc_after is not None)
    ]
    legend = [(COLOURS["before"], _("до улучшения")), (COLOURS["after"], _("после улучшения"))]
    return _grouped(_("Средний Kвц до и после улучшения"), groups, legend, scale_max=1)


def before_after_chart(before, after):
    if before is None and after is None:
        return None

    def pair(name):
        return [
            (getattr(before, name, None), "before", _text(getattr(before, name, None))),
            (getattr(after, name, None), "after", _text(getattr(after, name, None))),
        ]

    legend = [(COLOURS["before"], _("до улучшения")), (COLOURS["after"], _("после улучшения"))]
    return _grouped(
        _("Kвц и Kинт до и после улучшения"),
        [("Kвц", pair("kvc")), ("Kинт", pair("kint"))],
        legend,
        scale_max=1,
    )
