"""Pages of step 3 «Содержание в чистоте» (§7, L950–1070; Appendices 19–25): the classifier,
the analyses, the cleaning-inspection plans, the cleaning schedules and the general cleaning,
each with its list, form (grids as formsets), signatures and printable form."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.permissions import visible_agencies, visible_rooms
from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.forms import add_grid_error
from core.idempotency import idempotent_form
from core.views import filtered_rows, require_portal_role
from standards.pages import agency_to_create, list_page, run_action
from standards.shine import documents, filters, permissions, selectors, services
from standards.shine.choices import (
    ANALYSIS_ROLES,
    PLAN_AGREEMENT_ROLES,
    PLAN_ROLES,
    AnalysisKind,
    SignRole,
)
from standards.shine.forms import (
    AnalysisForm,
    AnalysisRowFormSet,
    ContaminationForm,
    DoneDateFormSet,
    GeneralCleaningForm,
    PlanForm,
    PlanRowFormSet,
    ScheduleForm,
    ScheduleRowFormSet,
)


def _filter_form(request, filterset_class):
    """The list's filter form offering only the agencies and rooms the user may see."""
    form = filterset_class(request.GET or None).form
    if "agency" in form.fields:
        form.fields["agency"].queryset = visible_agencies(request.user).order_by("short_name")
    if "room" in form.fields:
        form.fields["room"].queryset = visible_rooms(request.user).order_by("agency", "name")
    return form


def _list_page(request, selector, filterset_class, template, extra=None):
    return list_page(
        request,
        selector,
        template,
        filter_form=_filter_form(request, filterset_class),
        extra={"editable": permissions.editable_agencies(request.user), **(extra or {})},
    )


def _agency_to_create(request) -> Agency:
    return agency_to_create(request, can_edit=permissions.can_edit)


def _signatures(user, form, roles):
    """The signature blocks of a form's page: who the form names, whether signed, and whether
    this user may sign now."""
    signed = selectors.signed_roles(form)
    return [
        {
            "role": role,
            "label": SignRole(role).label,
            "person": permissions.designated_signer(form, role),
            "signature": signed.get(role),
            "can_sign": role not in signed and permissions.may_sign(user, form, role),
        }
        for role in roles
    ]


def _edit_page(request, selector, pk, form_page, signed_message):
    """The edit page of a form of the team's (403 for others) until it is signed; a signed form
    goes back to its page saying why (`signed_message`)."""
    require_portal_role(request)
    record = selector(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, record.agency_id):
        raise PermissionDenied
    if record.signatures.all():
        messages.error(request, signed_message)
        return redirect(record)
    return form_page(request, record.agency, record)


def _sign(request, service, **form):
    """The signature in the role the page's button names (`role`)."""
    role = request.POST.get("role", "")
    run_action(request, service, _("Подпись отмечена."), role=role, **form)


def _grid_rows(formset):
    filled = formset.filled()
    return filled, [f.cleaned_data for f in filled]


def _save_with_grid(request, form, formset, *, save, success):
    """A header form and its grid sent to one service: `save(data)` creates or updates and
    returns the record. A refusal goes beside the field or the cell it names (nothing is
    saved, what was typed stays); success redirects to the record. None: show the page."""
    if request.method != "POST" or not (form.is_valid() and formset.is_valid()):
        return None
    filled, rows = _grid_rows(formset)
    try:
        record = save({**form.cleaned_data, "rows": rows})
    except ApplicationError as error:
        if any(k in form.fields for k in error.details):
            form.add_application_error(error)
        else:
            add_grid_error(formset, filled, error)
        return None
    messages.success(request, success)
    return redirect(record)


