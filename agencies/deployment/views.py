"""Pages of the deployment order (§4.4, Appendix 5) and plan (§4.8, Appendix 10)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies import selectors as agency_selectors
from agencies.deployment import documents, permissions, rules, selectors, services
from agencies.deployment.filters import DeploymentOrderFilter, DeploymentPlanFilter
from agencies.deployment.forms import (
    ActivityFormSet,
    ApproveForm,
    CopiesSentForm,
    OrderForm,
    PlanCreateForm,
)
from agencies.deployment.models import DeploymentOrder, DeploymentPlan
from agencies.models import Agency
from agencies.people import agency_ids_of
from agencies.permissions import visible_agencies
from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.forms import add_grid_error, choose_among
from core.permissions import is_administrator
from core.views import selected_or_404

ACTIVITY_FIELDS = services.ACTIVITY_FIELDS


def _editable_agencies(user):
    if is_administrator(user):
        return Agency.objects.order_by("short_name")
    agencies = Agency.objects.filter(pk__in=agency_ids_of(user)).order_by("short_name")
    return agencies if any(permissions.can_edit(user, a) for a in agencies) else agencies.none()


@login_required
def plan_list(request):
    """Plans of the agencies the user may see, with filters and (for the team) a new plan."""
    filter_form = DeploymentPlanFilter(request.GET, queryset=DeploymentPlan.objects.none()).form
    choose_among(
        filter_form, "agency", visible_agencies(request.user).values_list("pk", "short_name")
    )
    plans = selectors.plan_list(
        user=request.user, filters=request.GET if filter_form.is_valid() else None
    )
    editable = _editable_agencies(request.user)
    create_form = None
    if editable.exists():
        create_form = PlanCreateForm(request.POST or None, agencies=editable)
    if request.method == "POST":
        if create_form is None:
            raise PermissionDenied
        if create_form.is_valid():
            data = create_form.cleaned_data
            try:
                plan = services.plan_create(
                    actor=request.user,
                    agency=data["agency"],
                    year=data["year"],
                    starts_on=data["starts_on"],
                )
            except ApplicationError as error:
                create_form.add_application_error(error)
            else:
                messages.success(request, _("План составлен по шаблону мероприятий."))
                return redirect(plan.get_absolute_url())
    return render(
        request,
        "agencies/deployment/plan_list.html",
        {
            "plans": plans,
            "filter_form": filter_form,
            "create_form": create_form,
            "today": calendar.today(),
        },
    )


def _rows(formset, activities):
    return [
        (activity, {name: form.cleaned_data.get(name) for name in ACTIVITY_FIELDS})
        for activity, form in zip(activities, formset.forms, strict=True)
        if form.has_changed()
    ]


def _normalise(data):
    # An empty text cell is "" on the model; an empty date stays None.
    return {
        name: ("" if value is None and name in ("executor", "responsible") else value)
        for name, value in data.items()
    }


@login_required
def plan_detail(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    activities = list(plan.activities.all())
    can_edit = permissions.can_edit_plan(request.user, plan)
    can_approve = permissions.can_approve(request.user, plan.agency) and not plan.is_approved
    today = calendar.today()
    initial = [{name: getattr(a, name) for name in ACTIVITY_FIELDS} for a in activities]
    action = request.POST.get("action") if request.method == "POST" else None
    formset = ActivityFormSet(
        request.POST if action == "grid" else None,
        initial=initial,
        prefix="activities",
        form_kwargs={"approved": plan.is_approved},
    )
    approve_form = ApproveForm(
        request.POST if action == "approve" else None, initial={"approved_on": today}
    )
    copies_form = CopiesSentForm(
        request.POST if action == "copies" else None, initial={"sent_on": today}
    )
    approval_errors: dict[str, list[str]] = {}
    if action == "grid":
        if not can_edit:
            raise PermissionDenied
        if formset.is_valid():
            rows = [(a, _normalise(d)) for a, d in _rows(formset, activities)]
            try:
                services.activities_update(actor=request.user, plan=plan, rows=rows)
            except ApplicationError as error:
                add_grid_error(formset, [f for f in formset.forms if f.has_changed()], error)
            else:
                messages.success(request, _("План сохранён."))
                return redirect(plan.get_absolute_url())
    elif action == "approve":
        if not permissions.can_approve(request.user, plan.agency):
            raise PermissionDenied
        if approve_form.is_valid():
            try:
                services.plan_approve(
                    actor=request.user,
                    plan=plan,
                    approved_on=approve_form.cleaned_data["approved_on"],
                )
            except ApplicationError as error:
                approval_errors = {
                    key: value if isinstance(value, list) else [value]
                    for key, value in error.details.items()
                }
                approve_form.add_error(None, str(error.message))
                for key, texts in approval_errors.items():
                    if not key.isdigit():
                        for text in texts:
                            approve_form.add_error(None, str(text))
            else:
                messages.success(request, _("План развёртывания утверждён."))
                return redirect(plan.get_absolute_url())
    elif action == "copies":
        if not can_edit:
            raise PermissionDenied
        if copies_form.is_valid():
            try:
                services.plan_copies_sent(
                    actor=request.user, plan=plan, sent_on=copies_form.cleaned_data["sent_on"]
                )
            except ApplicationError as error:
                copies_form.add_application_error(error)
            else:
                messages.success(request, _("Отметка о направлении копий сохранена."))
                return redirect(plan.get_absolute_url())
    elif action is not None:
        raise Http404
    grid = documents.plan_grid(plan)
    rows = [
        {
            "activity": activity,
            "form": form,
            "grid": grid_row,
            "approval_errors": approval_errors.get(str(activity.pk), []),
        }
        for activity, form, grid_row in zip(activities, formset.forms, grid.rows, strict=True)
    ]
    return render(
        request,
        "agencies/deployment/plan_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "grid": grid,
            "formset": formset,
            "approve_form": approve_form,
            "copies_form": copies_form,
            "can_edit": can_edit,
            "can_approve": can_approve,
            "copies_overdue": plan.copies_overdue(today),
            "approval_errors": approval_errors,
            "unplanned": rules.unplanned([activity.as_dates() for activity in activities]),
        },
    )


@login_required
def plan_pdf(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    return file_response(
        documents.plan_pdf(plan), PDF_CONTENT_TYPE, documents.plan_filename(plan, "pdf")
    )


@login_required
def plan_xlsx(request, pk):
    plan = selected_or_404(selectors.plan_detail, user=request.user, pk=pk)
    return file_response(
        documents.plan_xlsx(plan), XLSX_CONTENT_TYPE, documents.plan_filename(plan, "xlsx")
    )


# --- the order --------------------------------------------------------------------------------


@login_required
def order_list(request):
    filter_form = DeploymentOrderFilter(request.GET, queryset=DeploymentOrder.objects.none()).form
    choose_among(
        filter_form, "agency", visible_agencies(request.user).values_list("pk", "short_name")
    )
    orders = selectors.order_list(
        user=request.user, filters=request.GET if filter_form.is_valid() else None
    )
    return render(
        request,
        "agencies/deployment/order_list.html",
        {
            "orders": orders,
            "filter_form": filter_form,
            "editable": _editable_agencies(request.user),
            "today": calendar.today(),
        },
    )


def _order_data(form):
    data = {name: form.cleaned_data.get(name) for name in services.ORDER_FIELDS}
    return {
        name: ("" if value is None and isinstance(form.fields[name].initial, str) else value)
        for name, value in data.items()
        if name in form.fields
    }


def _text_fields_blank(data, form):
    for name in (
        "personal_control",
        "team_regulation",
        "camera_procedure",
        "preparation_activities",
    ):
        if data.get(name) is None:
            data[name] = ""
    return data


@login_required
def order_create(request, agency_pk):
    agency = selected_or_404(agency_selectors.agency_detail, user=request.user, pk=agency_pk)
    if not permissions.can_edit(request.user, agency):
        raise PermissionDenied
    form = OrderForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = _text_fields_blank(_order_data(form), form)
        try:
            order = services.order_create(actor=request.user, agency=agency, data=data)
            if form.cleaned_data.get("scan"):
                services.order_scan_attach(
                    actor=request.user, order=order, file=form.cleaned_data["scan"]
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Приказ о развёртывании внесён."))
            return redirect(order.get_absolute_url())
    return render(request, "agencies/deployment/order_form.html", {"form": form, "agency": agency})


@login_required
def order_detail(request, pk):
    order = selected_or_404(selectors.order_detail, user=request.user, pk=pk)
    can_edit = permissions.can_edit(request.user, order.agency)
    form = None
    if can_edit:
        form = OrderForm(
            request.POST or None,
            request.FILES or None,
            instance=DeploymentOrder.objects.get(pk=order.pk),
            agency=order.agency,
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = _text_fields_blank(_order_data(form), form)
            try:
                services.order_update(actor=request.user, order=order, data=data)
                if form.cleaned_data.get("scan"):
                    services.order_scan_attach(
                        actor=request.user, order=order, file=form.cleaned_data["scan"]
                    )
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Приказ сохранён."))
                return redirect(order.get_absolute_url())
    today = calendar.today()
    return render(
        request,
        "agencies/deployment/order_detail.html",
        {
            "order": order,
            "form": form,
            "copy_overdue": order.copy_overdue(today),
            "reapproval_overdue": order.team_reapproval_overdue(today),
        },
    )


@login_required
def order_scan(request, pk):
    order = selected_or_404(selectors.order_detail, user=request.user, pk=pk)
    if not order.scan:
        raise Http404
    name = order.scan.name.rsplit("/", 1)[-1]
    return FileResponse(order.scan.open("rb"), as_attachment=True, filename=name)
