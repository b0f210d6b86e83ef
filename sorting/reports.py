"""The sorting documents: the red tag (Appendix 1, A5) and the lists of unneeded (Appendix 16)
and rarely-needed (Appendix 17) items, as PDF and XLSX."""

import segno
from django.conf import settings
from django.utils.translation import gettext as _

from core.documents import XlsxColumn, XlsxSheet, build_xlsx, render_pdf
from sorting import selectors
from sorting.choices import TAGS_PER_SHEET, ApprovalRole, EntryKind, ItemCategory, ListKind

# --- Red tag ------------------------------------------------------------------------------------


def tag_url(tag):
    """What the tag's QR code opens: the tag's page in the portal."""
    return settings.PORTAL_BASE_URL.rstrip("/") + tag.get_absolute_url()


def tag_qr(tag):
    return segno.make(tag_url(tag), error="m")


def tag_qr_data_uri(tag):
    # A PNG (not SVG) so that the printed code is a plain image a phone and a test can read.
    return tag_qr(tag).png_data_uri(scale=8, border=2)


def _options(agency_id, cache):
    if agency_id not in cache:
        cache[agency_id] = (
            list(selectors.tag_reasons(agency_id)),
            list(selectors.tag_actions(agency_id)),
        )
    return cache[agency_id]


def tag_context(tag, cache):
    reasons, actions = _options(tag.agency_id, cache)
    return {
        "tag": tag,
        "url": tag_url(tag),
        "qr": tag_qr_data_uri(tag),
        "reasons": [{"text": e.shown_text, "checked": e.pk == tag.reason_id} for e in reasons],
        "actions": [{"text": e.shown_text, "checked": e.pk == tag.action_id} for e in actions],
    }


def tags_pdf(tags, *, batch=False):
    """One A5 tag per page, or (batch) two A5 tags side by side on A4 landscape sheets."""
    cache = {}
    items = [tag_context(tag, cache) for tag in tags]
    sheets = [items[i : i + TAGS_PER_SHEET] for i in range(0, len(items), TAGS_PER_SHEET)]
    return render_pdf(
        "reports/sorting/red_tag.html", {"items": items, "sheets": sheets, "batch": batch}
    )


def tag_filename(tag):
    return f"red-tag-{tag.agency_id}-{tag.number}.pdf"


# --- Lists (Appendices 16, 17) -------------------------------------------------------------------


def _regularity_columns(sorting_list):
    if sorting_list.kind != ListKind.RARELY_NEEDED:
        return []
    return list(
        selectors.classifier_entries(
            agency_id=sorting_list.round.agency_id,
            category=ItemCategory.RARELY_NEEDED,
            kind=EntryKind.REGULARITY,
        )
    )


def _decision_text(line):
    if line.decision_id is None:
        return ""
    parts = [line.decision.shown_text]
    if line.execute_by:
        parts.append(_("срок — %(date)s") % {"date": line.execute_by.strftime("%d.%m.%Y")})
    if line.carried_out_on:
        parts.append(_("исполнено %(date)s") % {"date": line.carried_out_on.strftime("%d.%m.%Y")})
    return "; ".join(parts)


def list_context(sorting_list):
    """Everything the PDF and the XLSX of a list show; the list comes from list_detail()."""
    regularities = _regularity_columns(sorting_list)
    lines = list(sorting_list.lines.all())
    approvals = list(sorting_list.approvals.all())
    rows = [
        {
            "line": line,
            "regularity_marks": ["X" if line.regularity_id == r.pk else "" for r in regularities],
            "decision": _decision_text(line),
        }
        for line in lines
    ]
    blocks = []
    for role in ApprovalRole:
        signed = [a for a in approvals if a.role == role]
        blocks.append({"role": role.label, "approvals": signed})
    title = (
        _("Список «ненужных» предметов")
        if sorting_list.kind == ListKind.UNNEEDED
        else _("Список «ненужных срочно» предметов")
    )
    appendix = 16 if sorting_list.kind == ListKind.UNNEEDED else 17
    return {
        "list": sorting_list,
        "round": sorting_list.round,
        "agency": sorting_list.round.agency,
        "title": title,
        "appendix": appendix,
        "regularities": regularities,
        "rows": rows,
        "blocks": blocks,
        "participants": list(sorting_list.round.participants.all()),
    }


def list_pdf(sorting_list):
    return render_pdf("reports/sorting/item_list.html", list_context(sorting_list))


def list_filename(sorting_list, extension):
    kind = "unneeded" if sorting_list.kind == ListKind.UNNEEDED else "rarely-needed"
    return f"{kind}-items-{sorting_list.round.agency_id}-{sorting_list.round.date_from}.{extension}"


def list_xlsx(sorting_list):
    context = list_context(sorting_list)
    unneeded = sorting_list.kind == ListKind.UNNEEDED
    columns = [
        XlsxColumn(_("№ п/п"), 7, "0"),
        XlsxColumn(_("№ кабинета и Ф.И.О. сотрудника - владельца рабочего места"), 30),
        XlsxColumn(
            _("Наименование «ненужного» предмета")
            if unneeded
            else _("Наименование «ненужного срочно» предмета"),
            36,
        ),
        XlsxColumn(_("Инвентарный №"), 16),
        XlsxColumn(_("Количество"), 11, "0"),
    ]
    columns += [
        XlsxColumn(_("Регулярность использования: %(text)s") % {"text": r.shown_text}, 18)
        for r in context["regularities"]
    ]
    columns += [
        XlsxColumn(_("Ф.И.О., должность сотрудника, принимающего решение"), 32),
        XlsxColumn(_("Решение по дальнейшему использованию"), 40),
        XlsxColumn(_("Срок исполнения решения"), 14, "DD.MM.YYYY"),
        XlsxColumn(_("Решение исполнено"), 14, "DD.MM.YYYY"),
    ]
    rows = []
    for row in context["rows"]:
        line = row["line"]
        rows.append(
            [
                line.position,
                line.room_and_owner,
                line.item_name,
                line.inventory_number,
                line.quantity,
                *row["regularity_marks"],
                line.decider_display,
                line.decision.shown_text if line.decision_id else "",
                line.execute_by,
                line.carried_out_on,
            ]
        )
    round_ = context["round"]
    heading = [
        str(context["title"]),
        _("Дата составления списка (период проведения сортировки): %(period)s")
        % {"period": round_.period_display},
        _("Наименование ОИВ ЯО (СППО): %(name)s") % {"name": context["agency"].full_name},
    ]
    signatures = [
        [_("Сортировку провели"), person.position, person.full_name, None]
        for person in context["participants"]
    ]
    for block in context["blocks"]:
        for approval in block["approvals"]:
            signatures.append(
                [
                    _("СОГЛАСОВАНО: %(role)s") % {"role": block["role"]},
                    approval.position,
                    approval.full_name,
                    approval.agreed_on,
                ]
            )
    return build_xlsx(
        [
            XlsxSheet(title=_("Список"), columns=columns, rows=rows, heading=heading),
            XlsxSheet(
                title=_("Подписи"),
                columns=[
                    XlsxColumn(_("Кто"), 48),
                    XlsxColumn(_("Должность"), 36),
                    XlsxColumn(_("Ф.И.О."), 30),
                    XlsxColumn(_("Дата согласования"), 16, "DD.MM.YYYY"),
                ],
                rows=signatures,
            ),
        ]
    )
