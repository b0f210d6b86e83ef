"""The indicator sheet's section of the information board (Appendix 11: «показатели и их
визуальное отображение», «постоянно»; L551: the values measured are placed on the board).
Registered with core.board from AgenciesConfig.ready(), under the key agencies.board declares.
Two queries (agencies.indicators.selectors.agency_trends)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from agencies.board.registration import (
    INDICATORS_EMPTY,
    INDICATORS_KEY,
    INDICATORS_ORDER,
    INDICATORS_TITLE,
)
from agencies.indicators import selectors
from agencies.indicators.charts import series_charts
from agencies.models import Agency
from core.board import BoardRow, BoardSection, register_board_section
from core.formatting import format_number


def _latest(series) -> str:
    point = series.points[-1]
    shown = format_number(point.value, "seconds" if series.is_timed else "money", empty="")
    unit = _("с") if series.is_timed else _("тыс. руб. за квартал")
    text = f"{shown} {unit}".strip()
    if series.change is not None:
        sign = "+" if series.change > 0 else ""
        text += " " + _("(%(change)s %% к первоначальному)") % {
            "change": sign + format_number(series.change, "percent")
        }
    return text


def indicators_section(agency: Agency) -> BoardSection | None:
    trends = selectors.agency_trends(agency=agency)
    if not trends.series:
        return None
    return BoardSection(
        rows=tuple(BoardRow(series.name, _latest(series)) for series in trends.series),
        template="agencies/indicators/_board_charts.html",
        context={"charts": series_charts(trends)},
    )


def register() -> None:
    register_board_section(
        INDICATORS_KEY,
        order=INDICATORS_ORDER,
        title=INDICATORS_TITLE,
        provider=indicators_section,
        empty_text=INDICATORS_EMPTY,
    )
