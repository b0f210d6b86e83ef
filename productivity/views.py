"""Pages of the productivity app: timing studies, workplaces with their piece-rate cards,
results per agency and for the region, and the calculators. Views parse, call a service or a
selector, and render; permissions come from productivity.permissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.permissions import visible_plans
from core.exceptions import ApplicationError
from core.views import selected_or_404
from productivity import calc, calculators, charts, inputs, permissions, selectors, services
from productivity.choices import Phase
from productivity.forms import (
    MeasurementForm,
    OperationFormSet,
    StudyChoiceForm,
    StudyForm,
    WorkplaceForm,
)

PAGE_SIZE = 50  # rows per page of the study and workplace lists (they grow with time)


def _require_role(request):
    if not permissions.can_view_productivity(request.user):
        raise PermissionDenied


def _agency_choices(user):
    from agencies.permissions import visible_agencies

    return visible_agencies(user).order_by("short_name").only("pk", "short_name")


# --- Studies ----------------------------------------------------------------------------------


def _filtered(request, selector):
    """A list page's rows narrowed by the query string; a malformed filter (a hand-edited
    address) is shown above the unfiltered list."""
    try:
        return selector(user=request.user, filters=request.GET), {}
    except ApplicationError as error:
        return selector(user=request.user), error.details


@login_required
def index(request):
    _require_role(request)
    rows, filter_errors = _filtered(request, selectors.study_list)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "productivity/index.html",
        {
            "studies": page,
            "page": page,
            "filter_errors": filter_errors,
            "agencies": _agency_choices(request.user),
            "selected_agency": request.GET.get("agency", ""),
            "selected_state": request.GET.get("state", ""),
            "can_record": permissions.can_record_anywhere(request.user),
        },
    )


@login_required
def study_create(request):
    # Recording needs a recording role (or the administrator's), so no separate role check.
    if not permissions.can_record_anywhere(request.user):
        raise PermissionDenied
    workplaces = selectors.recordable_workplaces(user=request.user)
    # «New study» from a workplace's page preselects it; the form offers only the user's.
    initial = {"workplace": request.GET.get("workplace", "")[:20]}
    agencies = permissions.recordable_agencies(request.user)
    form = StudyForm(
        request.POST or None,
        workplaces=workplaces,
        corrective_actions=selectors.corrective_actions(agencies=agencies),
        with_agency=agencies.count() > 1,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            study = services.study_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Исследование создано. Запишите замер до улучшения."))
            return redirect("productivity:measure", pk=study.pk, phase=Phase.BEFORE)
    return render(request, "productivity/study_form.html", {"form": form, "study": None})


@login_required
def study_detail(request, pk):
    _require_role(request)
    study = selected_or_404(selectors.study_detail, user=request.user, pk=pk)
    measurements = {m.phase: m for m in study.measurements.all()}
    return render(
        request,
        "productivity/study_detail.html",
        {
            "study": study,
            "plan_url": _plan_url(request.user, study.corrective_action),
            "before": measurements.get(Phase.BEFORE),
            "after": measurements.get(Phase.AFTER),
            "can_edit": permissions.can_edit_study(request.user, study),
            "chart": charts.before_after_chart(
                measurements.get(Phase.BEFORE), measurements.get(Phase.AFTER)
            ),
        },
    )


def _plan_url(user, action):
    """The audits page of the action's corrective-action plan, when the user may open it."""
    if action is None or not visible_plans(user).filter(pk=action.plan_id).exists():
        return None
    return reverse("audits:plan", args=[action.plan_id])


