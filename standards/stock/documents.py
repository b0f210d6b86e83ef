"""The printable order request (Appendix 27 «Заявка на заказ материальных объектов», seed 003
L4833–4873): A4, the form's «УТВЕРЖДАЮ» block, its four columns and the signature of the
person responsible for supplies, printed twice on one PDF (L1237: «в двух экземплярах»); and
the levels of the storage places as XLSX."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf
from standards.stock.choices import REQUEST_COPIES
from standards.stock.models import OrderRequest, StockPlace


def initials_and_surname(full_name: str) -> str:
    """«Руководов Роман Романович» → «Р.Р. Руководов» (the form's «И.О. Фамилия»)."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    surname, *names = parts
    return "".join(f"{name[0]}." for name in names) + f" {surname}"


def request_context(order: OrderRequest) -> dict[str, Any]:
    head = order.approver or order.agency.head
    responsible = order.responsible
    return {
        "title": str(order),
        "order": order,
        "agency": order.agency,
        "lines": list(order.lines.all()),
        "head": head,
        "head_name": initials_and_surname(head.full_name) if head else "",
        "responsible": responsible,
        "responsible_name": initials_and_surname(responsible.full_name) if responsible else "",
        "copies": range(1, REQUEST_COPIES + 1),
        "copies_total": REQUEST_COPIES,
    }


def request_pdf(order: OrderRequest) -> bytes:
    return render_pdf("reports/standards/stock_request.html", request_context(order))


def request_filename(order: OrderRequest) -> str:
    return f"zayavka-{order.agency_id}-{order.number}.pdf"


def levels_xlsx(places: Iterable[StockPlace]) -> bytes:
    """Section 1 of the stock standard as a table (L1229): per storage place its nomenclature
    with the minimum and maximum levels and the current count."""
    rows = [
        [
            place.agency.short_name,
            place.room.name,
            place.name,
            item.name,
            item.unit,
            item.minimum,
            item.maximum,
            item.count,
            item.counted_on,
            _("нужен заказ")
            if item.needs_order
            else _("выше максимума")
            if item.over_maximum
            else "",
        ]
        for place in places
        for item in place.items.all()
    ]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Уровни запасов"),
                heading=[
                    _("Номенклатура, минимальный и максимальный уровни запасов в местах хранения")
                ],
                columns=[
                    XlsxColumn(_("ОИВ ЯО / СППО"), 24),
                    XlsxColumn(_("Помещение"), 14),
                    XlsxColumn(_("Место хранения"), 24),
                    XlsxColumn(_("Наименование материального объекта"), 36),
                    XlsxColumn(_("Единица"), 10),
                    XlsxColumn(_("Минимальный уровень"), 12),
                    XlsxColumn(_("Максимальный уровень"), 12),
                    XlsxColumn(_("Количество"), 12),
                    XlsxColumn(_("Дата пересчёта"), 14, number_format="DD.MM.YYYY"),
                    XlsxColumn(_("Состояние"), 16),
                ],
                rows=rows,
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )
