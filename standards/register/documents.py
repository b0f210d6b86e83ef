"""Printable forms of the register: Appendix 29 «Перечень 5S-стандартов» (PDF and XLSX, its
columns and the leader's signature block) and Appendix 26, the daily checklist, one A4 page for
every employee (L1189)."""

import datetime

from django.utils.translation import gettext as _

from agencies.models import Agency
from core.documents import XlsxColumn, XlsxSheet, build_xlsx, render_pdf
from standards.register import selectors
from standards.register.models import DailyChecklist


def _register_rows(agency: Agency):
    return list(agency.standards.select_related("kind").order_by("kind__order", "title", "pk"))


def register_pdf(*, agency: Agency, today: datetime.date) -> bytes:
    return render_pdf(
        "reports/standards/register.html",
        {
            "title": _("Перечень 5S-стандартов"),
            "agency": agency,
            "today": today,
            "standards": _register_rows(agency),
        },
    )


def register_xlsx(*, agency: Agency, today: datetime.date) -> bytes:
    rows = [
        [i, s.title, s.purpose, s.problems] for i, s in enumerate(_register_rows(agency), start=1)
    ]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Перечень 5S-стандартов"),
                heading=[
                    _("Перечень 5S-стандартов"),
                    agency.full_name,
                    _("Дата подготовки перечня: %(date)s") % {"date": today.strftime("%d.%m.%Y")},
                ],
                columns=[
                    XlsxColumn(_("№ п/п"), 8),
                    XlsxColumn(_("Наименование 5S-стандарта"), 50),
                    XlsxColumn(_("Назначение 5S-стандарта"), 50),
                    XlsxColumn(_("Проблемы при разработке"), 50),
                ],
                rows=rows,
            )
        ]
    )


def checklist_pdf(*, checklist: DailyChecklist) -> bytes:
    """Appendix 26 for every employee of the agency: one A4 page each, the owner's name filled
    in (L1189: «каждый сотрудник … должен быть обеспечен контрольным листом»)."""
    people = selectors.people_for_checklist(agency=checklist.agency) or [""]
    return render_pdf(
        "reports/standards/daily_checklist.html",
        {
            "title": _("Контрольный лист для ежедневного применения 5S (5S-пятиминутки)"),
            "checklist": checklist,
            "items": list(checklist.items.all()),
            "people": people,
        },
    )
