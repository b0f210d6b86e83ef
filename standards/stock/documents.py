"""The printable order request (Appendix 27 «Заявка на заказ материальных объектов», seed 003
L4833–4873): A4, the form's «УТВЕРЖДАЮ» block, its four columns and the signature of the
person responsible for supplies, printed twice on one PDF (L1237: «в двух экземплярах»)."""

from typing import Any

from core.documents import render_pdf
from standards.stock.choices import REQUEST_COPIES
from standards.stock.models import OrderRequest


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
