"""HTML views of the audits app: thin — parse input, call a service or selector, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency, Person, Room, WorkingGroupMembership
from agencies.people import person_of
from agencies.permissions import visible_agencies
from agencies.selectors import working_group_current
from audits import offline, permissions, selectors, services
from audits.choices import INTERNAL_AUDIT_STEPS, SCORES, STEP_NAMES, XLSX_UPLOAD_MAX_BYTES
from audits.evidence import audit_evidence
from audits.filters import AuditFilter, PlanFilter
from audits.forms import (
    ActionFormSet,
    AuditPlanForm,
    AuditRescheduleForm,
    PhotoForm,
    RoomForm,
    XlsxUploadForm,
)
from audits.itdata.permissions import can_enter_it_data
from audits.models import Photo
from core import calendar, idempotency
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response, render_pdf
from core.exceptions import ApplicationError
from core.forms import add_grid_error, choose_among
from core.idempotency import idempotent_form
from core.views import selected_or_404

PAGE_SIZE = 50  # audits per page of the external audit list, like the other portal lists


def _require_role(request):
    if not permissions.can_view_audits_section(request.user):
        raise PermissionDenied


# The longest number a score, a step or an id of a form may be typed as; longer text is left
# as text for the service to refuse (int() of 5,000 digits, or of «²», raised a server error).
NUMBER_MAX_DIGITS = 18


def _small_int(raw: str):
    """A whole number typed in a form cell as an int, anything else unchanged (the service
    names it as a bad value next to its cell)."""
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= NUMBER_MAX_DIGITS:
        return int(raw)
    return raw


def _id_or_none(raw: str):
    value = _small_int(raw)
    return value if isinstance(value, int) else None


PHOTOS_PER_PAGE = 60  # thumbnails of a photo report page, newest first
PLANS_ON_AUDIT_LIST = 10  # the newest; the plan list page has them all


def _filtered_page(request, filterset_class, selector):
    """A list page: the list's FilterSet (the API's too) as the form above it, its agency a
    choice among the agencies the user may see, and the selector's rows, paged. An invalid
    filter (a hand-edited URL) shows its error beside the field above the unfiltered list."""
    form = filterset_class(request.GET or None).form
    choose_among(form, "agency", visible_agencies(request.user).values_list("pk", "short_name"))
    valid = form.is_valid()
    rows = selector(user=request.user, filters=request.GET if valid else None)
    return form, Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def audit_list(request):
    _require_role(request)
    filter_form, page = _filtered_page(request, AuditFilter, selectors.audit_list)
    can_plan = permissions.can_plan_audit(request.user)
    plans = list(selectors.plan_list(user=request.user)[: PLANS_ON_AUDIT_LIST + 1])
    return render(
        request,
        "audits/audit_list.html",
        {
            "audits": page,
            "page": page,
            "filter_form": filter_form,
            "can_plan": can_plan,
            "overdue": selectors.overdue_agencies() if can_plan else [],
            "plans": plans[:PLANS_ON_AUDIT_LIST],
            "more_plans": len(plans) > PLANS_ON_AUDIT_LIST,
            "today": calendar.today(),
        },
    )


@login_required
def plan_list(request):
    _require_role(request)
    filter_form, page = _filtered_page(request, PlanFilter, selectors.plan_list)
    return render(
        request,
        "audits/plan_list.html",
        {"plans": page, "page": page, "filter_form": filter_form},
    )


def _group_members():
    group = working_group_current()
    member_ids = WorkingGroupMembership.objects.filter(group=group).values("person_id")
    return Person.objects.filter(pk__in=member_ids).select_related("agency").order_by("full_name")


def _plan_form(request):
    members = _group_members()
    agencies = visible_agencies(request.user).order_by("short_name")
    return AuditPlanForm(
        request.POST or None,
        agencies=agencies,
        members=members,
        initial={"agency": request.GET.get("agency")},
    )


@login_required
@idempotent_form
def audit_plan(request):
    if not permissions.can_plan_audit(request.user):
        raise PermissionDenied
    form = _plan_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit = services.audit_plan(
                actor=request.user,
                agency=data["agency"],
                date=data["date"],
                time=data["time"],
                auditors=list(data["auditors"]),
                completed_steps=data["completed_steps"] or None,
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            if audit.date < calendar.today():
                messages.success(request, _("Аудит, проведённый на бумаге, внесён в портал."))
            else:
                messages.success(
                    request,
                    _("Аудит запланирован; руководителю ОИВ ЯО / СППО направлено уведомление."),
                )
            return redirect(audit)
    return render(request, "audits/audit_plan.html", {"form": form})


def _if_visible(user, plan):
    """The audit's corrective-action plan, or None when there is none or the user may not see
    it (a draft plan stays with its agency)."""
    if plan is None or not permissions.visible_plans(user).filter(pk=plan.pk).exists():
        return None
    return plan


@login_required
def audit_detail(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    sheets = list(audit.sheets.all())
    plan = selectors.plan_for_audit(audit)
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "sheets": [
                {"sheet": s, "can_view": permissions.can_view_sheet(request.user, s)}
                for s in sheets
            ],
            "can_manage": permissions.can_manage_audit(request.user, audit),
            "can_view_final": permissions.can_view_final_sheet(request.user, audit),
            **_it_standard_context(request.user, audit),
            "open_actions": selectors.open_actions(agency_id=audit.agency_id, before=audit.date),
            "plan": _if_visible(request.user, plan),
            "today": calendar.today(),
        },
    )


@login_required
def audit_reschedule(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    if not permissions.can_manage_audit(request.user, audit):
        raise PermissionDenied
    form = AuditRescheduleForm(
        request.POST or None,
        members=_group_members(),
        initial={
            "date": audit.date,
            "time": audit.time,
            "completed_steps": audit.completed_steps,
            "auditors": [sheet.auditor for sheet in audit.sheets.all()],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_reschedule(
                actor=request.user,
                audit=audit,
                date=form.cleaned_data["date"],
                time=form.cleaned_data["time"],
                auditors=list(form.cleaned_data["auditors"]),
                completed_steps=form.cleaned_data["completed_steps"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Изменения аудита сохранены."))
            return redirect(audit)
    return render(request, "audits/audit_reschedule.html", {"form": form, "audit": audit})


def _it_standard_context(user, audit):
    """Criterion 4.3 on the audit's page: the IT department's record its final sheet uses."""
    source = selectors.it_source(audit, getattr(audit, "final_sheet", None))
    return {
        "it_standard": source.record,
        "it_missing_month": source.missing_month,
        "it_scored_by_auditors": source.scored_by_auditors,
        "can_enter_it_data": can_enter_it_data(user),
    }


def _sheet_or_404(request, pk, person_id):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    sheet = next((s for s in audit.sheets.all() if s.auditor_id == person_id), None)
    if sheet is None:
        raise Http404
    if not permissions.can_view_sheet(request.user, sheet):
        raise PermissionDenied
    sheet.audit = audit
    return sheet


def _group_by_step(rows):
    steps = []
    for row in rows:
        if not steps or steps[-1]["number"] != row["step"]:
            steps.append({"number": row["step"], "name": STEP_NAMES[row["step"]], "rows": []})
        steps[-1]["rows"].append(row)
    return steps


@login_required
def sheet(request, pk, person_id):
    sheet = _sheet_or_404(request, pk, person_id)
    can_edit = permissions.can_edit_sheet(request.user, sheet)
    errors = {}
    rows = selectors.sheet_rows(sheet)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        scores = {}
        notes = {}
        for row in rows:
            raw = request.POST.get(f"score-{row['code']}", "").strip()
            if raw:
                scores[row["code"]] = _small_int(raw)
            notes[row["code"]] = request.POST.get(f"note-{row['code']}", "")
        try:
            services.sheet_save(actor=request.user, sheet=sheet, scores=scores, notes=notes)
            if "submit" in request.POST:
                services.sheet_submit(actor=request.user, sheet=sheet)
        except ApplicationError as error:
            messages.error(request, error.message)
            errors = error.details
            for row in rows:  # show what was sent, so nothing typed is lost
                row["score"] = scores.get(row["code"])
                row["note"] = notes.get(row["code"], row["note"])
        else:
            if "submit" in request.POST:
                messages.success(request, _("Оценочный лист сдан руководителю рабочей группы."))
                return redirect(sheet.audit)
            messages.success(request, _("Черновик оценочного листа сохранён."))
            return redirect(sheet)
    # The agency's records for each criterion (core.evidence): one query per record kind.
    evidence_by_code = {ev.code: ev for ev in audit_evidence(sheet.audit)}
    for row in rows:
        row["error"] = errors.get(row["code"], "")
        row["evidence"] = evidence_by_code.get(row["code"])
    return render(
        request,
        "audits/sheet.html",
        {
            "sheet": sheet,
            "audit": sheet.audit,
            "steps": _group_by_step(rows),
            "can_edit": can_edit,
            "can_withdraw": permissions.can_withdraw_sheet(request.user, sheet),
            "scores": SCORES,
            "upload_form": XlsxUploadForm(),
        },
    )


@login_required
@require_POST
def sheet_withdraw(request, pk, person_id):
    """«Отозвать лист» (issue 17): back to the draft until a decision or the signature."""
    sheet = _sheet_or_404(request, pk, person_id)
    try:
        services.sheet_withdraw(actor=request.user, sheet=sheet)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Оценочный лист отозван: он снова черновик."))
    return redirect(sheet)


@login_required
def sheet_xlsx(request, pk, person_id):
    sheet = _sheet_or_404(request, pk, person_id)
    return file_response(
        offline.sheet_workbook(sheet), XLSX_CONTENT_TYPE, offline.sheet_filename(sheet)
    )


@login_required
@require_POST
def sheet_upload(request, pk, person_id):
    sheet = _sheet_or_404(request, pk, person_id)
    form = XlsxUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Выберите файл XLSX."))
        return redirect(sheet)
    try:
        offline.sheet_upload(
            actor=request.user,
            sheet=sheet,
            content=form.cleaned_data["file"].read(XLSX_UPLOAD_MAX_BYTES + 1),
        )
    except ApplicationError as error:
        return render(
            request,
            "audits/upload_errors.html",
            {"sheet": sheet, "error": error, "cells": error.details.items()},
            status=400,
        )
    messages.success(request, _("Оценочный лист загружен из файла и сохранён как черновик."))
    return redirect(sheet)


@login_required
def final_sheet(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    if not permissions.can_view_final_sheet(request.user, audit):
        raise PermissionDenied
    data = selectors.final_sheet_data(audit)
    plan = selectors.plan_for_audit(audit)
    return render(
        request,
        "audits/final_sheet.html",
        {
            "audit": audit,
            "data": data,
            "can_manage": permissions.can_manage_audit(request.user, audit),
            "plan": _if_visible(request.user, plan),
            "can_create_plan": plan is None and permissions.can_create_plan(request.user, audit),
            "scores": SCORES,
            "score_changes": selectors.score_changes(user=request.user, audit=audit),
            "can_enter_it_data": can_enter_it_data(request.user),
        },
    )


@login_required
@require_POST
def decision(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    code = request.POST.get("criterion", "")
    votes = {}
    for key, value in request.POST.items():
        if key.startswith("vote-") and value:
            votes[key.removeprefix("vote-")] = _small_int(value)
    try:
        services.decision_record(actor=request.user, audit=audit, criterion_code=code, votes=votes)
    except ApplicationError as error:
        messages.error(request, " ".join([str(error.message), *map(str, error.details.values())]))
    else:
        messages.success(
            request, _("Коллегиальное решение по критерию %(code)s записано.") % {"code": code}
        )
    return redirect("audits:final", pk=audit.pk)


@login_required
@require_POST
def finalise(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    try:
        services.final_sheet_finalise(actor=request.user, audit=audit)
    except ApplicationError as error:
        messages.error(request, " ".join([str(error.message), *map(str, error.details.values())]))
    else:
        messages.success(
            request,
            _(
                "Итоговый оценочный лист подписан и опубликован; копия направлена лидеру "
                "5S-команды."
            ),
        )
    return redirect("audits:final", pk=audit.pk)


# --- corrective-action plans ------------------------------------------------------------------


@login_required
@require_POST
@idempotent_form
def plan_create(request, pk):
    audit = selected_or_404(selectors.audit_detail, user=request.user, pk=pk)
    try:
        plan = services.plan_create(actor=request.user, audit=audit)
    except ApplicationError as error:
        idempotency.forget(request)
        messages.error(request, error.message)
        return redirect("audits:final", pk=audit.pk)
    messages.success(request, _("План мероприятий создан по замечаниям итогового листа."))
    return redirect(plan)


def _date(value):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return "invalid"


@login_required
def plan_detail(request, pk):
    """Appendix 30 as a grid (a formset): a bad cell is named beside it, nothing is saved and
    what was typed stays on the page; the service's refusals of a row go beside that row."""
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    can_edit = permissions.can_edit_plan(request.user, plan)
    actions = list(plan.actions.all())
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    formset = ActionFormSet(
        request.POST if request.method == "POST" else None,
        actions=actions,
        approved=plan.is_approved,
        audit_date=plan.audit.date,
    )
    if request.method == "POST":
        if formset.is_valid():
            row_forms = formset.row_forms()
            try:
                services.plan_save(
                    actor=request.user,
                    plan=plan,
                    rows=[form.service_row() for form in row_forms],
                )
            except ApplicationError as error:
                add_grid_error(formset, row_forms, error)
            else:
                messages.success(request, _("План мероприятий сохранён."))
                return redirect(plan)
        if not formset.non_form_errors():
            formset.non_form_errors().append(_("План мероприятий не сохранён."))
    return render(
        request,
        "audits/plan_detail.html",
        {
            "plan": plan,
            "team": _plan_team(plan),
            "actions": actions,
            "formset": formset,
            "can_edit": can_edit,
            "can_approve": permissions.can_approve_plan(request.user, plan),
            "on_behalf": permissions.approves_on_behalf(request.user, plan),
            "can_send_for_approval": permissions.can_send_plan_for_approval(request.user, plan),
            "can_send_copy": permissions.can_send_plan_copy(request.user, plan)
            and plan.copy_sent_at is None,
            "today": calendar.today(),
        },
    )