def _done_dates_form(request, record, dated, *, allowed, save, success):
    """The grid of actual dates of a form's page (`DoneDateFormSet`, a row for each of `dated`)
    for a user `allowed` to record them (no grid, and a POST refused, otherwise), sent to one
    service: `save(dates={row id: date or None})`. Returns the formset and, after a success,
    the redirect to the record (None: show the page); a refusal goes beside the row it names."""
    if not allowed:
        if request.method == "POST":
            raise PermissionDenied
        return None, None
    formset = DoneDateFormSet(
        request.POST or None,
        prefix="done",
        initial=[{"id": d.pk, "done_on": d.done_on} for d in dated],
    )
    if request.method != "POST" or not formset.is_valid():
        return formset, None
    forms = list(formset)
    try:
        save(
            dates={
                f.cleaned_data["id"]: f.cleaned_data.get("done_on")
                for f in forms
                if f.cleaned_data.get("id")
            }
        )
    except ApplicationError as error:
        add_grid_error(formset, forms, error)
        return formset, None
    messages.success(request, success)
    return formset, redirect(record)


# --- Classifier (Appendix 22) -----------------------------------------------------------------


@login_required
@idempotent_form
def contamination_list(request):
    """The classifier: the appendix's rows and each agency's own (L4517); the team adds one."""
    require_portal_role(request)
    agencies = permissions.editable_agencies(request.user)
    form = None
    if agencies.exists():
        form = ContaminationForm(request.POST or None)
        if request.method == "POST":
            agency = _agency_to_create(request)
            if form.is_valid():
                try:
                    services.contamination_create(
                        actor=request.user, agency=agency, data=form.cleaned_data
                    )
                except ApplicationError as error:
                    form.add_application_error(error)
                else:
                    messages.success(request, _("Вид загрязнения добавлен в классификатор."))
                    return redirect("standards:shine-classifier")
    elif request.method == "POST":
        raise PermissionDenied
    types, error = filtered_rows(request, selectors.contamination_list, filters_arg="filters_data")
    return render(
        request,
        "standards/shine/classifier.html",
        {
            "rows": types,
            "filter_form": _filter_form(request, filters.ContaminationTypeFilter),
            "filter_error": error,
            "form": form,
            "agencies": agencies,
        },
    )


@login_required
def contamination_xlsx(request):
    require_portal_role(request)
    types, error = filtered_rows(request, selectors.contamination_list, filters_arg="filters_data")
    if error is not None:
        return HttpResponseBadRequest(str(error.message))
    return file_response(documents.classifier_xlsx(types), XLSX_CONTENT_TYPE, "klassifikator.xlsx")


# --- Analyses (Appendices 19, 20, 23) ---------------------------------------------------------


@login_required
def analysis_list(request):
    return _list_page(
        request,
        selectors.analysis_list,
        filters.CleaningAnalysisFilter,
        "standards/shine/analysis_list.html",
        {"kinds": AnalysisKind.choices},
    )


def _analysis_rows_initial(analysis):
    return [
        {
            "room": r.room_id,
            "place": r.place,
            "contamination": r.contamination_id,
            "cause": r.cause,
            "action": r.action,
            "planned_on": r.planned_on,
            "responsible": r.responsible,
        }
        for r in analysis.rows.all()
    ]


def _analysis_form(request, agency, analysis=None):
    initial = {"kind": request.GET.get("kind")} if analysis is None else None
    form = AnalysisForm(request.POST or None, instance=analysis, agency=agency, initial=initial)
    formset = AnalysisRowFormSet(
        request.POST or None,
        prefix="rows",
        agency=agency,
        kinds=selectors.contamination_choices(agency_id=agency.pk),
        initial=_analysis_rows_initial(analysis) if analysis is not None else None,
    )

    def save(data):
        if analysis is None:
            return services.analysis_create(actor=request.user, agency=agency, data=data)
        data.pop("kind", None)
        return services.analysis_update(actor=request.user, analysis=analysis, data=data)

    done = _save_with_grid(request, form, formset, save=save, success=_("Анализ сохранён."))
    if done is not None:
        return done
    return render(
        request,
        "standards/shine/analysis_form.html",
        {"form": form, "formset": formset, "agency": agency, "analysis": analysis},
    )