@login_required
def study_edit(request, pk):
    _require_role(request)
    study = selected_or_404(selectors.study_detail, user=request.user, pk=pk)
    if not permissions.can_edit_study(request.user, study):
        raise PermissionDenied
    form = StudyForm(
        request.POST or None,
        workplaces=selectors.recordable_workplaces(user=request.user).filter(pk=study.workplace_id),
        corrective_actions=selectors.corrective_actions(agencies=study.agency_id),
        initial={
            "workplace": study.workplace,
            "title": study.title,
            "improvement": study.improvement,
            "corrective_action": study.corrective_action_id,
        },
    )
    form.fields["workplace"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("workplace")
        try:
            services.study_update(actor=request.user, study=study, **data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Исследование сохранено."))
            return redirect(study)
    return render(request, "productivity/study_form.html", {"form": form, "study": study})


@login_required
@require_POST
def study_delete(request, pk):
    _require_role(request)
    study = selected_or_404(selectors.study_detail, user=request.user, pk=pk)
    services.study_delete(actor=request.user, study=study)
    messages.success(request, _("Исследование удалено."))
    return redirect("productivity:index")


def _operations_initial(measurement):
    """The recorded operations as the formset's rows, observations joined by spaces."""
    if measurement is None:
        return []
    lists = [n for n, s in inputs.specs(inputs.OperationData).items() if s.kind == "observations"]
    rows = []
    for operation in measurement.operations.all():
        row = inputs.initial(inputs.OperationData, operation)
        rows.append({**row, **{name: " ".join(row[name]) for name in lists}})
    return rows


def _filled_operations(formset):
    return [
        form
        for form in formset.forms
        if form.has_changed() and not (form.cleaned_data or {}).get("DELETE")
    ]


def _put_error(form, formset, forms_used, error):
    """Service errors named `operations.<i>.<field>` go onto that operation's row."""
    rest = {}
    for key, message in error.details.items():
        parts = key.split(".")
        if parts[0] == "operations" and len(parts) == 3 and int(parts[1]) < len(forms_used):
            forms_used[int(parts[1])].add_error(parts[2], str(message))
        elif key == "operations":
            formset.forms[0].add_error(None, str(message))
        else:
            rest[key] = message
    form.add_application_error(ApplicationError(error.message, details=rest))


@login_required
def measure(request, pk, phase):
    _require_role(request)
    if phase not in Phase.values:
        raise Http404
    study = selected_or_404(selectors.study_detail, user=request.user, pk=pk)
    if not permissions.can_edit_study(request.user, study):
        raise PermissionDenied
    existing = next((m for m in study.measurements.all() if m.phase == phase), None)
    initial = {"measured_on": existing.measured_on if existing else timezone.localdate()}
    if existing is not None:
        initial.update(inputs.initial(inputs.MeasurementData, existing))
    with_improvement = phase == Phase.AFTER
    if with_improvement:
        initial.update(
            {"improvement": study.improvement, "corrective_action": study.corrective_action_id}
        )
    form = MeasurementForm(
        request.POST or None,
        initial=initial,
        with_improvement=with_improvement,
        corrective_actions=selectors.corrective_actions(agencies=study.agency_id),
    )
    formset = OperationFormSet(
        request.POST or None, prefix="operations", initial=_operations_initial(existing)
    )
    if request.method == "POST":
        form_ok, formset_ok = form.is_valid(), formset.is_valid()
        used = _filled_operations(formset) if formset_ok else []
        if form_ok and formset_ok:
            data = dict(form.cleaned_data)
            improvement = data.pop("improvement", None)
            corrective_action = data.pop("corrective_action", services.UNCHANGED)
            measurement = services.MeasurementData(
                phase=phase,
                operations=[services.OperationData(**f.cleaned_data) for f in used],
                **data,
            )
            try:
                services.measurement_record(
                    actor=request.user,
                    study=study,
                    data=measurement,
                    improvement=improvement,
                    corrective_action=corrective_action,
                )
            except ApplicationError as error:
                _put_error(form, formset, used, error)
            else:
                messages.success(request, _("Замер записан."))
                return redirect(study)
    return render(
        request,
        "productivity/measurement_form.html",
        {"study": study, "phase": Phase(phase), "form": form, "formset": formset},
    )


# --- Workplaces -------------------------------------------------------------------------------


@login_required
def workplace_list(request):
    _require_role(request)
    rows, filter_errors = _filtered(request, selectors.workplace_list)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "productivity/workplace_list.html",
        {
            "workplaces": page,
            "page": page,
            "filter_errors": filter_errors,
            "agencies": _agency_choices(request.user),
            "selected_agency": request.GET.get("agency", ""),
            "can_record": permissions.can_record_anywhere(request.user),
        },
    )


def _workplace_form(request, workplace=None):
    agencies = permissions.recordable_agencies(request.user).order_by("short_name")
    initial = {}
    if workplace is not None:
        agencies = agencies.filter(pk=workplace.agency_id)
        initial = {"agency": workplace.agency, **inputs.initial(inputs.WorkplaceData, workplace)}
    return WorkplaceForm(request.POST or None, agencies=agencies, initial=initial)


@login_required
def workplace_create(request):
    if not permissions.can_record_anywhere(request.user):
        raise PermissionDenied
    form = _workplace_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            workplace = services.workplace_create(
                actor=request.user, data=services.WorkplaceData(**form.cleaned_data)
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Рабочее место добавлено."))
            return redirect(workplace)
    return render(request, "productivity/workplace_form.html", {"form": form, "workplace": None})


@login_required
def workplace_edit(request, pk):
    _require_role(request)
    workplace = selected_or_404(selectors.workplace_detail, user=request.user, pk=pk)
    if not permissions.can_edit_workplace(request.user, workplace):
        raise PermissionDenied
    form = _workplace_form(request, workplace)
    form.fields["agency"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.workplace_update(
                actor=request.user,
                workplace=workplace,
                data=services.WorkplaceData(**form.cleaned_data),
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Рабочее место сохранено."))
            return redirect(workplace)
    return render(
        request, "productivity/workplace_form.html", {"form": form, "workplace": workplace}
    )


@login_required
def workplace_detail(request, pk):
    _require_role(request)
    workplace = selected_or_404(selectors.workplace_detail, user=request.user, pk=pk)
    return render(
        request,
        "productivity/workplace_detail.html",
        {
            "workplace": workplace,
            "card": selectors.workplace_card(workplace=workplace),
            "studies": selectors.study_list(user=request.user, filters={"workplace": workplace.pk}),
            "kst_table": calc.kst_table(base=workplace.kvc_base, share=workplace.worker_share),
            "kst_places": _table_places(workplace.kvc_base),
            "can_edit": permissions.can_edit_workplace(request.user, workplace),
        },
    )


# --- Results ----------------------------------------------------------------------------------


@login_required
def results(request):
    _require_role(request)
    results = selectors.results(user=request.user)
    return render(
        request,
        "productivity/results.html",
        {
            "rows": results.rows,
            "region": results.region,
            "growth_chart": charts.growth_by_agency(results.rows),
            "kvc_chart": charts.kvc_by_agency(results.rows),
        },
    )


# --- Calculators ------------------------------------------------------------------------------


def _require_calculators(request):
    if not permissions.can_use_calculators(request.user):
        raise PermissionDenied


@login_required
def calculator_index(request):
    _require_calculators(request)
    return render(
        request, "productivity/calculator_index.html", {"calculators": calculators.CALCULATORS}
    )


@login_required
def calculator(request, slug):
    _require_calculators(request)
    current = calculators.BY_SLUG.get(slug)
    if current is None:
        raise Http404
    bound = bool(request.GET)
    form = current.form_class(request.GET if bound else None)
    results = calculators.run(current, form) if bound else None
    save_form = None
    if (
        current.saves_into_study
        and results is not None
        and permissions.can_record_anywhere(request.user)
    ):
        save_form = StudyChoiceForm(studies=selectors.editable_studies(user=request.user))
    context = {
        "calculator": current,
        "form": form,
        "results": results,
        "save_form": save_form,
        "carried": _carried(request.GET),
        "query": request.GET.urlencode(),
    }
    if slug == "kst":
        context["printed_table"] = _printed_table()
        context["kst_table"] = _kst_table_for(form if results is not None else None)
        context["kst_places"] = _table_places(
            form.cleaned_data["kvc_base"] if results is not None else calc.KVC_BASES[0]
        )
    return render(request, "productivity/calculator.html", context)


# The save form's own fields; everything else submitted is the calculator's input.
_SAVE_FIELDS = {"csrfmiddlewaretoken", "study", "phase", "improvement"}


def _carried(data):
    """The calculator's submitted values, carried by the «save into a study» form as hidden
    inputs under the names they came with."""
    return [
        (name, value)
        for name, values in data.lists()
        if name not in _SAVE_FIELDS
        for value in values
    ]


def _table_places(base):
    """Places the Kст table prints its band edges with: 2 as the manual does (0,40 < Kвц ≤ 0,45),
    more for a base with more places (0,425)."""
    return max(2, -base.normalize().as_tuple().exponent)


def _printed_table():
    from productivity.reference import printed_kst_table

    return printed_kst_table()


def _kst_table_for(form):
    if form is None:
        return calc.kst_table()
    return calc.kst_table(
        base=form.cleaned_data["kvc_base"], share=form.cleaned_data["worker_share"]
    )


@login_required
@require_POST
def calculator_save(request, slug):
    """Save the measurement calculator's inputs into a study as its «before» or «after»
    measurement (the piece-rate settings are the study's workplace's)."""
    current = calculators.BY_SLUG.get(slug)
    if current is None or not current.saves_into_study:
        raise Http404
    if not permissions.can_record_anywhere(request.user):
        raise PermissionDenied
    form = current.form_class(request.POST)
    save_form = StudyChoiceForm(request.POST, studies=selectors.editable_studies(user=request.user))
    results = calculators.run(current, form)
    if results is not None and save_form.is_valid():
        data = form.cleaned_data
        study = save_form.cleaned_data["study"]
        operation = {
            name: data[name] for name in inputs.specs(inputs.OperationData) if name != "name"
        }
        measurement = services.MeasurementData(
            phase=save_form.cleaned_data["phase"],
            measured_on=timezone.localdate(),
            operations=[services.OperationData(name=data["operation"], **operation)],
            **{name: data[name] for name in inputs.stored(inputs.MeasurementData)},
        )
        try:
            services.measurement_record(
                actor=request.user,
                study=study,
                data=measurement,
                improvement=save_form.cleaned_data["improvement"] or None,
            )
        except ApplicationError as error:
            for key, message in error.details.items():
                name = key.rsplit(".", 1)[-1]
                target = save_form if name in save_form.fields else form
                target.add_error(name if name in target.fields else None, str(message))
        else:
            messages.success(request, _("Результат сохранён в исследование."))
            return redirect(study)
    return render(
        request,
        "productivity/calculator.html",
        {
            "calculator": current,
            "form": form,
            "results": results,
            "save_form": save_form,
            "carried": _carried(request.POST),
            "query": "",
        },
        status=400,
    )
