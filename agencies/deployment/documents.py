"""The deployment plan printed as Appendix 10's form (L3573–L3650): the approval block, the
agency, the team, then one row per activity with the step, the activity, 52 week columns grouped
under the months (planned weeks filled yellow, the planned date in its week; done weeks hatched,
L3645–L3647), the executor and the person responsible. A3 landscape PDF (L3630: «на листе
формата А3») and an XLSX workbook in the same layout."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from agencies.deployment import rules
from agencies.deployment.choices import PlanSection
from agencies.deployment.models import DeploymentPlan
from core.documents import neutralise_workbook, render_pdf

PLANNED_FILL = "FFFF00"  # L3645: «заливается жёлтым цветом»


@dataclass(frozen=True)
class GridCell:
    planned: bool
    done: bool
    text: str  # the planned date in the week it falls in (L3645)


@dataclass(frozen=True)
class GridRow:
    step: str
    step_rowspan: int  # 0: the step's cell is above (merged)
    activity: str
    cells: list[GridCell]
    executor: str
    responsible: str
    exceeds: bool


@dataclass(frozen=True)
class PlanGrid:
    plan: DeploymentPlan
    weeks: list[rules.Week]
    months: list[tuple[str, int]]
    rows: list[GridRow]
    leader: str
    members: list[str]


def plan_grid(plan: DeploymentPlan) -> PlanGrid:
    """The grid of a plan whose activities (and team with members) are prefetched."""
    weeks = rules.plan_weeks(plan.starts_on)
    months = [
        (formats.date_format(month, "F Y"), count) for month, count in rules.month_spans(weeks)
    ]
    activities = list(plan.activities.all())
    sections = dict(PlanSection.choices)
    counts: dict[str, int] = {}
    for activity in activities:
        counts[activity.section] = counts.get(activity.section, 0) + 1
    rows = []
    seen: set[str] = set()
    for activity in activities:
        flags = rules.week_cells(
            weeks,
            planned_start=activity.planned_start,
            planned_end=activity.planned_end,
            actual_start=activity.actual_start,
            actual_end=activity.actual_end,
        )
        cells = [
            GridCell(
                planned=planned,
                done=done,
                text=(
                    activity.planned_end.strftime("%d.%m")
                    if activity.planned_end is not None
                    and week.start <= activity.planned_end <= week.end
                    else ""
                ),
            )
            for week, (planned, done) in zip(weeks, flags, strict=True)
        ]
        first = activity.section not in seen
        seen.add(activity.section)
        rows.append(
            GridRow(
                step=str(sections.get(activity.section, activity.section)),
                step_rowspan=counts[activity.section] if first else 0,
                activity=f"{activity.number}. {activity.shown_title}",
                cells=cells,
                executor=activity.executor,
                responsible=activity.responsible,
                exceeds=activity.exceeds_maximum,
            )
        )
    team = plan.team
    leader = f"{team.leader.position}, {team.leader.full_name}" if team is not None else ""
    members = (
        [f"{m.person.position}, {m.person.full_name}" for m in team.memberships.all()]
        if team is not None
        else []
    )
    return PlanGrid(
        plan=plan, weeks=weeks, months=months, rows=rows, leader=leader, members=members
    )


def plan_title(plan: DeploymentPlan) -> str:
    """Appendix 10's heading (L3593–L3595); a joint team's plan names the team and each of its
    СППО (§4.3, L411; L3637 «касается … нескольких СППО»)."""
    joint = plan.joint_agencies
    if joint and plan.team is not None:
        return _(
            "План развёртывания системы 5S в %(agencies)s (совместный план: %(team)s) "
            "на %(year)s год"
        ) % {
            "agencies": "; ".join(agency.full_name for agency in joint),
            "team": plan.team.caption,
            "year": plan.year,
        }
    return _("План развёртывания системы 5S в %(agency)s на %(year)s год") % {
        "agency": plan.agency.full_name,
        "year": plan.year,
    }


def plan_filename(plan: DeploymentPlan, extension: str) -> str:
    return f"deployment-plan-{plan.agency_id}-{plan.year}.{extension}"


def plan_pdf(plan: DeploymentPlan) -> bytes:
    grid = plan_grid(plan)
    return render_pdf(
        "reports/agencies/deployment_plan.html",
        {"grid": grid, "plan": plan, "title": plan_title(plan)},
    )


def plan_xlsx(plan: DeploymentPlan) -> bytes:
    """The same grid as a workbook: fixed columns, months merged over their weeks, planned cells
    filled yellow and done cells hatched, printed on A3 landscape."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    grid = plan_grid(plan)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("План развёртывания")[:31]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin", color="444444")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    planned_fill = PatternFill("solid", fgColor=PLANNED_FILL)
    done_fill = PatternFill("lightUp", fgColor="000000", bgColor=PLANNED_FILL)
    done_unplanned_fill = PatternFill("lightUp", fgColor="000000", bgColor="FFFFFF")
    header_fill = PatternFill("solid", fgColor="E6E6E6")
    weeks = len(grid.weeks)
    first_week_col = 3
    executor_col = first_week_col + weeks
    responsible_col = executor_col + 1

    approver = plan.approver.full_name if plan.approver is not None else ""
    approved = plan.approved_on.strftime("%d.%m.%Y") if plan.approved_on else ""
    heading = [
        _("УТВЕРЖДАЮ"),
        _("(руководитель ОИВ ЯО, заместитель Губернатора области, курирующий СППО)"),
        f"{approver} {approved}".strip(),
        plan_title(plan),
        _("Лидер 5S-команды: %(leader)s") % {"leader": grid.leader},
        _("Члены 5S-команды: %(members)s") % {"members": "; ".join(grid.members)},
    ]
    for index, line in enumerate(heading, start=1):
        cell = sheet.cell(row=index, column=1, value=line)
        cell.font = bold if index in (1, 4) else Font()
    header = len(heading) + 2
    sheet.cell(row=header, column=1, value=_("Наименование шага"))
    sheet.cell(row=header, column=2, value=_("Наименование мероприятия"))
    sheet.cell(row=header, column=executor_col, value=_("Исполнитель"))
    sheet.cell(row=header, column=responsible_col, value=_("Ответственный"))
    for column in (1, 2, executor_col, responsible_col):
        sheet.merge_cells(
            start_row=header, start_column=column, end_row=header + 1, end_column=column
        )
    column = first_week_col
    for name, count in grid.months:
        sheet.cell(row=header, column=column, value=name)
        if count > 1:
            sheet.merge_cells(
                start_row=header, start_column=column, end_row=header, end_column=column + count - 1
            )
        column += count
    for week in grid.weeks:
        sheet.cell(row=header + 1, column=first_week_col + week.number - 1, value=week.number)
    for row in (header, header + 1):
        for col in range(1, responsible_col + 1):
            cell = sheet.cell(row=row, column=col)
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = centre
            cell.border = border
    row_index = header + 2
    for grid_row in grid.rows:
        if grid_row.step_rowspan:
            sheet.cell(row=row_index, column=1, value=grid_row.step)
            if grid_row.step_rowspan > 1:
                sheet.merge_cells(
                    start_row=row_index,
                    start_column=1,
                    end_row=row_index + grid_row.step_rowspan - 1,
                    end_column=1,
                )
        sheet.cell(row=row_index, column=2, value=grid_row.activity)
        for offset, grid_cell in enumerate(grid_row.cells):
            cell = sheet.cell(
                row=row_index, column=first_week_col + offset, value=grid_cell.text or None
            )
            if grid_cell.done:
                cell.fill = done_fill if grid_cell.planned else done_unplanned_fill
            elif grid_cell.planned:
                cell.fill = planned_fill
            cell.alignment = centre
            cell.font = Font(size=7)
        sheet.cell(row=row_index, column=executor_col, value=grid_row.executor)
        sheet.cell(row=row_index, column=responsible_col, value=grid_row.responsible)
        for col in range(1, responsible_col + 1):
            cell = sheet.cell(row=row_index, column=col)
            cell.border = border
            if col in (1, 2, executor_col, responsible_col):
                cell.alignment = wrap
        row_index += 1
    sign = row_index + 1
    sheet.cell(row=sign, column=2, value=_("Лидер 5S-команды"))
    sheet.cell(row=sign, column=first_week_col + 10, value=grid.leader)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 48
    for offset in range(weeks):
        sheet.column_dimensions[get_column_letter(first_week_col + offset)].width = 4.2
    sheet.column_dimensions[get_column_letter(executor_col)].width = 30
    sheet.column_dimensions[get_column_letter(responsible_col)].width = 24
    sheet.freeze_panes = sheet.cell(row=header + 2, column=first_week_col)
    neutralise_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