@login_required
@idempotent_form
def analysis_create(request):
    require_portal_role(request)
    return _analysis_form(request, _agency_to_create(request))


@login_required
@idempotent_form
def analysis_edit(request, pk):
    return _edit_page(
        request,
        selectors.analysis_detail,
        pk,
        _analysis_form,
        _("Анализ уже согласован: его нельзя изменить."),
    )


@login_required
@idempotent_form
def analysis_detail(request, pk):
    """The analysis with its signatures; in Appendix 23 the checker enters the actual dates."""
    require_portal_role(request)
    analysis = selectors.analysis_detail(user=request.user, pk=pk)
    rows = list(analysis.rows.all())
    cleaning = analysis.kind == AnalysisKind.CLEANING_PLACES
    formset, done = _done_dates_form(
        request,
        analysis,
        rows,
        allowed=cleaning and permissions.can_record_analysis_done(request.user, analysis),
        save=partial(services.analysis_done_record, actor=request.user, analysis=analysis),
        success=_("Фактические даты сохранены."),
    )
    if done is not None:
        return done
    forms_by_row = {f.initial.get("id"): f for f in formset} if formset is not None else {}
    return render(
        request,
        "standards/shine/analysis_detail.html",
        {
            "analysis": analysis,
            "cleaning": cleaning,
            "rows": [{"row": r, "form": forms_by_row.get(r.pk)} for r in rows],
            "formset": formset,
            "today": calendar.today(),
            "signatures": _signatures(request.user, analysis, ANALYSIS_ROLES),
            "can_edit": permissions.can_edit(request.user, analysis.agency_id)
            and not analysis.signatures.all(),
        },
    )


@login_required
@require_POST
@idempotent_form
def analysis_sign(request, pk):
    require_portal_role(request)
    analysis = selectors.analysis_detail(user=request.user, pk=pk)
    _sign(request, services.analysis_sign, analysis=analysis)
    return redirect(analysis)


@login_required
def analysis_pdf(request, pk):
    require_portal_role(request)
    analysis = selectors.analysis_detail(user=request.user, pk=pk)
    return file_response(
        documents.analysis_pdf(analysis),
        PDF_CONTENT_TYPE,
        documents.analysis_filename(analysis),
        inline=True,
    )


@login_required
def analysis_xlsx(request, pk):
    require_portal_role(request)
    analysis = selectors.analysis_detail(user=request.user, pk=pk)
    return file_response(
        documents.analysis_xlsx(analysis),
        XLSX_CONTENT_TYPE,
        documents.analysis_filename(analysis, "xlsx"),
    )


# --- Plans (Appendix 24) ----------------------------------------------------------------------


@login_required
def plan_list(request):
    return _list_page(
        request, selectors.plan_list, filters.CleaningPlanFilter, "standards/shine/plan_list.html"
    )


def _plan_form(request, agency, plan=None):
    form = PlanForm(request.POST or None, instance=plan, agency=agency)
    initial = None
    if plan is not None:
        initial = [{k: getattr(r, k) for k in services.PLAN_ROW_FIELDS} for r in plan.rows.all()]
    formset = PlanRowFormSet(request.POST or None, prefix="rows", initial=initial)

    def save(data):
        if plan is None:
            return services.plan_create(actor=request.user, agency=agency, data=data)
        return services.plan_update(actor=request.user, plan=plan, data=data)

    done = _save_with_grid(
        request, form, formset, save=save, success=_("План уборки-проверки сохранён.")
    )
    if done is not None:
        return done
    return render(
        request,
        "standards/shine/plan_form.html",
        {"form": form, "formset": formset, "agency": agency, "plan": plan},
    )


@login_required
@idempotent_form
def plan_create(request):
    require_portal_role(request)
    return _plan_form(request, _agency_to_create(request))


