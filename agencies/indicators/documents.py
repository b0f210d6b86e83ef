"""The indicator sheet printed as Appendix 8's form (L3407–3509): the approval block, «Примерный
лист показателей» with the agency and the date, the two columns «Показатель текущего состояния»
and «Значение» under the four goals of Appendix 8, the value as «максимальное / среднее /
минимальное» (L3523) for times and «месяц / квартал / год» in thousands of roubles for the
costs, then who collected the data and who took part, and the leader's signature block. A4 PDF
and an XLSX workbook with the same headings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from agencies.indicators import rules
from agencies.indicators.choices import Section
from agencies.indicators.models import Indicator, IndicatorSheet
from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf


def _num(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:f}".replace(".", ",")


def value_text(indicator: Indicator) -> str:
    """Appendix 8, column «Значение» (L3523): «через разделительный знак «/»»."""
    if indicator.section == Section.COST:
        parts = (indicator.cost_month, indicator.cost_quarter, indicator.cost_year)
    else:
        parts = (indicator.max_seconds, indicator.avg_seconds, indicator.min_seconds)
    return " / ".join(_num(part) for part in parts)


@dataclass(frozen=True)
class Group:
    goal: str  # «Показатели успешного развёртывания системы 5S»
    heading: str  # the line above the rows («время, затрачиваемое …:»)
    rows: list[Indicator]
    unit: str


def groups(sheet: IndicatorSheet) -> list[Group]:
    """The four groups of Appendix 8 (L3439–3495) with the sheet's rows (prefetched)."""
    by_section: dict[str, list[Indicator]] = {section: [] for section in Section.values}
    for indicator in sheet.indicators.all():
        by_section[indicator.section].append(indicator)
    search = _(
        "Сокращение времени на поиск основных носителей информации, используемых в работе "
        "(в бумажном и электронном виде)"
    )
    seconds = _("макс. / сред. / мин., с")
    return [
        Group(
            search,
            _(
                "время, затрачиваемое на поиск основных носителей информации, используемых в "
                "работе, в бумажном виде:"
            ),
            by_section[Section.PAPER],
            seconds,
        ),
        Group(
            search,
            _(
                "время, затрачиваемое на поиск основных носителей информации, используемых в "
                "работе, в электронном виде:"
            ),
            by_section[Section.ELECTRONIC],
            seconds,
        ),
        Group(
            _("Сокращение времени на выполнение операционных (повторяющихся) действий"),
            _("время, затрачиваемое на выполнение операционных (повторяющихся) действий:"),
            by_section[Section.OPERATION],
            seconds,
        ),
        Group(
            _("Сокращение затрат на материальные объекты"),
            _("затраты на материальные объекты в целом:"),
            by_section[Section.COST],
            _("месяц / квартал / год, тыс. руб."),
        ),
    ]


def sheet_context(sheet: IndicatorSheet) -> dict:
    rows = []
    previous_goal = None
    for group in groups(sheet):
        rows.append(
            {
                "goal": group.goal if group.goal != previous_goal else "",
                "heading": group.heading,
                "unit": group.unit,
                "items": [(indicator, value_text(indicator)) for indicator in group.rows],
            }
        )
        previous_goal = group.goal
    year_period = None
    if sheet.is_initial:
        quarters = rules.previous_quarters(sheet.date, 4)
        year_period = (quarters[0][0], quarters[-1][1])
    return {
        "title": _("Примерный лист показателей"),
        "year_period": year_period,
        "sheet": sheet,
        "agency": sheet.agency,
        "groups": rows,
        "experts": list(sheet.experts.all()),
    }


def sheet_pdf(sheet: IndicatorSheet) -> bytes:
    return render_pdf("reports/agencies/indicator_sheet.html", sheet_context(sheet))


def sheet_xlsx(sheet: IndicatorSheet) -> bytes:
    rows: list[list] = []
    for group in sheet_context(sheet)["groups"]:
        if group["goal"]:
            rows.append([group["goal"], "", "", "", ""])
        rows.append([group["heading"], group["unit"], "", "", ""])
        for indicator, _text in group["items"]:
            if indicator.section == Section.COST:
                values = [indicator.cost_month, indicator.cost_quarter, indicator.cost_year]
            else:
                values = [indicator.max_seconds, indicator.avg_seconds, indicator.min_seconds]
            rows.append([indicator.name, value_text(indicator), *values])
    rows.append([])
    rows.append([_("Ответственные за сбор данных:"), sheet.responsible])
    rows.append(
        [
            _("В сборе данных участвовали:"),
            ", ".join(person.full_name for person in sheet.experts.all()),
        ]
    )
    rows.append([_("Лидер 5S-команды"), sheet.approver.full_name if sheet.approver else ""])
    rows.append([_("Дата"), sheet.approved_on])
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Лист показателей"),
                heading=[
                    _("Примерный лист показателей %(agency)s") % {"agency": sheet.agency.full_name},
                    _("Дата %(date)s") % {"date": sheet.date.strftime("%d.%m.%Y")},
                    _("Показатели успешного развёртывания системы 5S"),
                ],
                columns=[
                    XlsxColumn(_("Показатель текущего состояния"), 60),
                    XlsxColumn(_("Значение"), 24),
                    XlsxColumn(_("Максимальное / за месяц"), 14, "0.00"),
                    XlsxColumn(_("Среднее / за квартал"), 14, "0.0#"),
                    XlsxColumn(_("Минимальное / за год"), 14, "0.00"),
                ],
                rows=rows,
                print_layout=XlsxPrintLayout(orientation="portrait"),
            )
        ]
    )


def filename(sheet: IndicatorSheet, extension: str) -> str:
    return f"list-pokazatelei-{sheet.agency_id}-{sheet.date:%Y-%m-%d}.{extension}"