@login_required
@require_POST
def plan_approve(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    try:
        services.plan_approve(actor=request.user, plan=plan)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("План мероприятий утверждён."))
    return redirect(plan)


@login_required
@require_POST
def plan_send_for_approval(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    try:
        services.plan_send_for_approval(actor=request.user, plan=plan)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("План направлен на утверждение: %(approver)s.")
            % {"approver": plan.agency.plan_approver},
        )
    return redirect(plan)


@login_required
def plan_pdf(request, pk):
    """Appendix 30 printed for signing: the «УТВЕРЖДАЮ» block, the heading, the team, the rows
    and the leader's signature line (L5017–L5071)."""
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    content = render_pdf("reports/audits/action_plan.html", _plan_document_context(plan))
    filename = f"plan-{plan.agency_id}-{plan.audit.date:%Y-%m-%d}.pdf"
    return file_response(content, PDF_CONTENT_TYPE, filename, inline=True)


def _plan_team(plan):
    return (
        plan.agency.teams.select_related("leader").prefetch_related("memberships__person").first()
    )


def _plan_document_context(plan):
    team = _plan_team(plan)
    members = (
        [m.person for m in team.memberships.all() if m.person_id != team.leader_id] if team else []
    )
    return {
        "plan": plan,
        "team": team,
        "members": members,
        "actions": list(plan.actions.all()),
        "approver": plan.approver if plan.is_approved else plan.agency.plan_approver,
        "title": _("План предупреждающих и корректирующих мероприятий"),
        "footer": f"{plan.agency.short_name}, {plan.audit.date:%d.%m.%Y}",
    }


