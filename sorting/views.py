import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency, FiveSTeam
from agencies.people import person_of
from core import calendar, idempotency
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.forms import add_grid_error
from core.idempotency import idempotent_form
from core.views import require_portal_role, selected_or_404
from sorting import filters, permissions, reports, selectors, services
from sorting.choices import TAG_BATCH_LIMIT, ListKind
from sorting.forms import (
    AddToRoundForm,
    AdmitForm,
    ApprovalForm,
    CarriedOutForm,
    CheckLineFormSet,
    ClassifierEntryForm,
    ControlSheetForm,
    DecisionForm,
    DecisionFormSet,
    RarelyNeededFormSet,
    RedTagForm,
    RoundForm,
    StorageCheckForm,
    TagBatchForm,
    id_or_none,
)

# Rows per page of the red-tag and sorting lists, which grow with every sorting.
PAGE_SIZE = 50
# The prefix of the rarely-needed lines grid (its own page and the round's one-row form).
LINES_PREFIX = "lines"


def _visible_agency_or_404(user, pk: int):
    if not permissions.can_view_agency(user, pk):
        raise Http404
    return get_object_or_404(Agency, pk=pk)


def _default_agency_id(request, *, param="agency"):
    value = id_or_none(request.POST.get(param) or request.GET.get(param))
    if value is not None:
        return value
    person = person_of(request.user)
    return person.agency_id if person else None


def _filter_form(request, filterset_class: type[django_filters.FilterSet]) -> forms.Form:
    """The list's FilterSet form bound to the query string; its agency choices are the agencies
    the user may see."""
    form = filterset_class(data=request.GET).form
    if "agency" in form.fields:
        form.fields["agency"].queryset = selectors.visible_agencies(user=request.user)
    return form


def _filtered(request, filterset_class, selector, **kwargs):
    """The filter form and the selector's rows: filtered when the form is valid; otherwise the
    form shows its errors above the unfiltered list (a hand-edited URL)."""
    form = _filter_form(request, filterset_class)
    rows = selector(user=request.user, filters=request.GET if form.is_valid() else None, **kwargs)
    return form, rows


# --- Overview and classifier -------------------------------------------------------------------


@login_required
def overview(request):
    require_portal_role(request)
    filter_form, rows = _filtered(request, filters.AgencyFilter, selectors.overview_rows)
    person = person_of(request.user)
    return render(
        request,
        "sorting/overview.html",
        {
            "rows": rows,
            "filter_form": filter_form,
            "today": calendar.today(),
            "can_mark": person is not None
            and permissions.can_mark_items(request.user, person.agency_id),
            "can_plan": person is not None
            and permissions.can_plan_rounds(request.user, person.agency_id),
            "own_agency_id": person.agency_id if person else None,
        },
    )


@login_required
@idempotent_form
def classifier(request):
    require_portal_role(request)
    person = person_of(request.user)
    team = (
        FiveSTeam.objects.filter(memberships__person=person).order_by("pk").first()
        if person
        else None
    )
    can_extend = team is not None and permissions.can_extend_classifier(request.user, team)
    form = ClassifierEntryForm(request.POST or None)
    if request.method == "POST":
        if not can_extend:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.classifier_entry_add(actor=request.user, team=team, **form.cleaned_data)
            except ApplicationError as error:
                form.add_application_error(error)
            else:
                messages.success(request, _("Позиция добавлена в классификатор 5S-команды."))
                return redirect("sorting:classifier")
    return render(
        request,
        "sorting/classifier.html",
        {
            "rows": selectors.classifier_table(team=team),
            "team": team,
            "form": form if can_extend else None,
            "sections": selectors.control_sheet_sections(),
        },
    )


# --- Red tags ----------------------------------------------------------------------------------


@login_required
def tag_list(request):
    require_portal_role(request)
    filter_form, tags = _filtered(request, filters.RedTagFilter, selectors.tag_list)
    page = Paginator(tags, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sorting/tag_list.html",
        {
            "page": page,
            "tags": page.object_list,
            "filter_form": filter_form,
            "today": calendar.today(),
        },
    )


def _tag_data(form):
    data = dict(form.cleaned_data)
    data.pop("agency", None)
    data.pop("round", None)
    return data


