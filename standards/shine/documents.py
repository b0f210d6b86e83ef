"""The printable forms of step 3 (A4, the appendix's columns and signature blocks) and their
XLSX tables: the analyses (Appendix 20 with the Appendix 19 checklist; Appendix 23), the
cleaning-inspection plan (Appendix 24, one copy per room, L1015), the cleaning schedule
(Appendix 25) and the contamination classifier (Appendix 22)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf
from standards.shine.choices import APPENDIX_19_SECTIONS, AnalysisKind, SignRole
from standards.shine.models import (
    CleaningAnalysis,
    CleaningPlan,
    CleaningSchedule,
    ContaminationType,
)
from standards.stock.documents import initials_and_surname


def _signature(form: Any, role: str) -> dict[str, Any]:
    signed = {s.role: s for s in form.signatures.all()}.get(role)
    person = signed.person if signed else None
    return {
        "label": SignRole(role).label,
        "signed": signed,
        "person": person,
        "name": initials_and_surname(person.full_name) if person else "",
    }


def _named(form: Any, role: str, person: Any) -> dict[str, Any]:
    """A signature block with the person the form names, signed or not."""
    block = _signature(form, role)
    if block["person"] is None and person is not None:
        block["person"] = person
        block["name"] = initials_and_surname(person.full_name)
    return block


def _people(people: Iterable[Any]) -> list[dict[str, str]]:
    return [{"position": p.position, "name": initials_and_surname(p.full_name)} for p in people]


def analysis_context(analysis: CleaningAnalysis) -> dict[str, Any]:
    return {
        "title": str(analysis),
        "analysis": analysis,
        "agency": analysis.agency,
        "cleaning": analysis.kind == AnalysisKind.CLEANING_PLACES,
        "rows": list(analysis.rows.all()),
        "analysts": _people(analysis.analysts.all()),
        "leader": _named(analysis, SignRole.LEADER, analysis.leader),
        "housekeeping": _named(analysis, SignRole.HOUSEKEEPING, analysis.housekeeping),
        "controller": (
            {
                "position": analysis.controller.position,
                "name": initials_and_surname(analysis.controller.full_name),
            }
            if analysis.controller
            else None
        ),
        "appendix_19": APPENDIX_19_SECTIONS,
    }


def analysis_pdf(analysis: CleaningAnalysis) -> bytes:
    return render_pdf("reports/standards/shine_analysis.html", analysis_context(analysis))


def analysis_filename(analysis: CleaningAnalysis, ext: str = "pdf") -> str:
    return f"analiz-{analysis.appendix}-{analysis.pk}.{ext}"


def analysis_xlsx(analysis: CleaningAnalysis) -> bytes:
    cleaning = analysis.kind == AnalysisKind.CLEANING_PLACES
    if cleaning:
        columns = [
            XlsxColumn(_("№ п/п"), 6),
            XlsxColumn(_("№ каб."), 10),
            XlsxColumn(_("Наименование места"), 26),
            XlsxColumn(_("Вид загрязнения (беспорядка)"), 18),
            XlsxColumn(_("Причина появления загрязнения (беспорядка)"), 28),
            XlsxColumn(_("Наименование мероприятия по устранению причины (проведению уборки)"), 32),
            XlsxColumn(_("Плановая дата выполнения мероприятия"), 14, "DD.MM.YYYY"),
            XlsxColumn(_("Фактическая дата выполнения мероприятия"), 14, "DD.MM.YYYY"),
            XlsxColumn(_("Ответственный исполнитель"), 24),
        ]
        rows = [
            [
                r.position,
                r.room.name,
                r.place,
                r.contamination.shown_name if r.contamination else "",
                r.cause,
                r.action,
                r.planned_on,
                r.done_on,
                r.responsible,
            ]
            for r in analysis.rows.all()
        ]
    else:
        columns = [
            XlsxColumn(_("№ п/п"), 6),
            XlsxColumn(_("№ каб."), 10),
            XlsxColumn(_("Наименование места"), 30),
            XlsxColumn(_("Причина труднодоступности"), 34),
            XlsxColumn(_("Предложения по устранению причины/ проведению уборки"), 40),
        ]
        rows = [[r.position, r.room.name, r.place, r.cause, r.action] for r in analysis.rows.all()]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Приложение %(n)s") % {"n": analysis.appendix},
                heading=[
                    analysis.get_kind_display(),
                    _("Дата: %(date)s") % {"date": analysis.date.strftime("%d.%m.%Y")},
                    _("Наименование ОИВ ЯО (СППО): %(name)s") % {"name": analysis.agency.full_name},
                ],
                columns=columns,
                rows=rows,
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )


def plan_context(plan: CleaningPlan) -> dict[str, Any]:
    rooms = list(plan.rooms.all())
    head = plan.agency.head
    return {
        "title": str(plan),
        "plan": plan,
        "agency": plan.agency,
        "rooms": rooms,
        "room_names": ", ".join(r.name for r in rooms),
        # L1015: a copy of the plan to every room and part of the workspace it covers.
        "copies": rooms or [None],
        "rows": list(plan.rows.all()),
        "compilers": _people(plan.compilers.all()),
        "head": _named(plan, SignRole.HEAD, head),
        "leader": _named(plan, SignRole.LEADER, plan.leader),
        "housekeeping": _named(plan, SignRole.HOUSEKEEPING, plan.housekeeping),
        "inventory": _named(plan, SignRole.INVENTORY, plan.inventory_officer),
    }


def plan_pdf(plan: CleaningPlan) -> bytes:
    return render_pdf("reports/standards/shine_plan.html", plan_context(plan))


def plan_filename(plan: CleaningPlan, ext: str = "pdf") -> str:
    return f"plan-uborki-{plan.agency_id}-{plan.pk}.{ext}"


def plan_xlsx(plan: CleaningPlan) -> bytes:
    return build_xlsx(
        [
            XlsxSheet(
                title=_("План уборки-проверки"),
                heading=[
                    _("План уборки-проверки"),
                    _("Наименование отдела ОИВ ЯО (СППО): %(name)s")
                    % {
                        "name": ", ".join(x for x in (plan.department, plan.agency.short_name) if x)
                    },
                    _("№ кабинета(ов): %(rooms)s")
                    % {"rooms": ", ".join(r.name for r in plan.rooms.all())},
                ],
                columns=[
                    XlsxColumn(_("№ п/п"), 6),
                    XlsxColumn(_("Наименование мероприятия"), 32),
                    XlsxColumn(_("Периодичность уборки"), 16),
                    XlsxColumn(_("Время уборки"), 14),
                    XlsxColumn(_("Необходимый инвентарь"), 22),
                    XlsxColumn(_("Ф.И.О. ответственного"), 24),
                    XlsxColumn(_("Меры безопасности"), 36),
                ],
                rows=[
                    [
                        r.position,
                        r.activity,
                        r.frequency,
                        f"{r.time_from:%H.%M} – {r.time_to:%H.%M}",
                        r.equipment,
                        r.responsible,
                        r.safety,
                    ]
                    for r in plan.rows.all()
                ],
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )


def quarters_label(schedule: CleaningSchedule) -> str:
    """«на I–II квартал(ы) 2026 года» of Appendix 25's title."""
    start, end = schedule.period_start, schedule.period_end
    first = (start.month - 1) // 3 + 1
    last = (end.month - 1) // 3 + 1 + 4 * (end.year - start.year)
    names = ["I", "II", "III", "IV"]
    if last == first:
        return f"{names[first - 1]} {start.year}"
    if end.year == start.year:
        return f"{names[first - 1]}–{names[last - 1]} {start.year}"
    return f"{names[first - 1]} {start.year} – {names[(last - 1) % 4]} {end.year}"