@login_required
@require_POST
def plan_send_copy(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    services.plan_send_copy(actor=request.user, plan=plan)
    messages.success(request, _("Копия плана направлена руководителю рабочей группы."))
    return redirect(plan)


# --- internal audits and photo reports --------------------------------------------------------


@login_required
def internal_index(request):
    _require_role(request)
    agencies = list(
        permissions.visible_internal(
            request.user, Agency.objects.order_by("short_name"), field="pk"
        )
    )
    if len(agencies) == 1:
        return redirect("audits:internal", agency_pk=agencies[0].pk)
    return render(request, "audits/internal_index.html", {"agencies": agencies})


@login_required
@idempotent_form
def internal(request, agency_pk):
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not permissions.can_view_internal(request.user, agency.pk):
        raise PermissionDenied
    can_write = permissions.can_write_internal(request.user, agency.pk)
    rooms = Room.objects.filter(agency=agency).order_by("name")
    photos = selectors.photo_list(user=request.user, agency_id=agency.pk)
    # The usual case is a photo taken today by the person uploading it (issue 17, item 12).
    person = person_of(request.user)
    photo_initial = {
        "taken_on": calendar.today(),
        "photographer": person.full_name if person is not None else request.user.get_full_name(),
    }
    photo_form = PhotoForm(rooms=rooms, photos=photos, initial=photo_initial)
    room_form = RoomForm()
    score_errors = {}
    if request.method == "POST" and can_write:
        action = request.POST.get("action")
        try:
            if action == "room":
                room_form = RoomForm(request.POST)
                if room_form.is_valid():
                    services.internal_audit_room_add(
                        actor=request.user, agency=agency, name=room_form.cleaned_data["name"]
                    )
                    messages.success(request, _("Часть рабочего пространства добавлена."))
                    return redirect("audits:internal", agency_pk=agency.pk)
            elif action == "scores":
                scores = {}
                for room in rooms:
                    for step in INTERNAL_AUDIT_STEPS:
                        raw = request.POST.get(f"s-{room.pk}-{step}", "")
                        if raw:
                            scores[(room.pk, step)] = _small_int(raw)
                conducted_on = _date(request.POST.get("conducted_on"))
                services.internal_audit_save(
                    actor=request.user,
                    agency=agency,
                    conducted_on=None if conducted_on == "invalid" else conducted_on,
                    scores=scores,
                )
                messages.success(request, _("Результаты внутреннего аудита сохранены."))
                return redirect("audits:internal", agency_pk=agency.pk)
            elif action == "photo":
                photo_form = PhotoForm(request.POST, request.FILES, rooms=rooms, photos=photos)
                if photo_form.is_valid():
                    data = photo_form.cleaned_data
                    services.photo_upload(
                        actor=request.user,
                        agency=agency,
                        upload=data["image"],
                        taken_on=data["taken_on"],
                        place=data["place"],
                        subject=data["subject"],
                        problem=data["problem"],
                        photographer=data["photographer"],
                        room=data["room"],
                        before=data["before"],
                    )
                    messages.success(request, _("Фотоснимок добавлен в фотоотчёт."))
                    return redirect("audits:internal", agency_pk=agency.pk)
        except ApplicationError as error:
            if action == "photo":
                photo_form.add_application_error(error)
            elif action == "room":
                room_form.add_application_error(error)
            else:
                score_errors = error.details
                messages.error(
                    request, " ".join([str(error.message), *map(str, error.details.values())])
                )
    matrix = selectors.internal_matrix(agency=agency)
    return render(
        request,
        "audits/internal.html",
        {
            "agency": agency,
            "team": agency.teams.select_related("leader").first(),
            "matrix": matrix,
            "can_write": can_write,
            "rooms": rooms,
            "steps": INTERNAL_AUDIT_STEPS,
            "scores": SCORES,
            "photos": Paginator(photos, PHOTOS_PER_PAGE).get_page(request.GET.get("page")),
            "photo_form": photo_form,
            "room_form": room_form,
            "score_errors": score_errors,
            "today": calendar.today(),
        },
    )


@login_required
def photo_file(request, pk, kind):
    photo = get_object_or_404(Photo, pk=pk)
    if not permissions.can_view_photo(request.user, photo.agency_id, kind):
        raise PermissionDenied
    thumbnail = kind == permissions.PHOTO_THUMBNAIL
    field = photo.thumbnail if thumbnail else photo.image
    content_type = "image/jpeg" if thumbnail else photo.content_type
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