@login_required
@idempotent_form
def plan_edit(request, pk):
    return _edit_page(
        request,
        selectors.plan_detail,
        pk,
        _plan_form,
        _("План уже подписан: его нельзя изменить."),
    )


@login_required
def plan_detail(request, pk):
    require_portal_role(request)
    plan = selectors.plan_detail(user=request.user, pk=pk)
    signatures = _signatures(request.user, plan, PLAN_ROLES)
    agreed = all(s["signature"] for s in signatures if s["role"] in PLAN_AGREEMENT_ROLES)
    for block in signatures:
        if block["role"] == SignRole.HEAD and not agreed:
            block["can_sign"] = False
    return render(
        request,
        "standards/shine/plan_detail.html",
        {
            "plan": plan,
            "signatures": signatures,
            "agreed": agreed,
            "schedules": plan.schedules.select_related("room").order_by("-period_start")[:20],
            "can_edit": permissions.can_edit(request.user, plan.agency_id)
            and not plan.signatures.all(),
        },
    )


@login_required
@require_POST
@idempotent_form
def plan_sign(request, pk):
    require_portal_role(request)
    plan = selectors.plan_detail(user=request.user, pk=pk)
    _sign(request, services.plan_sign, plan=plan)
    return redirect(plan)


@login_required
def plan_pdf(request, pk):
    require_portal_role(request)
    plan = selectors.plan_detail(user=request.user, pk=pk)
    return file_response(
        documents.plan_pdf(plan), PDF_CONTENT_TYPE, documents.plan_filename(plan), inline=True
    )


@login_required
def plan_xlsx(request, pk):
    require_portal_role(request)
    plan = selectors.plan_detail(user=request.user, pk=pk)
    return file_response(
        documents.plan_xlsx(plan), XLSX_CONTENT_TYPE, documents.plan_filename(plan, "xlsx")
    )


# --- Schedules (Appendix 25) ------------------------------------------------------------------


@login_required
def schedule_list(request):
    return _list_page(
        request,
        selectors.schedule_list,
        filters.CleaningScheduleFilter,
        "standards/shine/schedule_list.html",
        {"today": calendar.today()},
    )


@login_required
def schedule_list_xlsx(request):
    require_portal_role(request)
    schedules, error = filtered_rows(request, selectors.schedule_list, filters_arg="filters_data")
    if error is not None:
        return HttpResponseBadRequest(str(error.message))
    return file_response(
        documents.schedules_xlsx(schedules), XLSX_CONTENT_TYPE, "grafiki-uborki.xlsx"
    )


def _schedule_form(request, agency, schedule=None):
    initial = None
    if schedule is None and request.GET.get("plan", "").isdigit():
        initial = {"plan": int(request.GET["plan"])}
    form = ScheduleForm(request.POST or None, instance=schedule, agency=agency, initial=initial)
    rows_initial = None
    if schedule is not None:
        rows_initial = [
            {
                "work": r.work,
                "frequency": r.frequency,
                "dates": ", ".join(d.planned_on.strftime("%d.%m.%Y") for d in r.dates.all()),
            }
            for r in schedule.rows.all()
        ]
    formset = ScheduleRowFormSet(request.POST or None, prefix="rows", initial=rows_initial)

    def save(data):
        if schedule is None:
            return services.schedule_create(actor=request.user, agency=agency, data=data)
        return services.schedule_update(actor=request.user, schedule=schedule, data=data)

    done = _save_with_grid(request, form, formset, save=save, success=_("График уборки сохранён."))
    if done is not None:
        return done
    return render(
        request,
        "standards/shine/schedule_form.html",
        {"form": form, "formset": formset, "agency": agency, "schedule": schedule},
    )


@login_required
@idempotent_form
def schedule_create(request):
    require_portal_role(request)
    return _schedule_form(request, _agency_to_create(request))


@login_required
@idempotent_form
def schedule_edit(request, pk):
    return _edit_page(
        request,
        selectors.schedule_detail,
        pk,
        _schedule_form,
        _("График уже подписан: его нельзя изменить."),
    )