def schedule_context(schedule: CleaningSchedule) -> dict[str, Any]:
    return {
        "title": str(schedule),
        "schedule": schedule,
        "agency": schedule.agency,
        "quarters": quarters_label(schedule),
        "rows": [{"row": r, "dates": list(r.dates.all())} for r in schedule.rows.all()],
        "signer": _named(schedule, SignRole.DEPARTMENT_HEAD, schedule.department_head),
    }


def schedule_pdf(schedule: CleaningSchedule) -> bytes:
    return render_pdf("reports/standards/shine_schedule.html", schedule_context(schedule))


def schedule_filename(schedule: CleaningSchedule, ext: str = "pdf") -> str:
    return f"grafik-uborki-{schedule.room_id}-{schedule.pk}.{ext}"


def _dates(dates: Iterable[Any], attribute: str) -> str:
    return ", ".join(
        getattr(d, attribute).strftime("%d.%m.%Y") for d in dates if getattr(d, attribute)
    )


def schedules_xlsx(schedules: Iterable[CleaningSchedule]) -> bytes:
    """Appendix 25 as a table (note 6 allows an Excel template): one row per work of each
    schedule with its planned dates and the actual ones."""
    rows = [
        [
            s.agency.short_name,
            s.department,
            s.room.name,
            f"{s.period_start:%d.%m.%Y} – {s.period_end:%d.%m.%Y}",
            r.work,
            r.frequency,
            _dates(r.dates.all(), "planned_on"),
            _dates(r.dates.all(), "done_on"),
        ]
        for s in schedules
        for r in s.rows.all()
    ]
    return build_xlsx(
        [
            XlsxSheet(
                title=_("График уборки"),
                heading=[_("Примерный график уборки")],
                columns=[
                    XlsxColumn(_("ОИВ ЯО / СППО"), 22),
                    XlsxColumn(_("Наименование отдела ОИВ ЯО (СППО)"), 22),
                    XlsxColumn(_("№ кабинета (части рабочего пространства)"), 14),
                    XlsxColumn(_("Период"), 22),
                    XlsxColumn(_("Содержание работ"), 32),
                    XlsxColumn(_("Периодичность уборки"), 16),
                    XlsxColumn(_("Даты проведения работ"), 36),
                    XlsxColumn(_("Фактические даты"), 36),
                ],
                rows=rows,
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )


def classifier_xlsx(types: Iterable[ContaminationType]) -> bytes:
    return build_xlsx(
        [
            XlsxSheet(
                title=_("Классификатор"),
                heading=[_("Примерный классификатор загрязнений (беспорядка)")],
                columns=[
                    XlsxColumn(_("Вид загрязнения (беспорядка)"), 22),
                    XlsxColumn(_("Наименование места"), 44),
                    XlsxColumn(_("Вариант дальнейших действий"), 44),
                    XlsxColumn(_("ОИВ ЯО / СППО"), 22),
                ],
                rows=[
                    [
                        t.shown_name,
                        t.shown_places,
                        t.shown_actions,
                        t.agency.short_name if t.agency else _("приложение 22"),
                    ]
                    for t in types
                ],
                print_layout=XlsxPrintLayout(orientation="landscape"),
            )
        ]
    )
