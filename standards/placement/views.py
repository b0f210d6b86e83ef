"""Pages of «Set in order» (step 2, §6, L770–950; Appendix 21): the schemes of the rooms with
their versions and the head's approval, the placement schedule with its agreement and its
paper copy, the storage and visualisation rules with the list of desk items, and their
printable forms."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.forms import add_grid_error
from core.idempotency import idempotent_form
from core.views import require_portal_role
from standards.pages import list_page, run_action
from standards.placement import documents, filters, permissions, rules, selectors, services
from standards.placement.choices import ScheduleStatus
from standards.placement.forms import (
    DeskItemFormSet,
    RulesForm,
    ScheduleForm,
    ScheduleRowFormSet,
    SchemeUploadForm,
)

ROW_FIELDS = ("room", "responsible", "date_from", "date_to")


def _agency_from_query(request):
    value = request.POST.get("agency") or request.GET.get("agency") or ""
    if not value.isdigit() or len(value) > 12:
        raise Http404
    return selectors.agency_of(user=request.user, pk=int(value))


@login_required
def scheme_list(request):
    return list_page(
        request,
        selectors.scheme_list,
        "standards/placement/scheme_list.html",
        rows_name="schemes",
        filter_form=filters.PlacementSchemeFilter(request.GET or None).form,
        extra={"editable": permissions.editable_agencies(request.user)},
    )


@login_required
def agency_rooms(request, agency_pk):
    """Every room of the agency with its map, its scheme and whether it is approved (L893),
    the rooms that still stop step 2 (L947), and the legend of Appendix 18."""
    require_portal_role(request)
    agency = selectors.agency_of(user=request.user, pk=agency_pk)
    return render(
        request,
        "standards/placement/agency_rooms.html",
        {
            "agency": agency,
            "rooms": selectors.room_placements(user=request.user, agency=agency),
            "missing": selectors.rooms_without_approved_scheme(agency.pk),
            "can_edit": permissions.can_edit(request.user, agency.pk),
            "symbols": rules.shown_symbols(),
        },
    )


@login_required
@idempotent_form
def room_detail(request, pk):
    """A room's maps and schemes, every version; the team uploads a new one, the head approves
    the newest scheme."""
    require_portal_role(request)
    entry = selectors.room_placement(user=request.user, pk=pk)
    room = entry.room
    can_edit = permissions.can_edit(request.user, room.agency_id)
    form = SchemeUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.scheme_upload(
                    actor=request.user,
                    room=room,
                    kind=form.cleaned_data["kind"],
                    file=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Файл загружен."))
                return redirect("standards:placement-room", room.pk)
        status = 400
    return render(
        request,
        "standards/placement/room_detail.html",
        {
            "entry": entry,
            "room": room,
            "form": form,
            "can_edit": can_edit,
            "can_approve": permissions.may_approve_for(request.user, room.agency),
            "symbols": rules.shown_symbols(),
        },
        status=status,
    )


@login_required
def scheme_file(request, pk):
    require_portal_role(request)
    scheme = selectors.scheme_detail(user=request.user, pk=pk)
    return FileResponse(
        scheme.file.open("rb"),
        content_type=scheme.content_type,
        filename=scheme.download_name,
        as_attachment=False,
    )


@login_required
@require_POST
@idempotent_form
def scheme_approve(request, pk):
    require_portal_role(request)
    scheme = selectors.scheme_detail(user=request.user, pk=pk)
    run_action(
        request,
        services.scheme_approve,
        _("Схема рационального размещения утверждена."),
        scheme=scheme,
    )
    return redirect("standards:placement-room", scheme.room_id)


# --- the schedule ----------------------------------------------------------------------------


@login_required
def schedule_list(request):
    return list_page(
        request,
        selectors.schedule_list,
        "standards/placement/schedule_list.html",
        rows_name="schedules",
        filter_form=filters.PlacementScheduleFilter(request.GET or None).form,
        extra={"editable": permissions.editable_agencies(request.user), "today": calendar.today()},
    )


def _schedule_rows(forms):
    """The service's rows from the grid's row forms, in their order."""
    return [{k: f.cleaned_data.get(k) for k in ROW_FIELDS} for f in forms]


@login_required
@idempotent_form
def schedule_create(request):
    require_portal_role(request)
    agency = _agency_from_query(request)
    if not permissions.can_edit(request.user, agency.pk):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ScheduleForm(data, initial={"drawn_up_on": calendar.today()})
    formset = ScheduleRowFormSet(data, prefix="rows", form_kwargs={"agency": agency})
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            row_forms = formset.filled()
            try:
                schedule = services.schedule_create(
                    actor=request.user,
                    agency=agency,
                    drawn_up_on=form.cleaned_data["drawn_up_on"],
                    rows=_schedule_rows(row_forms),
                )
            except ApplicationError as error:
                add_grid_error(formset, row_forms, error)
            else:
                messages.success(request, _("График передан руководителю на согласование."))
                return redirect(schedule.get_absolute_url())
        status = 400
    return render(
        request,
        "standards/placement/schedule_form.html",
        {"agency": agency, "form": form, "formset": formset},
        status=status,
    )


@login_required
@idempotent_form
def schedule_detail(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    agency = schedule.agency
    editable = (
        permissions.can_edit(request.user, agency.pk) and schedule.status == ScheduleStatus.DRAFT
    )
    formset = None
    status = 200
    if editable:
        initial = [
            {
                "room": r.room_id,
                "responsible": r.responsible_id,
                "date_from": r.date_from,
                "date_to": r.date_to,
            }
            for r in schedule.rows.all()
        ]
        data = request.POST if request.method == "POST" else None
        formset = ScheduleRowFormSet(
            data, prefix="rows", initial=initial, form_kwargs={"agency": agency}
        )
        if request.method == "POST":
            if formset.is_valid():
                # Unchanged rows are kept too: every row with something in it.
                row_forms = [f for f in formset.forms if f.cleaned_data]
                try:
                    services.schedule_update(
                        actor=request.user, schedule=schedule, rows=_schedule_rows(row_forms)
                    )
                except ApplicationError as error:
                    add_grid_error(formset, row_forms, error)
                else:
                    messages.success(request, _("График сохранён."))
                    return redirect(schedule.get_absolute_url())
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    today = calendar.today()
    return render(
        request,
        "standards/placement/schedule_detail.html",
        {
            "schedule": schedule,
            "formset": formset,
            "can_agree": schedule.status == ScheduleStatus.DRAFT
            and permissions.may_approve_for(request.user, agency),
            "can_record_copy": schedule.is_agreed
            and schedule.copy_sent_on is None
            and permissions.can_record_copy(request.user, agency),
            "copy_overdue": schedule.copy_overdue(today),
            "today": today,
        },
        status=status,
    )


@login_required
@require_POST
@idempotent_form
def schedule_agree(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    run_action(request, services.schedule_agree, _("График согласован."), schedule=schedule)
    return redirect(schedule.get_absolute_url())


@login_required
@require_POST
@idempotent_form
def schedule_copy_sent(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    raw = request.POST.get("copy_sent_on") or ""
    try:
        day = datetime.date.fromisoformat(raw) if raw else None
    except ValueError:
        messages.error(request, _("Дата указана неверно."))
        return redirect(schedule.get_absolute_url())
    run_action(
        request,
        services.schedule_copy_sent,
        _("Отправка копии графика отмечена."),
        schedule=schedule,
        sent_on=day,
    )
    return redirect(schedule.get_absolute_url())


@login_required
def schedule_pdf(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    return file_response(
        documents.schedule_pdf(schedule),
        PDF_CONTENT_TYPE,
        documents.schedule_filename(schedule),
        inline=True,
    )


@login_required
def schedule_xlsx(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    return file_response(
        documents.schedule_xlsx(schedule),
        XLSX_CONTENT_TYPE,
        documents.schedule_filename(schedule, "xlsx"),
    )


# --- the storage and visualisation rules -----------------------------------------------------


@login_required
def rules_list(request):
    return list_page(
        request,
        selectors.rules_list,
        "standards/placement/rules_list.html",
        rows_name="documents",
        filter_form=filters.PlacementRulesFilter(request.GET or None).form,
        extra={"editable": permissions.editable_agencies(request.user)},
    )


@login_required
@idempotent_form
def rules_create(request):
    """A new edition of Appendix 21's three elements; the form starts from the latest one."""
    require_portal_role(request)
    agency = _agency_from_query(request)
    if not permissions.can_edit(request.user, agency.pk):
        raise PermissionDenied
    latest = selectors.rules_list(user=request.user).filter(agency=agency).first()
    data = request.POST if request.method == "POST" else None
    form = RulesForm(
        data,
        initial={"storage_rules": latest.storage_rules, "visual_rules": latest.visual_rules}
        if latest
        else None,
    )
    initial = (
        [
            {"name": i.name, "quantity": i.quantity, "place": i.place}
            for i in latest.desk_items.all()
        ]
        if latest
        else []
    )
    formset = DeskItemFormSet(data, prefix="items", initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid() and formset.is_valid():
            row_forms = [f for f in formset.forms if f.cleaned_data]
            try:
                document = services.rules_create(
                    actor=request.user,
                    agency=agency,
                    storage_rules=form.cleaned_data["storage_rules"],
                    visual_rules=form.cleaned_data["visual_rules"],
                    items=[
                        {
                            "name": f.cleaned_data["name"],
                            "quantity": f.cleaned_data["quantity"],
                            "place": f.cleaned_data["place"],
                        }
                        for f in row_forms
                    ],
                )
            except ApplicationError as error:
                form.add_application_error(error)
                add_grid_error(formset, row_forms, error)
            else:
                messages.success(request, _("Правила переданы руководителю на утверждение."))
                return redirect(document.get_absolute_url())
        status = 400
    return render(
        request,
        "standards/placement/rules_form.html",
        {"agency": agency, "form": form, "formset": formset},
        status=status,
    )


@login_required
def rules_detail(request, pk):
    require_portal_role(request)
    document = selectors.rules_detail(user=request.user, pk=pk)
    return render(
        request,
        "standards/placement/rules_detail.html",
        {
            "document": document,
            "can_approve": not document.is_approved
            and permissions.may_approve_for(request.user, document.agency),
            "can_edit": permissions.can_edit(request.user, document.agency_id),
            "symbols": rules.shown_symbols(),
        },
    )


@login_required
@require_POST
@idempotent_form
def rules_approve(request, pk):
    require_portal_role(request)
    document = selectors.rules_detail(user=request.user, pk=pk)
    run_action(
        request,
        services.rules_approve,
        _("Правила хранения и визуализации утверждены."),
        document=document,
    )
    return redirect(document.get_absolute_url())


@login_required
def rules_xlsx(request, pk):
    require_portal_role(request)
    document = selectors.rules_detail(user=request.user, pk=pk)
    return file_response(
        documents.rules_xlsx(document), XLSX_CONTENT_TYPE, documents.rules_xlsx_filename(document)
    )


@login_required
def rules_pdf(request, pk):
    require_portal_role(request)
    document = selectors.rules_detail(user=request.user, pk=pk)
    return file_response(
        documents.rules_pdf(document),
        PDF_CONTENT_TYPE,
        documents.rules_filename(document),
        inline=True,
    )
