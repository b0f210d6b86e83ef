"""Pages of the indicator sheet (§4.7, Appendix 8): the region's view of which agencies
improved most, an agency's sheets with the trend of every indicator, a new sheet (its
indicators as a grid), a sheet with the grid of observations recorded as measured, its
approval by the leader, and the sheet printed as Appendix 8 (PDF, XLSX)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies import selectors as agency_selectors
from agencies.indicators import documents, permissions, rules, selectors, services
from agencies.indicators.charts import series_charts
from agencies.indicators.forms import (
    ApproveForm,
    HeadcountForm,
    IndicatorFormSet,
    ObservationGrid,
    SheetForm,
    blank_rows,
)
from agencies.models import Person
from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.forms import add_grid_error
from core.views import require_portal_role, selected_or_404

REGION_PAGE_SIZE = 50


@login_required
def region(request):
    """Every agency the user reads: its measurements, change against the initial state, the
    quarterly cadence (L549); the most improved first, REGION_PAGE_SIZE a page (issue 18: a
    page costs what it shows, not the region — 1,000 rows in one page took 0.3 s to render)."""
    require_portal_role(request)
    rows = selectors.region_view(user=request.user, today=calendar.today())
    page = Paginator(rows, REGION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/indicators/region.html",
        {"rows": page.object_list, "page": page},
    )


@login_required
def agency_indicators(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    trends = selectors.agency_trends(agency=agency)
    today = calendar.today()
    due_on, overdue = selectors.due_state(agency=agency, today=today)
    return render(
        request,
        "agencies/indicators/agency.html",
        {
            "agency": agency,
            "sheets": selectors.sheet_list(user=request.user, filters={"agency": agency.pk}),
            "trends": trends,
            "charts": series_charts(trends),
            "due_on": due_on,
            "overdue": overdue,
            "initial": selectors.initial_state(agency=agency, today=today),
            "experts_required": rules.experts_required(agency.actual_headcount or 0),
            "can_edit": permissions.can_edit_sheets(request.user, agency.pk),
            "can_edit_headcount": permissions.can_edit_headcount(request.user, agency),
        },
    )


def _agency_people(agency):
    return Person.objects.filter(agency=agency).order_by("full_name")


@login_required
def sheet_create(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_edit_sheets(request.user, agency.pk):
        raise PermissionDenied
    form = SheetForm(
        request.POST or None, people=_agency_people(agency), initial={"date": calendar.today()}
    )
    formset = IndicatorFormSet(request.POST or None, prefix="rows", initial=blank_rows())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = formset.filled()
        try:
            sheet = services.sheet_create(
                actor=request.user,
                agency=agency,
                date=form.cleaned_data["date"],
                experts=list(form.cleaned_data["experts"]),
                indicators=formset.rows(),
                method=form.method(),
            )
        except ApplicationError as error:
            # The sheet's own fields beside them; the sections and rows on the grid.
            own = {name: text for name, text in error.details.items() if name in form.fields}
            for name, text in own.items():
                form.add_error(name, str(text))
            rest = {key: text for key, text in error.details.items() if key not in own}
            add_grid_error(formset, rows, ApplicationError(error.message, details=rest))
        else:
            messages.success(request, _("Лист показателей сохранён."))
            return redirect(sheet)
    return render(
        request,
        "agencies/indicators/sheet_form.html",
        {
            "agency": agency,
            "form": form,
            "formset": formset,
            "experts_required": rules.experts_required(agency.actual_headcount or 0),
        },
    )


def _observation_grid(request, sheet):
    indicators = [(i.pk, i.name) for i in sheet.indicators.all() if i.is_timed]
    people = [(p.pk, p.full_name) for p in _agency_people(sheet.agency)]
    data = request.POST if "observe" in request.POST else None
    return ObservationGrid(
        data, prefix="obs", form_kwargs={"indicators": indicators, "people": people}
    )


@login_required
def sheet_detail(request, pk):
    sheet = selected_or_404(selectors.sheet_detail, user=request.user, pk=pk)
    agency = sheet.agency
    can_edit = not sheet.is_approved and permissions.can_edit_sheets(request.user, agency.pk)
    can_approve = not sheet.is_approved and permissions.can_approve_sheet(request.user, agency.pk)
    grid = _observation_grid(request, sheet) if can_edit else None
    approve_form = None
    if can_approve:
        approve_form = ApproveForm(
            request.POST if "approve" in request.POST else None,
            initial={"approved_on": calendar.today()},
        )
    if request.method == "POST":
        if "observe" in request.POST:
            if grid is None:
                raise PermissionDenied
            if grid.is_valid():
                by_pk = {indicator.pk: indicator for indicator in sheet.indicators.all()}
                people = {p.pk: p for p in _agency_people(agency)}
                rows = grid.filled()
                entries = [
                    services.ObservationEntry(
                        indicator=by_pk[form.cleaned_data["indicator"]],
                        seconds=form.cleaned_data["seconds"],
                        person=people.get(form.cleaned_data["person"]),
                    )
                    for form in rows
                ]
                try:
                    count = services.observations_record(
                        actor=request.user, sheet=sheet, entries=entries
                    )
                except ApplicationError as error:
                    add_grid_error(grid, rows, error)
                else:
                    messages.success(request, _("Наблюдений внесено: %(n)s.") % {"n": count})
                    return redirect(sheet)
        elif "approve" in request.POST:
            if approve_form is None:
                raise PermissionDenied
            if approve_form.is_valid():
                try:
                    services.sheet_approve(
                        actor=request.user,
                        sheet=sheet,
                        approved_on=approve_form.cleaned_data["approved_on"],
                    )
                except ApplicationError as error:
                    approve_form.add_application_error(error)
                else:
                    messages.success(request, _("Лист показателей утверждён."))
                    return redirect(sheet)
        else:
            raise PermissionDenied
    context = documents.sheet_context(sheet)
    return render(
        request,
        "agencies/indicators/sheet_detail.html",
        {
            **context,
            "grid": grid,
            "approve_form": approve_form,
            "experts_required": rules.experts_required(agency.actual_headcount or 0),
        },
    )


@login_required
def sheet_pdf(request, pk):
    sheet = selected_or_404(selectors.sheet_detail, user=request.user, pk=pk)
    return file_response(
        documents.sheet_pdf(sheet), PDF_CONTENT_TYPE, documents.filename(sheet, "pdf")
    )


@login_required
def sheet_xlsx(request, pk):
    sheet = selected_or_404(selectors.sheet_detail, user=request.user, pk=pk)
    return file_response(
        documents.sheet_xlsx(sheet), XLSX_CONTENT_TYPE, documents.filename(sheet, "xlsx")
    )


@login_required
def headcount_edit(request, agency_pk):
    """The agency's actual headcount (L535), next to its establishment headcount."""
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_edit_headcount(request.user, agency):
        raise PermissionDenied
    form = HeadcountForm(
        request.POST or None, initial={"actual_headcount": agency.actual_headcount}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.actual_headcount_update(
                actor=request.user,
                agency=agency,
                actual_headcount=form.cleaned_data["actual_headcount"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Фактическая численность сохранена."))
            return redirect(agency)
    return render(
        request, "agencies/indicators/headcount_form.html", {"agency": agency, "form": form}
    )