@login_required
@idempotent_form
def schedule_detail(request, pk):
    """The schedule: the employees it names mark the actual dates once it is signed (L1017)."""
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    signed = bool(schedule.signatures.all())
    staff_ids = frozenset(p.pk for p in schedule.staff.all())
    formset, done = _done_dates_form(
        request,
        schedule,
        [d for r in schedule.rows.all() for d in r.dates.all()],
        allowed=signed and permissions.can_record_schedule_done(request.user, schedule, staff_ids),
        save=partial(services.schedule_done_record, actor=request.user, schedule=schedule),
        success=_("Даты выполнения сохранены."),
    )
    if done is not None:
        return done
    forms_by_date = {f.initial.get("id"): f for f in formset} if formset is not None else {}
    return render(
        request,
        "standards/shine/schedule_detail.html",
        {
            "schedule": schedule,
            "rows": [
                {
                    "row": r,
                    "dates": [{"date": d, "form": forms_by_date.get(d.pk)} for d in r.dates.all()],
                }
                for r in schedule.rows.all()
            ],
            "formset": formset,
            "today": calendar.today(),
            "signatures": _signatures(request.user, schedule, [SignRole.DEPARTMENT_HEAD]),
            "can_edit": permissions.can_edit(request.user, schedule.agency_id) and not signed,
        },
    )


@login_required
@require_POST
@idempotent_form
def schedule_sign(request, pk):
    require_portal_role(request)
    schedule = selectors.schedule_detail(user=request.user, pk=pk)
    run_action(request, services.schedule_sign, _("График подписан."), schedule=schedule)
    return redirect(schedule)


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


# --- General cleaning (§7.3, L1025–1057) ------------------------------------------------------


@login_required
def general_list(request):
    return _list_page(
        request,
        selectors.general_cleaning_list,
        filters.GeneralCleaningFilter,
        "standards/shine/general_list.html",
    )


def _general_form(request, agency, cleaning=None):
    form = GeneralCleaningForm(request.POST or None, instance=cleaning)
    if request.method == "POST" and form.is_valid():
        try:
            if cleaning is None:
                cleaning = services.general_cleaning_create(
                    actor=request.user, agency=agency, data=form.cleaned_data
                )
            else:
                services.general_cleaning_update(
                    actor=request.user, cleaning=cleaning, data=form.cleaned_data
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Генеральная уборка-проверка сохранена."))
            return redirect(cleaning)
    return render(
        request,
        "standards/shine/general_form.html",
        {"form": form, "agency": agency, "cleaning": cleaning},
    )


@login_required
@idempotent_form
def general_create(request):
    require_portal_role(request)
    return _general_form(request, _agency_to_create(request))


@login_required
@idempotent_form
def general_edit(request, pk):
    return _edit_page(
        request,
        selectors.general_cleaning_detail,
        pk,
        _general_form,
        _("Дата уже согласована с руководителем: её нельзя изменить."),
    )


@login_required
def general_detail(request, pk):
    require_portal_role(request)
    cleaning = selectors.general_cleaning_detail(user=request.user, pk=pk)
    return render(
        request,
        "standards/shine/general_detail.html",
        {
            "cleaning": cleaning,
            "signatures": _signatures(request.user, cleaning, [SignRole.HEAD]),
            "can_edit": permissions.can_edit(request.user, cleaning.agency_id)
            and not cleaning.signatures.all(),
        },
    )


@login_required
@require_POST
@idempotent_form
def general_agree(request, pk):
    require_portal_role(request)
    cleaning = selectors.general_cleaning_detail(user=request.user, pk=pk)
    run_action(
        request,
        services.general_cleaning_agree,
        _("Дата генеральной уборки согласована; сотрудники уведомлены."),
        cleaning=cleaning,
    )
    return redirect(cleaning)
