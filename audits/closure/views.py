"""Pages of step closure (§4.6, L501): the region's overview, an agency's steps with the form
that closes the next one, a closure with its printable document."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.models import Agency
from audits.choices import STEP_NAMES
from audits.closure import notices, permissions, selectors, services
from audits.closure.choices import LAST_STEP, STEP_DOCUMENTS, DocumentKind, Recipient
from audits.closure.forms import ProblemFormSet, StandardFormSet, StepCloseForm
from audits.closure.models import ClosureStandard
from core import calendar
from core.documents import PDF_CONTENT_TYPE, file_response, render_pdf
from core.exceptions import ApplicationError
from core.registry import step_requirement_errors


def _agency_filter(request):
    raw = request.GET.get("agency", "")
    return {"agency": int(raw)} if raw.isdigit() else {}


@login_required
def overview(request):
    if not permissions.can_view_section(request.user):
        raise PermissionDenied
    filters = _agency_filter(request)
    rows = selectors.agencies_overview(user=request.user, filters=filters)
    return render(
        request,
        "audits/closure/overview.html",
        {
            "rows": rows,
            "agencies": permissions.readable_agencies(request.user).order_by("short_name"),
            "selected": filters.get("agency"),
            "steps": range(1, LAST_STEP + 1),
        },
    )


def _formset(kind, data=None, files=None):
    if kind == DocumentKind.STANDARDS:
        return StandardFormSet(data, files, prefix="standards")
    if kind == DocumentKind.PROBLEMS:
        return ProblemFormSet(data, prefix="problems")
    return None


def _rows(kind, formset):
    if kind == DocumentKind.STANDARDS:
        return {
            "standards": [
                services.StandardRow(
                    name=f.cleaned_data.get("name", ""),
                    purpose=f.cleaned_data.get("purpose", ""),
                    problems=f.cleaned_data.get("problems", ""),
                    copy=f.cleaned_data.get("copy"),
                )
                for f in formset.forms
                if (f.cleaned_data.get("name") or "").strip()
            ]
        }
    if kind == DocumentKind.PROBLEMS:
        return {
            "problems": [
                services.ProblemRow(
                    problem=f.cleaned_data.get("problem", ""),
                    proposal=f.cleaned_data.get("proposal", ""),
                )
                for f in formset.forms
                if (f.cleaned_data.get("problem") or "").strip()
            ]
        }
    return {}


@login_required
def agency_steps(request, agency_pk):
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not permissions.can_view_agency(request.user, agency.pk):
        raise PermissionDenied
    closures = list(selectors.closure_list(user=request.user, filters={"agency": agency.pk}))
    last = closures[-1] if closures else None
    step = agency.steps_completed + 1
    can_close = permissions.can_close_steps(request.user, agency.pk) and step <= LAST_STEP
    kind, recipient = STEP_DOCUMENTS.get(step, ("", ""))
    form = StepCloseForm(initial={"closed_on": calendar.today()})
    formset = _formset(kind)
    status = 200
    if request.method == "POST":
        if not can_close:
            raise PermissionDenied
        form = StepCloseForm(request.POST)
        formset = _formset(kind, request.POST, request.FILES)
        if form.is_valid() and (formset is None or formset.is_valid()):
            try:
                closure = services.step_close(
                    actor=request.user,
                    agency=agency,
                    step=step,
                    closed_on=form.cleaned_data["closed_on"],
                    **_rows(kind, formset),
                )
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(
                    request,
                    _("Шаг %(step)s завершён; документ направлен: %(to)s.")
                    % {"step": step, "to": closure.get_recipient_display()}
                    if closure.recipient
                    else _("Шаг %(step)s завершён.") % {"step": step},
                )
                return redirect(closure.get_absolute_url())
        status = 400
    diagnosis = (
        selectors.diagnosis_of(agency, step, since=last.closed_on if last else None)
        if step <= LAST_STEP
        else None
    )
    return render(
        request,
        "audits/closure/agency.html",
        {
            "agency": agency,
            "closures": closures,
            "step": step if step <= LAST_STEP else None,
            "step_name": STEP_NAMES.get(step, ""),
            "kind": kind,
            "recipient": dict(Recipient.choices).get(recipient, ""),
            "diagnosis": diagnosis,
            "requirements": step_requirement_errors(step, agency.pk) if step <= LAST_STEP else {},
            "can_close": can_close,
            "form": form,
            "formset": formset,
        },
        status=status,
    )


@login_required
def closure_detail(request, pk):
    closure = selectors.closure_detail(user=request.user, pk=pk)
    if closure is None:
        if not permissions.can_view_section(request.user):
            raise PermissionDenied
        raise Http404
    return render(
        request,
        "audits/closure/detail.html",
        {
            "closure": closure,
            "title": notices.document_title(closure),
            "step_name": STEP_NAMES[closure.step],
        },
    )


@login_required
def closure_pdf(request, pk):
    closure = selectors.closure_detail(user=request.user, pk=pk)
    if closure is None:
        if not permissions.can_view_section(request.user):
            raise PermissionDenied
        raise Http404
    if not closure.has_document:
        raise Http404
    title = notices.document_title(closure)
    content = render_pdf(
        "reports/audits/step_closure.html",
        {"closure": closure, "title": title, "step_name": STEP_NAMES[closure.step]},
    )
    filename = f"step-{closure.step}-{closure.agency_id}-{closure.closed_on:%Y-%m-%d}.pdf"
    return file_response(content, PDF_CONTENT_TYPE, filename, inline=True)


@login_required
def standard_copy(request, pk):
    standard = get_object_or_404(ClosureStandard.objects.select_related("closure"), pk=pk)
    if not selectors.closure_detail(user=request.user, pk=standard.closure_id):
        raise PermissionDenied
    try:
        handle = standard.copy.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(standard.copy_name)[0] or "application/octet-stream"
    return FileResponse(
        handle, content_type=content_type, as_attachment=True, filename=standard.copy_name
    )
