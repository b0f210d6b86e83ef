"""The IT department's page: the month's data of every agency, entered one by one or as the
month's workbook (§8.4, L1337; criterion 4.3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits import permissions as audit_permissions
from audits.itdata import permissions, selectors, services, workbook
from audits.itdata.forms import ITImportForm, ITRecordForm
from core import calendar
from core.documents import XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.periods import format_month, month_start, parse_month


def _month(request):
    """The month asked for (?month=YYYY-MM), the current one by default."""
    return parse_month(request.GET.get("month", "")) or month_start(calendar.today())


def _page(request, month, *, record_form=None, import_form=None, status=200):
    rows = selectors.month_overview(month)
    context = {
        "month": month,
        "month_value": format_month(month),
        "rows": rows,
        "missing": [row.agency for row in rows if row.record is None],
        "due_on": calendar.last_working_day_of_month(month),
        "can_enter": permissions.can_enter_it_data(request.user),
        # The IT department's users see no audits: no breadcrumb to a page that answers 403.
        "can_view_audits": audit_permissions.can_view_audits_section(request.user),
        "record_form": record_form or ITRecordForm(),
        "import_form": import_form or ITImportForm(),
    }
    return render(request, "audits/it_standard.html", context, status=status)


def _back(month):
    return redirect(f"{reverse('audits:it-standard')}?month={format_month(month)}")


@login_required
def it_standard(request):
    if not permissions.can_view_it_data(request.user):
        raise PermissionDenied
    return _page(request, _month(request))


@login_required
def it_standard_template(request):
    if not permissions.can_view_it_data(request.user):
        raise PermissionDenied
    month = _month(request)
    return file_response(
        workbook.template_workbook(month, selectors.month_numbers(month)),
        XLSX_CONTENT_TYPE,
        workbook.template_filename(month),
    )


@login_required
@require_POST
def it_standard_record(request):
    if not permissions.can_enter_it_data(request.user):
        raise PermissionDenied
    month = _month(request)
    form = ITRecordForm(request.POST)
    if form.is_valid():
        try:
            record = services.it_record_save(actor=request.user, month=month, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request,
                _("Данные %(agency)s за %(month)s сохранены.")
                % {"agency": record.agency.short_name, "month": format_month(month)},
            )
            return _back(month)
    return _page(request, month, record_form=form, status=400)


@login_required
@require_POST
def it_standard_import(request):
    if not permissions.can_enter_it_data(request.user):
        raise PermissionDenied
    month = _month(request)
    form = ITImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            records = services.it_records_import(
                actor=request.user,
                month=month,
                content=form.cleaned_data["file"].read(workbook.MAX_UPLOAD_BYTES + 1),
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request,
                _("Загружены данные %(count)s ОИВ ЯО / СППО за %(month)s.")
                % {"count": len(records), "month": format_month(month)},
            )
            return _back(month)
    return _page(request, month, import_form=form, status=400)
