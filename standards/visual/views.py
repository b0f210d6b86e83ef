"""Pages of visual control (Appendix 28) and of the records criteria 4.6 (error-proofing,
L2465) and 4.7 (the emergency procedure, L2475)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.idempotency import idempotent_form
from core.views import filtered_rows, require_portal_role
from standards.pages import PAGE_SIZE, agency_to_create, list_page, run_action
from standards.visual import documents, filters, permissions, selectors, services
from standards.visual.choices import ListStatus, ProcedureStatus
from standards.visual.forms import (
    EmergencyProcedureForm,
    ErrorProofingForm,
    PointFormSet,
    VisualListForm,
    categories,
)


def _editable_agency(request):
    require_portal_role(request)
    return agency_to_create(request, can_edit=permissions.can_edit)


@login_required
def list_list(request):
    return list_page(
        request,
        selectors.list_list,
        "standards/visual/list_list.html",
        rows_name="lists",
        filter_form=filters.VisualListFilter(request.GET or None).form,
        extra={"editable": permissions.editable_agencies(request.user)},
    )


def _point_rows(formset, points):
    rows, row_forms = [], []
    for form in formset:
        data = form.cleaned_data
        if not data or not any(data.get(k) for k in ("category", "control_point", "requirement")):
            if data and data.get("point_id"):
                rows.append({"point": points.get(data["point_id"]), "delete": True})
                row_forms.append(form)
            continue
        point = points.get(data.get("point_id") or 0)
        rows.append(
            {
                "point": point,
                "category": data["category"],
                "control_point": data["control_point"],
                "requirement": data["requirement"],
                "checker": data.get("checker"),
                "delete": bool(data.get("DELETE")),
            }
        )
        row_forms.append(form)
    return rows, row_forms


def _grid_error(formset, row_forms, error):
    for key, text in error.details.items():
        index, _sep, field = key.partition(".")
        if index.isdigit() and int(index) < len(row_forms):
            form = row_forms[int(index)]
            form.add_error(field if field in form.fields else None, text)
        else:
            formset.non_form_errors().append(str(text))
    formset.non_form_errors().append(str(error.message))


def _list_form_page(request, *, agency, control_list=None):
    points = {p.pk: p for p in control_list.points.all()} if control_list else {}
    data = request.POST if request.method == "POST" else None
    initial = (
        {
            "compiled_on": control_list.compiled_on,
            "compilers": list(control_list.compilers.all()),
        }
        if control_list
        else {"compiled_on": calendar.today()}
    )
    form = VisualListForm(data, agency=agency, with_room=control_list is None, initial=initial)
    formset = PointFormSet(
        data,
        prefix="points",
        initial=[
            {
                "point_id": p.pk,
                "category": p.category,
                "control_point": p.control_point,
                "requirement": p.requirement,
                "checker": p.checker_id,
            }
            for p in points.values()
        ],
        form_kwargs={"agency": agency},
    )
    if data is not None and form.is_valid() and formset.is_valid():
        rows, row_forms = _point_rows(formset, points)
        try:
            if control_list is None:
                control_list = services.list_create(
                    actor=request.user,
                    agency=agency,
                    room=form.cleaned_data["room"],
                    compiled_on=form.cleaned_data["compiled_on"],
                    compilers=list(form.cleaned_data["compilers"]),
                    points=rows,
                )
            else:
                services.list_update(
                    actor=request.user,
                    control_list=control_list,
                    data={
                        "compiled_on": form.cleaned_data["compiled_on"],
                        "compilers": list(form.cleaned_data["compilers"]),
                    },
                    points=rows,
                )
        except ApplicationError as error:
            _grid_error(formset, row_forms, error)
        else:
            messages.success(request, _("Перечень точек визуального контроля сохранён."))
            return redirect(control_list.get_absolute_url())
    return render(
        request,
        "standards/visual/list_form.html",
        {
            "agency": agency,
            "control_list": control_list,
            "form": form,
            "formset": formset,
            "categories": categories(),
        },
    )


@login_required
@idempotent_form
def list_create(request):
    agency = _editable_agency(request)
    return _list_form_page(request, agency=agency)


@login_required
@idempotent_form
def list_edit(request, pk):
    require_portal_role(request)
    control_list = selectors.list_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, control_list.agency_id):
        raise PermissionDenied
    if control_list.status != ListStatus.DRAFT:
        messages.error(request, _("Перечень согласован: составьте новый перечень."))
        return redirect(control_list.get_absolute_url())
    return _list_form_page(request, agency=control_list.agency, control_list=control_list)


@login_required
def list_detail(request, pk):
    require_portal_role(request)
    control_list = selectors.list_detail(user=request.user, pk=pk)
    return render(
        request,
        "standards/visual/list_detail.html",
        {
            "list": control_list,
            "points": list(control_list.points.all()),
            "can_edit": control_list.status == ListStatus.DRAFT
            and permissions.can_edit(request.user, control_list.agency_id),
            "can_agree": control_list.status == ListStatus.DRAFT
            and permissions.can_agree_visual_list(request.user, control_list.agency_id),
        },
    )


@login_required
@require_POST
@idempotent_form
def list_agree(request, pk):
    require_portal_role(request)
    control_list = selectors.list_detail(user=request.user, pk=pk)
    run_action(request, services.list_agree, _("Перечень согласован."), control_list=control_list)
    return redirect(control_list.get_absolute_url())


@login_required
def list_pdf(request, pk):
    require_portal_role(request)
    control_list = selectors.list_detail(user=request.user, pk=pk)
    return file_response(
        documents.list_pdf(control_list),
        PDF_CONTENT_TYPE,
        documents.list_filename(control_list, "pdf"),
        inline=True,
    )


@login_required
def list_xlsx(request, pk):
    require_portal_role(request)
    control_list = selectors.list_detail(user=request.user, pk=pk)
    return file_response(
        documents.list_xlsx(control_list),
        XLSX_CONTENT_TYPE,
        documents.list_filename(control_list, "xlsx"),
    )


@login_required
@idempotent_form
def proofing_list(request):
    """Error-proofing (criterion 4.6, L2465): the list, and for the team a form to add one."""
    require_portal_role(request)
    rows, error = filtered_rows(request, selectors.proofing_list, filters_arg="filters_data")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    editable = list(permissions.editable_agencies(request.user))
    agency = None
    form = None
    if editable:
        agency = next(
            (a for a in editable if str(a.pk) == (request.POST.get("agency") or "")), editable[0]
        )
        form = ErrorProofingForm(request.POST or None, agency=agency)
        if request.method == "POST" and form.is_valid():
            try:
                services.proofing_create(actor=request.user, agency=agency, data=form.cleaned_data)
            except ApplicationError as failure:
                form.add_application_error(failure)
            else:
                messages.success(request, _("Способ защиты от ошибок добавлен."))
                return redirect("standards:visual-proofing")
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "standards/visual/proofing_list.html",
        {
            "page": page,
            "rows": page.object_list,
            "filter_form": filters.ErrorProofingFilter(request.GET or None).form,
            "filter_error": error,
            "form": form,
            "agency": agency,
        },
    )


@login_required
@idempotent_form
def procedure_list(request):
    """The emergency procedure (criterion 4.7, L2475): drafts by the team, approved by the
    head."""
    require_portal_role(request)
    rows, error = filtered_rows(request, selectors.procedure_list, filters_arg="filters_data")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    editable = list(permissions.editable_agencies(request.user))
    agency = None
    form = None
    if editable:
        agency = next(
            (a for a in editable if str(a.pk) == (request.POST.get("agency") or "")), editable[0]
        )
        form = EmergencyProcedureForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.procedure_create(actor=request.user, agency=agency, data=form.cleaned_data)
            except ApplicationError as failure:
                form.add_application_error(failure)
            else:
                messages.success(request, _("Проект порядка действий добавлен."))
                return redirect("standards:visual-procedures")
    elif request.method == "POST":
        raise PermissionDenied
    procedures = list(page.object_list)
    approvable = {
        p.pk
        for p in procedures
        if p.status == ProcedureStatus.DRAFT and permissions.may_approve_for(request.user, p.agency)
    }
    return render(
        request,
        "standards/visual/procedure_list.html",
        {
            "page": page,
            "procedures": procedures,
            "approvable": approvable,
            "filter_form": filters.EmergencyProcedureFilter(request.GET or None).form,
            "filter_error": error,
            "form": form,
            "agency": agency,
        },
    )


@login_required
@require_POST
@idempotent_form
def procedure_approve(request, pk):
    require_portal_role(request)
    procedure = selectors.procedure_detail(user=request.user, pk=pk)
    run_action(
        request, services.procedure_approve, _("Порядок действий утверждён."), procedure=procedure
    )
    return redirect("standards:visual-procedures")