@login_required
@idempotent_form
def tag_create(request):
    require_portal_role(request)
    agencies = permissions.markable_agencies(request.user).order_by("short_name")
    agency_id = _default_agency_id(request)
    if agency_id is None or not agencies.filter(pk=agency_id).exists():
        agency = agencies.first()
        if agency is None:
            raise PermissionDenied
        agency_id = agency.pk
    person = person_of(request.user)
    initial = {
        "agency": agency_id,
        "marked_on": calendar.today(),
        "marked_by": person.full_name if person else "",
        "quantity": 1,
        "move_deadline": calendar.add_working_days(calendar.today(), 1),
        "round": request.GET.get("round"),
    }
    form = RedTagForm(request.POST or None, agencies=agencies, agency_id=agency_id, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            tag = services.redtag_create(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                data=_tag_data(form),
                sorting_round=form.cleaned_data.get("round"),
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(
                request, _("«Красный ярлык» № %(number)s оформлен.") % {"number": tag.number}
            )
            return redirect(tag)
    return render(request, "sorting/tag_form.html", {"form": form, "creating": True})


@login_required
def tag_detail(request, pk):
    require_portal_role(request)
    tag = selected_or_404(selectors.tag_detail, user=request.user, pk=pk)
    line = getattr(tag, "list_line", None)
    return render(
        request,
        "sorting/tag_detail.html",
        {
            "tag": tag,
            "line": line,
            "admission": getattr(tag, "admission", None),
            "can_edit": permissions.can_edit_tag(request.user, tag),
            "can_list": line is None and permissions.can_work_round(request.user, tag.agency_id),
            "can_admit": permissions.can_keep_zone(request.user, tag.agency_id),
            "rounds": selectors.open_rounds(agency_id=tag.agency_id),
            "qr": reports.tag_qr_data_uri(tag),
            "url": reports.tag_url(tag),
        },
    )


@login_required
@idempotent_form
def tag_edit(request, pk):
    require_portal_role(request)
    tag = selected_or_404(selectors.tag_detail, user=request.user, pk=pk)
    if not permissions.can_edit_tag(request.user, tag):
        raise PermissionDenied
    form = RedTagForm(
        request.POST or None,
        instance=tag,
        agencies=Agency.objects.none(),
        agency_id=tag.agency_id,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            # The form wrote the fields onto `tag`; the service re-reads and validates them.
            services.redtag_update(actor=request.user, tag=tag, data=_tag_data(form))
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("«Красный ярлык» сохранён."))
            return redirect(tag)
    return render(request, "sorting/tag_form.html", {"form": form, "tag": tag})


def _tag_add_to_round(request, tag):
    form = AddToRoundForm(request.POST, user=request.user, agency_id=tag.agency_id)
    if not form.is_valid():
        raise Http404
    sorting_round = form.cleaned_data["add_to_round"]
    try:
        services.redtag_add_to_list(actor=request.user, tag=tag, sorting_round=sorting_round)
    except ApplicationError as error:
        idempotency.forget(request)
        messages.error(request, error.message)
    else:
        messages.success(request, _("Предмет внесён в список «ненужных» предметов."))
    return redirect(tag)


@login_required
@require_POST
@idempotent_form
def tag_add_to_round(request, pk):
    tag = selected_or_404(selectors.tag_detail, user=request.user, pk=pk)
    if not permissions.can_work_round(request.user, tag.agency_id):
        raise PermissionDenied
    return _tag_add_to_round(request, tag)


@login_required
def tag_pdf(request, pk):
    require_portal_role(request)
    tag = selected_or_404(selectors.tag_detail, user=request.user, pk=pk)
    return file_response(
        reports.tags_pdf([tag]), PDF_CONTENT_TYPE, reports.tag_filename(tag), inline=True
    )


@login_required
def tag_batch_pdf(request):
    require_portal_role(request)
    form = TagBatchForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    if not form.cleaned_data["ids"] and form.cleaned_data["round"] is None:
        # «Печать выбранных» with nothing ticked: say so on the list (issue 17, item 12).
        messages.warning(request, _("Отметьте ярлыки, которые нужно напечатать."))
        return redirect("sorting:tag-list")
    tags = selectors.tags_for_print(
        user=request.user,
        ids=form.cleaned_data["ids"][:TAG_BATCH_LIMIT],
        sorting_round=form.cleaned_data["round"],
    )
    tags = list(tags[:TAG_BATCH_LIMIT])
    if not tags:
        raise Http404
    return file_response(
        reports.tags_pdf(tags, batch=True), PDF_CONTENT_TYPE, "red-tags.pdf", inline=True
    )


# --- Rounds ------------------------------------------------------------------------------------


@login_required
def round_list(request):
    require_portal_role(request)
    filter_form, rounds = _filtered(request, filters.SortingRoundFilter, selectors.round_list)
    page = Paginator(rounds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sorting/round_list.html",
        {"page": page, "rounds": page.object_list, "filter_form": filter_form},
    )


@login_required
@idempotent_form
def round_create(request):
    require_portal_role(request)
    agency_id = _default_agency_id(request)
    if agency_id is None or not permissions.can_plan_rounds(request.user, agency_id):
        raise PermissionDenied
    agency = get_object_or_404(Agency, pk=agency_id)
    form = RoundForm(request.POST or None, agency=agency, initial={"date_from": calendar.today()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            sorting_round = services.round_create(
                actor=request.user,
                agency=agency,
                date_from=data["date_from"],
                date_to=data["date_to"],
                rooms=data["rooms"],
                participants=list(data["participants"]),
                next_sorting_on=data["next_sorting_on"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Сортировка назначена."))
            return redirect(sorting_round)
    return render(request, "sorting/round_form.html", {"form": form, "agency": agency})


@login_required
@idempotent_form
def round_edit(request, pk):
    require_portal_role(request)
    sorting_round = selected_or_404(selectors.round_detail, user=request.user, pk=pk)
    if not permissions.can_plan_rounds(request.user, sorting_round.agency_id):
        raise PermissionDenied
    form = RoundForm(request.POST or None, instance=sorting_round, agency=sorting_round.agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["participants"] = list(data["participants"])
        try:
            services.round_update(actor=request.user, sorting_round=sorting_round, data=data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Сортировка сохранена."))
            return redirect(sorting_round)
    return render(
        request,
        "sorting/round_form.html",
        {"form": form, "agency": sorting_round.agency, "round": sorting_round},
    )


@login_required
def round_detail(request, pk):
    require_portal_role(request)
    sorting_round = selected_or_404(selectors.round_detail, user=request.user, pk=pk)
    lists = {item.kind: item for item in sorting_round.lists.all()}
    checked = {mark.item_id for mark in sorting_round.marks.all()}
    agency_id = sorting_round.agency_id
    return render(
        request,
        "sorting/round_detail.html",
        {
            "round": sorting_round,
            "unneeded": lists.get(ListKind.UNNEEDED),
            "rarely_needed": lists.get(ListKind.RARELY_NEEDED),
            "sections": selectors.control_sheet_sections(),
            "checked": checked,
            "can_plan": permissions.can_plan_rounds(request.user, agency_id),
            "can_work": permissions.can_work_round(request.user, agency_id),
            "can_mark": permissions.can_mark_items(request.user, agency_id),
            "can_decide": permissions.can_decide(request.user, agency_id),
            "line_formset": RarelyNeededFormSet(
                prefix=LINES_PREFIX, form_kwargs={"agency_id": agency_id}, rows=1
            ),
            "today": calendar.today(),
        },
    )


@login_required
@require_POST
@idempotent_form
def control_sheet(request, pk):
    sorting_round = selected_or_404(selectors.round_detail, user=request.user, pk=pk)
    if not permissions.can_work_round(request.user, sorting_round.agency_id):
        raise PermissionDenied
    form = ControlSheetForm(request.POST)
    if not form.is_valid():
        idempotency.forget(request)
        messages.error(request, _("Лист контроля не сохранён: неизвестный пункт."))
        return redirect(sorting_round)
    try:
        services.control_sheet_save(
            actor=request.user,
            sorting_round=sorting_round,
            checked_item_ids=form.cleaned_data["items"],
        )
    except ApplicationError as error:
        idempotency.forget(request)
        messages.error(request, error.message)
    else:
        messages.success(request, _("Лист контроля сортировки сохранён."))
    return redirect(sorting_round)


@login_required
@idempotent_form
def rarely_needed_add(request, pk):
    """New lines of the rarely-needed list (Appendix 17), several at once: a grid."""
    sorting_round = selected_or_404(selectors.round_detail, user=request.user, pk=pk)
    if not permissions.can_work_round(request.user, sorting_round.agency_id):
        raise PermissionDenied
    formset = RarelyNeededFormSet(
        request.POST or None,
        prefix=LINES_PREFIX,
        form_kwargs={"agency_id": sorting_round.agency_id},
    )
    if request.method == "POST" and formset.is_valid():
        filled = formset.filled()
        try:
            if not filled:
                raise ApplicationError(_("Заполните хотя бы одну строку."))
            services.rarely_needed_lines_add(
                actor=request.user,
                sorting_round=sorting_round,
                rows=[form.cleaned_data for form in filled],
            )
        except ApplicationError as error:
            add_grid_error(formset, filled, error)
        else:
            messages.success(
                request,
                _("Предмет внесён в список «ненужных срочно» предметов.")
                if len(filled) == 1
                else _("Внесено строк в список «ненужных срочно» предметов: %(count)s.")
                % {"count": len(filled)},
            )
            return redirect(sorting_round)
    return render(request, "sorting/line_form.html", {"formset": formset, "round": sorting_round})


# --- Lists, decisions, agreements ------------------------------------------------------------


@login_required
def list_detail(request, pk):
    require_portal_role(request)
    sorting_list = selected_or_404(selectors.list_detail, user=request.user, pk=pk)
    lines = list(sorting_list.lines.all())
    approvals = list(sorting_list.approvals.all())
    return render(
        request,
        "sorting/list_detail.html",
        {
            "list": sorting_list,
            "round": sorting_list.round,
            "lines": lines,
            "approvals": approvals,
            "missing": selectors.list_missing_approvals(sorting_list, approvals, lines),
            "agreed": selectors.list_is_agreed(sorting_list, approvals, lines),
            "undecided": any(line.decision_id is None for line in lines),
            "can_decide": permissions.can_decide(request.user, sorting_list.round.agency_id),
            "approval_form": ApprovalForm(initial={"agreed_on": calendar.today()}),
            "today": calendar.today(),
        },
    )


@login_required
@require_POST
@idempotent_form
def list_approve(request, pk):
    sorting_list = selected_or_404(selectors.list_detail, user=request.user, pk=pk)
    if not permissions.can_decide(request.user, sorting_list.round.agency_id):
        raise PermissionDenied
    form = ApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.list_approve(
                actor=request.user, sorting_list=sorting_list, **form.cleaned_data
            )
        except ApplicationError as error:
            idempotency.forget(request)
            messages.error(
                request,
                " ".join([str(error.message), *[str(m) for m in error.details.values()]]),
            )
        else:
            messages.success(request, _("Согласование внесено."))
    else:
        idempotency.forget(request)
        messages.error(request, _("Согласование не сохранено: заполните все поля."))
    return redirect(sorting_list)


@login_required
def list_pdf(request, pk):
    require_portal_role(request)
    sorting_list = selected_or_404(selectors.list_detail, user=request.user, pk=pk)
    return file_response(
        reports.list_pdf(sorting_list), PDF_CONTENT_TYPE, reports.list_filename(sorting_list, "pdf")
    )


@login_required
def list_xlsx(request, pk):
    require_portal_role(request)
    sorting_list = selected_or_404(selectors.list_detail, user=request.user, pk=pk)
    return file_response(
        reports.list_xlsx(sorting_list),
        XLSX_CONTENT_TYPE,
        reports.list_filename(sorting_list, "xlsx"),
    )


@login_required
@idempotent_form
def line_decide(request, pk):
    line = selected_or_404(selectors.line_detail, user=request.user, pk=pk)
    if not permissions.can_decide(request.user, line.sorting_list.round.agency_id):
        raise PermissionDenied
    initial = {
        "decider_name": line.decider_name,
        "decider_position": line.decider_position,
        "decision": line.decision_id or (line.red_tag.action_id if line.red_tag_id else None),
        "execute_by": line.execute_by,
    }
    form = DecisionForm(request.POST or None, line=line, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.line_decide(actor=request.user, line=line, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Решение внесено в список."))
            return redirect(line.sorting_list)
    return render(request, "sorting/decision_form.html", {"form": form, "line": line})


@login_required
@idempotent_form
def list_decisions(request, pk):
    """The decisions of a whole list entered as a grid, one row per line (§5.4, L751)."""
    sorting_list = selected_or_404(selectors.list_detail, user=request.user, pk=pk)
    if not permissions.can_decide(request.user, sorting_list.round.agency_id):
        raise PermissionDenied
    lines = list(sorting_list.lines.all())
    agreed = selectors.list_is_agreed(sorting_list, list(sorting_list.approvals.all()), lines)
    formset = DecisionFormSet(request.POST or None, lines=lines)
    if request.method == "POST" and formset.is_valid():
        filled = formset.filled()
        try:
            if not filled:
                raise ApplicationError(_("Внесите решение хотя бы в одну строку."))
            services.line_decisions_record(
                actor=request.user, sorting_list=sorting_list, rows=formset.rows()
            )
        except ApplicationError as error:
            add_grid_error(formset, filled, error)
        else:
            messages.success(request, _("Решения внесены в список."))
            return redirect(sorting_list)
    return render(
        request,
        "sorting/decisions_form.html",
        {"list": sorting_list, "formset": formset, "agreed": agreed},
    )


@login_required
@idempotent_form
def line_carried_out(request, pk):
    line = selected_or_404(selectors.line_detail, user=request.user, pk=pk)
    if not permissions.can_decide(request.user, line.sorting_list.round.agency_id):
        raise PermissionDenied
    form = CarriedOutForm(request.POST or None, initial={"carried_out_on": calendar.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.line_mark_carried_out(actor=request.user, line=line, **form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Исполнение решения отмечено."))
            return redirect(line.sorting_list)
    return render(request, "sorting/carried_out_form.html", {"form": form, "line": line})


# --- Storage zone --------------------------------------------------------------------------


@login_required
def zone(request, agency_pk):
    require_portal_role(request)
    agency = _visible_agency_or_404(request.user, agency_pk)
    can_keep = permissions.can_keep_zone(request.user, agency.pk)
    team = FiveSTeam.objects.filter(agencies=agency).select_related("storage_keeper").first()
    return render(
        request,
        "sorting/zone.html",
        {
            "agency": agency,
            "team": team,
            "rows": selectors.zone_rows(agency_id=agency.pk),
            "checks": selectors.zone_checks(agency_id=agency.pk),
            "check_overdue": selectors.zone_check_overdue(agency_id=agency.pk),
            "can_keep": can_keep,
            "admit_form": AdmitForm(agency_id=agency.pk, initial={"admitted_on": calendar.today()})
            if can_keep
            else None,
            "today": calendar.today(),
        },
    )


@login_required
@require_POST
@idempotent_form
def zone_admit(request, agency_pk):
    agency = _visible_agency_or_404(request.user, agency_pk)
    if not permissions.can_keep_zone(request.user, agency.pk):
        raise PermissionDenied
    form = AdmitForm(request.POST, agency_id=agency.pk)
    if form.is_valid():
        try:
            services.storage_admit(
                actor=request.user,
                tag=form.cleaned_data["red_tag"],
                admitted_on=form.cleaned_data["admitted_on"],
            )
        except ApplicationError as error:
            idempotency.forget(request)
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Предмет помещён в зону временного хранения."))
    else:
        idempotency.forget(request)
        messages.error(request, _("Выберите «красный ярлык» предмета."))
    return redirect("sorting:zone", agency.pk)


@login_required
@idempotent_form
def zone_check(request, agency_pk):
    """The weekly check (§5.3, L715–721): a grid of the items in the zone."""
    agency = _visible_agency_or_404(request.user, agency_pk)
    if not permissions.can_keep_zone(request.user, agency.pk):
        raise PermissionDenied
    rows = selectors.zone_rows(agency_id=agency.pk)
    data = request.POST if request.method == "POST" else None
    form = StorageCheckForm(data, initial={"checked_on": calendar.today()})
    formset = CheckLineFormSet(data, rows=rows)
    if (
        data is not None
        and form.is_valid()
        and formset.is_valid()
        and formset.check_dates(form.cleaned_data["checked_on"])
    ):
        try:
            services.storage_check_record(
                actor=request.user,
                agency=agency,
                checked_on=form.cleaned_data["checked_on"],
                entries=formset.entries(),
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Еженедельная проверка записана."))
            return redirect("sorting:zone", agency.pk)
    return render(
        request,
        "sorting/zone_check.html",
        {"agency": agency, "form": form, "formset": formset},
    )
