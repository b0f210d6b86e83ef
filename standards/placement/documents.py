"""The printable documents of «Set in order» (A4, through core.documents):

- the storage and visualisation system (Appendix 21 «Элементы системы хранения и
  визуализации», L4385–4441): the head's «УТВЕРЖДАЮ» (L893), the appendix's table «№ п/п —
  Наименование элемента — Содержание действий» with its three elements filled in (the list of
  items that may be kept on a desk with their names, quantities and places; the storage rules;
  the visualisation rules) and the leader's signature;
- the placement schedule (L901): «СОГЛАСОВАНО» by the head, one row per room with the person
  responsible and the days, the leader's signature; also as XLSX (a table).
"""

from typing import Any

from django.utils.translation import gettext as _

from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf
from standards.placement.models import PlacementRules, PlacementSchedule
from standards.stock.documents import initials_and_surname


def _leader_of(agency: Any) -> Any:
    team = agency.teams.select_related("leader").order_by("-pk").first()
    return team.leader if team is not None else None


def _names(head: Any, leader: Any) -> dict[str, Any]:
    return {
        "head": head,
        "head_name": initials_and_surname(head.full_name) if head else "",
        "leader": leader,
        "leader_name": initials_and_surname(leader.full_name) if leader else "",
    }


def rules_context(document: PlacementRules) -> dict[str, Any]:
    return {
        "title": str(document),
        "document": document,
        "agency": document.agency,
        "items": list(document.desk_items.all()),
        **_names(document.approver or document.agency.head, _leader_of(document.agency)),
    }


def rules_pdf(document: PlacementRules) -> bytes:
    return render_pdf("reports/standards/placement_rules.html", rules_context(document))


def rules_filename(document: PlacementRules) -> str:
    return f"pravila-hraneniya-{document.agency_id}-{document.version}.pdf"


def rules_xlsx(document: PlacementRules) -> bytes:
    """Appendix 21, item 1 as a table (L4407): the items that may be kept at the workplace with
    their names, quantities and places of storage."""
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Предметы рабочего места"),
                heading=[
                    _("Список предметов, которые могут храниться на рабочем месте"),
                    f"{document.agency.short_name}, {document}",
                ],
                columns=[
                    XlsxColumn(_("№ п/п"), 8),
                    XlsxColumn(_("Наименование предмета"), 40),
                    XlsxColumn(_("Количество"), 12),
                    XlsxColumn(_("Место хранения"), 36),
                ],
                rows=[
                    [item.position, item.name, item.quantity, item.place]
                    for item in document.desk_items.all()
                ],
                print_layout=XlsxPrintLayout(orientation="portrait"),
            )
        ]
    )


def rules_xlsx_filename(document: PlacementRules) -> str:
    return f"predmety-rabochego-mesta-{document.agency_id}-{document.version}.xlsx"


def schedule_context(schedule: PlacementSchedule) -> dict[str, Any]:
    return {
        "title": str(schedule),
        "schedule": schedule,
        "agency": schedule.agency,
        "rows": list(schedule.rows.all()),
        **_names(schedule.approver or schedule.agency.head, _leader_of(schedule.agency)),
    }


def schedule_pdf(schedule: PlacementSchedule) -> bytes:
    return render_pdf("reports/standards/placement_schedule.html", schedule_context(schedule))


def schedule_filename(schedule: PlacementSchedule, extension: str = "pdf") -> str:
    return f"grafik-razmeshcheniya-{schedule.agency_id}-{schedule.pk}.{extension}"


def schedule_xlsx(schedule: PlacementSchedule) -> bytes:
    """The schedule as a table (L901): room, person responsible, the days of placement."""
    rows = [
        [
            row.position,
            row.room.name,
            row.responsible.full_name,
            row.responsible.position,
            row.date_from,
            row.date_to,
        ]
        for row in schedule.rows.all()
    ]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("График размещения"),
                heading=[
                    _("График рационального размещения предметов в рабочем пространстве"),
                    f"{schedule.agency.short_name}, {schedule.drawn_up_on:%d.%m.%Y}",
                ],
                columns=[
                    XlsxColumn(_("№ п/п"), 8),
                    XlsxColumn(_("Помещение"), 24),
                    XlsxColumn(_("Ответственный за рациональное размещение предметов"), 36),
                    XlsxColumn(_("Должность"), 28),
                    XlsxColumn(_("Начало"), 14, number_format="DD.MM.YYYY"),
                    XlsxColumn(_("Окончание"), 14, number_format="DD.MM.YYYY"),
                ],
                rows=rows,
                print_layout=XlsxPrintLayout(orientation="portrait"),
            )
        ]
    )
