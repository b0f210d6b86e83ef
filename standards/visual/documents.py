"""The printable list of visual control points (Appendix 28 «Перечень точек визуального
контроля», seed 003 L4875–4927): A4, the date of compiling, the table «Категория», «Точка
контроля», «Требования 5S-стандарта» (and who checks), the compilers' signature lines and the
team leader's «СОГЛАСОВАНО»; the same table as XLSX."""

from typing import Any

from django.utils.translation import gettext as _

from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf
from standards.visual.choices import COMPILERS_MAX
from standards.visual.models import VisualControlList


def list_context(control_list: VisualControlList) -> dict[str, Any]:
    compilers = list(control_list.compilers.all())
    blanks = max(0, COMPILERS_MAX - len(compilers))
    return {
        "title": str(control_list),
        "list": control_list,
        "agency": control_list.agency,
        "room": control_list.room,
        "points": list(control_list.points.all()),
        "compilers": compilers + [None] * blanks,
        "leader": control_list.leader,
    }


def list_pdf(control_list: VisualControlList) -> bytes:
    return render_pdf("reports/standards/visual_list.html", list_context(control_list))


def list_xlsx(control_list: VisualControlList) -> bytes:
    context = list_context(control_list)
    heading = [
        _("Перечень точек визуального контроля"),
        _("%(agency)s, помещение %(room)s")
        % {"agency": control_list.agency.full_name, "room": control_list.room},
        _("Дата составления: %(date)s") % {"date": control_list.compiled_on.strftime("%d.%m.%Y")},
    ]
    rows = [
        [p.position, p.shown_category, p.control_point, p.requirement, str(p.checker or "")]
        for p in context["points"]
    ]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Точки контроля"),
                columns=[
                    XlsxColumn(_("№"), 6),
                    XlsxColumn(_("Категория"), 28),
                    XlsxColumn(_("Точка контроля"), 40),
                    XlsxColumn(_("Требования 5S-стандарта"), 50),
                    XlsxColumn(_("Кто проверяет"), 30),
                ],
                rows=rows,
                heading=heading,
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )


def list_filename(control_list: VisualControlList, extension: str) -> str:
    return f"tochki-kontrolya-{control_list.agency_id}-{control_list.pk}.{extension}"
