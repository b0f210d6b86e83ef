"""What the generated documents contain: Appendix 12 (the final score sheet of one audit) and
Appendix 13 (the summary report as of a month), each as PDF and XLSX.

The numbers come from the selectors (audits.selectors.final_sheet_data for a final sheet,
reports.selectors.summary_rows for a summary); the file plumbing is core.documents."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.final_sheet import CriterionRow
from audits.selectors import final_sheet_data
from core.documents import XlsxColumn, XlsxPrintLayout, XlsxSheet, build_xlsx, render_pdf
from core.exceptions import ApplicationError
from core.formatting import format_number
from core.long_table_pdf import Column, LongTable, Span, render_long_table_pdf
from core.periods import format_month
from reports import selectors
from reports.choices import DocumentFormat, DocumentKind
from reports.periods import month_label

SCORE_FORMAT = "0.00"
CHANGE_FORMAT = "+0.00;-0.00;0.00"
DATE_FORMAT = "DD.MM.YYYY"


def _date(value):
    return value.strftime("%d.%m.%Y") if value else ""


# --- Appendix 12 ---------------------------------------------------------------------------------


def final_sheet_context(audit):
    data = final_sheet_data(audit)
    return {
        "data": data,
        "auditors": data.auditors,
        # Each step with its lines: the criterion and the note on where its value comes from.
        "steps": [(step, [(row, _decision_text(row)) for row in step.rows]) for step in data.steps],
        "decisions": [row for row in data.criteria.values() if row.decided is not None],
        "voters": data.voters,
        # Appendix 12's column-number row: step, criterion, one per auditor, mean, notes.
        "column_numbers": list(range(1, len(data.auditors) + 5)),
        "generated_at": timezone.localtime(),
        "title": _("Итоговый оценочный лист состояния рабочего пространства"),
        "footer": f"{data.audit.agency}, {data.audit.date:%d.%m.%Y}",
    }


def _decision_text(row: CriterionRow) -> str:
    external = row.external
    if external and external.get("month"):
        # Appendix 12 note (3), L3817: the month of the IT department's record it used.
        return (
            _(
                "по данным департамента информатизации и связи за %(month)s "
                "(соответствуют ИТ-стандарту %(compliant)s из %(workplaces)s рабочих мест)"
            )
            % external
        )
    if external:
        return _("по данным департамента информатизации и связи")
    if row.missing_external:
        return _("нет данных департамента информатизации и связи")
    if row.decided is not None:
        return _("коллегиальное решение: %(score)s") % {"score": row.decided}
    return ""


def final_sheet_pdf(audit) -> bytes:
    return render_pdf("reports/audits/final_sheet.html", final_sheet_context(audit))


def final_sheet_xlsx(audit) -> bytes:
    context = final_sheet_context(audit)
    data, auditors = context["data"], context["auditors"]
    heading = [
        str(context["title"]),
        f"{data.audit.agency_full_name}",
        _("Дата проведения аудита: %(date)s") % {"date": _date(data.audit.date)},
    ]
    score_columns = [
        XlsxColumn(_("Шаг"), 6, "0"),
        XlsxColumn(_("Номер критерия"), 10),
        XlsxColumn(_("Критерий оценки"), 50),
        *[XlsxColumn(a.name, 16, "0") for a in auditors],
        XlsxColumn(_("Средняя оценка"), 12, SCORE_FORMAT),
        XlsxColumn(_("Итоговое значение"), 12, SCORE_FORMAT),
        XlsxColumn(_("Решение"), 30),
        XlsxColumn(_("Примечания"), 60),
    ]
    score_rows = []
    for _step, lines in context["steps"]:
        for row, decision_text in lines:
            score_rows.append(
                [
                    row.step,
                    row.code,
                    row.title,
                    *row.auditor_scores,
                    row.mean,
                    row.value if row.applicable else None,
                    decision_text or row.reason_label,
                    row.remarks_text,
                ]
            )
    step_rows = [
        [step.number, step.name, step.value if step.completed else None] for step in data.steps
    ]
    step_rows.append([None, _("Общая оценка ОИВ ЯО или СППО"), data.overall])
    decision_rows = [
        [row.code, row.mean, row.decided, *[vote for _voter, vote in row.ballot]]
        for row in context["decisions"]
    ]
    signature = data.signature
    signature_rows = [
        [_("Руководитель рабочей группы"), signature.name if signature else ""],
        [_("Дата подписания"), signature.date if signature else None],
        [_("Срок направления копии лидеру 5S-команды"), data.copy_due],
    ]
    return build_xlsx(
        [
            _final_sheet_form(context),
            XlsxSheet(_("Оценки"), score_columns, score_rows, heading),
            XlsxSheet(
                _("Средние оценки шагов"),
                [
                    XlsxColumn(_("Шаг"), 6, "0"),
                    XlsxColumn(_("Наименование шага"), 40),
                    XlsxColumn(_("Средняя оценка"), 14, SCORE_FORMAT),
                ],
                step_rows,
            ),
            XlsxSheet(
                _("Коллегиальные решения"),
                [
                    XlsxColumn(_("Номер критерия"), 10),
                    XlsxColumn(_("Средняя оценка"), 12, SCORE_FORMAT),
                    XlsxColumn(_("Итоговая оценка"), 12, "0"),
                    *[XlsxColumn(a.name, 16, "0") for a in auditors],
                ],
                decision_rows,
            ),
            XlsxSheet(
                _("Подписание"),
                [XlsxColumn(_("Реквизит"), 40), XlsxColumn(_("Значение"), 30, DATE_FORMAT)],
                signature_rows,
            ),
        ]
    )


def _final_sheet_form(context) -> XlsxSheet:
    """Appendix 12 laid out as the form (seed 003, the final sheet's table: step, criterion, one
    column per auditor, mean, notes; each step's mean, the overall score, the signature) on one
    printable first sheet — A4 landscape fitted to the width, titles repeated — with its scores
    as numeric cells (issue 17, item 9). The data sheets that follow are unchanged."""
    data, auditors = context["data"], context["auditors"]
    heading = [
        str(_("Приложение 12 к Методическим рекомендациям")),
        str(context["title"]),
        data.audit.agency_full_name,
        _("Дата проведения аудита: %(date)s") % {"date": _date(data.audit.date)},
    ]
    columns = [
        XlsxColumn(_("Шаг системы 5S"), 24),
        XlsxColumn(_("Номер критерия оценки"), 10),
        *[XlsxColumn(a.name, 14, "0") for a in auditors],
        XlsxColumn(_("Средняя оценка"), 11, SCORE_FORMAT),
        XlsxColumn(_("Примечания"), 60),
    ]
    blanks = [None] * len(auditors)
    rows: list[list] = []
    for step, lines in context["steps"]:
        for index, (row, decision_text) in enumerate(lines):
            note = decision_text or (row.reason_label if not row.applicable else "")
            rows.append(
                [
                    _("Шаг %(number)s. %(name)s") % {"number": step.number, "name": step.name}
                    if index == 0
                    else None,
                    row.code,
                    *row.auditor_scores,
                    row.value if row.applicable else None,
                    "; ".join(text for text in (note, row.remarks_text) if text) or None,
                ]
            )
        rows.append(
            [
                _("Средняя оценка шага %(number)s") % {"number": step.number},
                None,
                *blanks,
                step.value if step.completed else None,
                None if step.completed else _("шаг не завершён"),
            ]
        )
    rows.append([_("Общая оценка ОИВ ЯО или СППО"), None, *blanks, data.overall, None])
    signature = data.signature
    rows.append([None] * (len(auditors) + 4))
    rows.append(
        [
            _("Руководитель рабочей группы"),
            None,
            *blanks,
            None,
            f"{signature.name}, {_date(signature.date)}" if signature else "",
        ]
    )
    return XlsxSheet(_("Приложение 12"), columns, rows, heading, print_layout=XlsxPrintLayout())


# --- Appendix 13 ---------------------------------------------------------------------------------

FORM_NOTE_13 = gettext_lazy("Приложение 13 к Методическим рекомендациям")


def summary_title(month):
    return _(
        "Сводный отчет по результатам аудита оценки состояния рабочего пространства "
        "в ОИВ ЯО или СППО по состоянию на %(month)s"
    ) % {"month": month_label(month)}


def summary_pdf(month) -> bytes:
    """Appendix 13 as printed (seed 003, L3819–3850): the form's note, the title with the month,
    one row per agency (number, name, audit date, steps completed, overall score, its change
    since the previous period), A4 landscape with the column titles on every page.

    Drawn by core.long_table_pdf, not WeasyPrint (issue 18, item 5): the region's table is the
    one document whose length grows with the agencies, and WeasyPrint's whole-document layout
    took 4.5 s for 1,000 rows and 1.3 GB for 10,000 (README «Scale benchmark»)."""
    rows = selectors.summary_rows(month=month)
    title = summary_title(month)
    return render_long_table_pdf(
        LongTable(
            title=title,
            form_note=str(FORM_NOTE_13),
            columns=[
                Column("№", 5, "right"),
                Column(_("Наименование ОИВ ЯО (СППО)"), 43),
                Column(_("Дата проведения аудита"), 13, "right"),
                Column(_("Количество пройденных шагов"), 12, "right"),
                Column(_("Общая оценка"), 10, "right"),
                Column(
                    _("Динамика общей оценки (в баллах) по сравнению с предыдущим периодом"),
                    17,
                    "right",
                ),
            ],
            rows=(
                [
                    str(number),
                    row.agency_name,
                    _date(row.audit_date),
                    str(row.completed_steps),
                    format_number(row.overall, "score"),
                    _signed_change(row.change),
                ]
                if row.signed
                else [str(number), row.agency_name, Span(row.note)]
                for number, row in enumerate(rows, start=1)
            ),
            empty_text=_("Нет подписанных итоговых оценочных листов на эту дату."),
            closing=_("Сформировано: %(moment)s")
            % {"moment": timezone.localtime().strftime("%d.%m.%Y %H:%M")},
            page_label=_("Страница %(page)s из %(pages)s"),
        )
    )


def _signed_change(change) -> str:
    """«+0,35» for a rise, as the summary page shows it; «—» in an agency's first month."""
    shown = format_number(change, "score")
    return f"+{shown}" if change is not None and change > 0 else shown


def summary_xlsx(month) -> bytes:
    """Appendix 13 on the first sheet: the form's note and title, then one row per agency with
    the scores as numeric cells; printed on A4 landscape, fitted to the page's width, with the
    heading and the column titles repeated on every page."""
    rows = selectors.summary_rows(month=month)
    columns = [
        XlsxColumn(_("Наименование ОИВ ЯО (СППО)"), 50),
        XlsxColumn(_("Дата проведения аудита"), 14, DATE_FORMAT),
        XlsxColumn(_("Количество пройденных шагов"), 14, "0"),
        XlsxColumn(_("Общая оценка"), 12, SCORE_FORMAT),
        XlsxColumn(
            _("Динамика общей оценки (в баллах) по сравнению с предыдущим периодом"),
            22,
            CHANGE_FORMAT,
        ),
        XlsxColumn(_("Примечание"), 26),
    ]
    body = (
        [
            row.agency_name,
            row.audit_date,
            row.completed_steps,
            row.overall,
            row.change,
            row.note,
        ]
        for row in rows
    )
    heading = [str(FORM_NOTE_13), summary_title(month)]
    return build_xlsx(
        [XlsxSheet(_("Сводный отчёт"), columns, body, heading, print_layout=XlsxPrintLayout())]
    )


# --- dispatch ------------------------------------------------------------------------------------

RENDERERS = {
    (DocumentKind.FINAL_SHEET, DocumentFormat.PDF): final_sheet_pdf,
    (DocumentKind.FINAL_SHEET, DocumentFormat.XLSX): final_sheet_xlsx,
    (DocumentKind.SUMMARY, DocumentFormat.PDF): summary_pdf,
    (DocumentKind.SUMMARY, DocumentFormat.XLSX): summary_xlsx,
}


def file_name(document) -> str:
    if document.kind == DocumentKind.SUMMARY:
        stem = f"summary-{format_month(document.month)}"
    else:
        stem = f"final-sheet-audit-{document.audit_id}"
    return f"{stem}.{document.format}"


def render(document) -> bytes:
    """The file of `document`, rendered from its parameters. A subject that is gone is an
    expected failure (ApplicationError), recorded on the document as is."""
    renderer = RENDERERS[(document.kind, document.format)]
    if document.kind == DocumentKind.FINAL_SHEET:
        if document.audit is None:
            raise ApplicationError(_("Аудит, по которому заказан итоговый лист, удалён."))
        return renderer(document.audit)
    if document.month is None:
        raise ApplicationError(_("Не указан отчётный месяц."))
    return renderer(document.month)
