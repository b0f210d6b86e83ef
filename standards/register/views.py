"""Pages of the register of 5S standards (§8.2, Appendix 29) and of the daily checklist
(Appendix 26). Thin: a form or the query string in, a service or selector called, a page out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.models import Agency
from agencies.people import person_of
from core import calendar
from core.documents import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, file_response
from core.exceptions import ApplicationError
from core.views import require_portal_role
from standards.register import documents, filters, permissions, selectors, services
from standards.register.choices import VersionStatus
from standards.register.forms import (
    AdoptForm,
    ChecklistForm,
    ChecklistItemFormSet,
    StandardEditForm,
    StandardForm,
    VersionForm,
)

PAGE_SIZE = 50


def _agency_or_404(user, pk):
    if pk is None or not permissions.can_read(user, pk):
        raise Http404
    return get_object_or_404(Agency, pk=pk)


def _agency_id(request):
    value = request.GET.get("agency")
    if value and value.isdigit() and int(value) <= selectors.MAX_ID:
        return int(value)
    person = person_of(request.user)
    return person.agency_id if person else None


def _filter_form(request, filterset_class):
    form = filterset_class(data=request.GET).form
    if "agency" in form.fields:
        form.fields["agency"].queryset = permissions.readable_agencies(request.user).order_by(
            "short_name"
        )
    return form


@login_required
def register(request):
    """The checklist of the eight mandatory standards (§8.2): one agency's, or across the region
    for the roles that read it."""
    require_portal_role(request)
    today = calendar.today()
    agency_id = request.GET.get("agency")
    matrix = selectors.region_matrix(
        user=request.user,
        today=today,
        agency_id=int(agency_id) if agency_id and agency_id.isdigit() else None,
    )
    single = matrix[0] if len(matrix) == 1 else None
    return render(
        request,
        "standards/register.html",
        {
            "matrix": matrix,
            "single": single,
            "kinds": selectors.kinds(),
            "today": today,
            "can_create": permissions.editable_agencies(request.user).exists(),
            "step_forms": [
                {"title": title, "shown": services.step_form_title(title)}
                for title in services.step_forms()
            ],
        },
    )


@login_required
def standard_list(request):
    require_portal_role(request)
    form = _filter_form(request, filters.StandardFilter)
    rows = selectors.standard_list(
        user=request.user, filters_data=request.GET if form.is_valid() else None
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/standard_list.html",
        {"filter_form": form, "page": page, "today": calendar.today()},
    )


@login_required
def standard_create(request):
    require_portal_role(request)
    agencies = permissions.editable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    initial = {
        "agency": _agency_id(request),
        "kind": request.GET.get("kind"),
        "title": request.GET.get("title", "")[:300],
    }
    form = StandardForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            standard = services.standard_create(
                actor=request.user,
                agency=data["agency"],
                kind=data["kind"],
                title=data["title"],
                purpose=data["purpose"],
                problems=data["problems"],
                text=data["text"],
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("5S-стандарт внесён в перечень."))
            return redirect(standard)
    return render(request, "standards/form.html", {"form": form, "title": _("Новый 5S-стандарт")})


@login_required
def standard_detail(request, pk):
    require_portal_role(request)
    standard = selectors.standard_detail(user=request.user, pk=pk)
    versions = list(standard.versions.all())
    return render(
        request,
        "standards/standard_detail.html",
        {
            "standard": standard,
            "versions": versions,
            "open_version": next(
                (v for v in versions if v.status in (VersionStatus.DRAFT, VersionStatus.AGREED)),
                None,
            ),
            "today": calendar.today(),
            "can_edit": permissions.can_edit(request.user, standard.agency_id),
            "adopt_agencies": permissions.editable_agencies(request.user).exclude(
                pk=standard.agency_id
            ),
        },
    )


@login_required
def standard_edit(request, pk):
    require_portal_role(request)
    standard = selectors.standard_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, standard.agency_id):
        raise PermissionDenied
    form = StandardEditForm(
        request.POST or None,
        initial={
            "title": standard.title,
            "purpose": standard.purpose,
            "problems": standard.problems,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_update(actor=request.user, standard=standard, data=form.cleaned_data)
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect(standard)
    return render(request, "standards/form.html", {"form": form, "title": standard.title})


@login_required
@require_POST
def standard_revise(request, pk):
    require_portal_role(request)
    standard = selectors.standard_detail(user=request.user, pk=pk)
    try:
        version = services.version_revise(actor=request.user, standard=standard)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(standard)
    return redirect("standards:version-edit", version.pk)


@login_required
@require_POST
def standard_adopt(request, pk):
    require_portal_role(request)
    source = selectors.standard_detail(user=request.user, pk=pk)
    form = AdoptForm(request.POST, agencies=permissions.editable_agencies(request.user))
    if not form.is_valid():
        raise PermissionDenied
    try:
        standard = services.standard_adopt(
            actor=request.user, source=source, agency=form.cleaned_data["agency"]
        )
    except ApplicationError as error:
        messages.error(request, " ".join([error.message, *map(str, error.details.values())]))
        return redirect(source)
    messages.success(request, _("5S-стандарт заимствован; отредактируйте и утвердите его."))
    return redirect(standard)


@login_required
def version_detail(request, pk):
    require_portal_role(request)
    version = selectors.version_detail(user=request.user, pk=pk)
    agency = version.standard.agency
    return render(
        request,
        "standards/version_detail.html",
        {
            "version": version,
            "standard": version.standard,
            "can_edit": version.status == VersionStatus.DRAFT
            and permissions.can_edit(request.user, agency.pk),
            "can_agree": version.status == VersionStatus.DRAFT
            and permissions.can_agree(request.user, agency.pk),
            "can_approve": version.status == VersionStatus.AGREED
            and permissions.can_approve(request.user, agency),
        },
    )


@login_required
def version_edit(request, pk):
    require_portal_role(request)
    version = selectors.version_detail(user=request.user, pk=pk)
    if not permissions.can_edit(request.user, version.standard.agency_id):
        raise PermissionDenied
    form = VersionForm(
        request.POST or None,
        request.FILES or None,
        initial={"text": version.text, "change_note": version.change_note},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.version_update(
                actor=request.user,
                version=version,
                text=data["text"],
                change_note=data["change_note"],
            )
            if data["attachment"]:
                services.attachment_add(
                    actor=request.user,
                    version=version,
                    file=data["attachment"],
                    caption=data["caption"],
                )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            return redirect(version)
    return render(
        request,
        "standards/form.html",
        {"form": form, "title": str(version), "multipart": True},
    )


def _sign(request, pk, service, done):
    require_portal_role(request)
    version = selectors.version_detail(user=request.user, pk=pk)
    try:
        service(actor=request.user, version=version)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(version)


@login_required
@require_POST
def version_agree(request, pk):
    return _sign(request, pk, services.version_agree, _("Редакция согласована."))


@login_required
@require_POST
def version_approve(request, pk):
    return _sign(request, pk, services.version_approve, _("Редакция утверждена."))


@login_required
def register_pdf(request):
    require_portal_role(request)
    agency = _agency_or_404(request.user, _agency_id(request))
    content = documents.register_pdf(agency=agency, today=calendar.today())
    return file_response(content, PDF_CONTENT_TYPE, f"standards-{agency.pk}.pdf")


@login_required
def register_xlsx(request):
    require_portal_role(request)
    agency = _agency_or_404(request.user, _agency_id(request))
    content = documents.register_xlsx(agency=agency, today=calendar.today())
    return file_response(content, XLSX_CONTENT_TYPE, f"standards-{agency.pk}.xlsx")


@login_required
def knowledge(request):
    """«ДИАрама»'s shelf of standards (§3.2.4): approved standards of every agency, searched by
    title and text, with how many agencies have each mandatory one approved."""
    if not permissions.can_read_knowledge_base(request.user):
        raise PermissionDenied
    form = _filter_form(request, filters.StandardFilter)
    rows = selectors.knowledge_standards(
        user=request.user, filters_data=request.GET if form.is_valid() else None
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/knowledge.html",
        {"filter_form": form, "page": page, "counts": selectors.approved_counts()},
    )


# --- The daily checklist ---------------------------------------------------------------------


@login_required
def checklist_list(request):
    require_portal_role(request)
    form = _filter_form(request, filters.ChecklistFilter)
    rows = selectors.checklist_list(
        user=request.user, filters_data=request.GET if form.is_valid() else None
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/checklist_list.html",
        {
            "filter_form": form,
            "page": page,
            "can_create": permissions.editable_agencies(request.user).exists(),
        },
    )


@login_required
def checklist_create(request):
    require_portal_role(request)
    agencies = permissions.editable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied
    agency_id = _agency_id(request)
    current = selectors.current_checklist(agency_id=agency_id) if agency_id else None
    initial_items = (
        [{"stage": i.stage, "text": i.text} for i in current.items.all()]
        if current is not None
        else services.checklist_template()
    )
    form = ChecklistForm(
        request.POST or None,
        agencies=agencies,
        initial={
            "agency": agency_id,
            "time_of_use": current.time_of_use if current else None,
            "duration_minutes": current.duration_minutes if current else 5,
        },
    )
    formset = ChecklistItemFormSet(request.POST or None, initial=initial_items, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [
            services.ChecklistItemInput(
                text=f.cleaned_data.get("text") or "", stage=f.cleaned_data.get("stage") or ""
            )
            for f in formset.forms
        ]
        try:
            checklist = services.checklist_create(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                time_of_use=form.cleaned_data["time_of_use"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                items=items,
            )
        except ApplicationError as error:
            form.add_application_error(error)
        else:
            messages.success(request, _("Новая редакция контрольного листа сохранена."))
            return redirect(checklist)
    return render(request, "standards/checklist_form.html", {"form": form, "formset": formset})


@login_required
def checklist_detail(request, pk):
    require_portal_role(request)
    checklist = selectors.checklist_detail(user=request.user, pk=pk)
    current = selectors.current_checklist(agency_id=checklist.agency_id)
    return render(
        request,
        "standards/checklist_detail.html",
        {
            "checklist": checklist,
            "is_current": current is not None and current.pk == checklist.pk,
            "can_approve": checklist.status == "draft"
            and permissions.can_approve(request.user, checklist.agency),
        },
    )


@login_required
@require_POST
def checklist_approve(request, pk):
    require_portal_role(request)
    checklist = selectors.checklist_detail(user=request.user, pk=pk)
    try:
        services.checklist_approve(actor=request.user, checklist=checklist)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect(checklist)


@login_required
def checklist_pdf(request, pk):
    require_portal_role(request)
    checklist = selectors.checklist_detail(user=request.user, pk=pk)
    content = documents.checklist_pdf(checklist=checklist)
    return file_response(content, PDF_CONTENT_TYPE, f"daily-checklist-{checklist.agency_id}.pdf")
